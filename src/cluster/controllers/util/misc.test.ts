import { describe, it, expect } from 'vitest'
import { Clock } from '../../clock'
import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS } from './expectations'
import { scaledValue } from './intstr'
import { isPodAvailable } from './pods'
import { slowStartBatch } from './slowstart'

describe('slowStartBatch', () => {
  it('makes every call when none fails', () => {
    let calls = 0
    const r = slowStartBatch(10, () => { calls++ })
    expect(r.successes).toBe(10)
    expect(calls).toBe(10)
    expect(r.error).toBeUndefined()
  })
  it('stops after the first batch that has an error', () => {
    let calls = 0
    const r = slowStartBatch(100, (i) => { calls++; if (i === 4) throw new Error('quota') })
    // batches 1, 2, then the batch of 4 (indices 3..6) fails; nothing after it is tried.
    expect(calls).toBe(7)
    expect(r.successes).toBe(6)
    expect((r.error as Error).message).toBe('quota')
  })
})

describe('IntOrString scaling', () => {
  it('25% of 10 rounds up to 3 for surge and down to 2 for unavailable', () => {
    expect(scaledValue('25%', 10, true)).toBe(3)
    expect(scaledValue('25%', 10, false)).toBe(2)
  })
  it('an int is taken as it is', () => {
    expect(scaledValue(2, 10, true)).toBe(2)
  })
  it('a string that is not a percentage is an error', () => {
    expect(() => scaledValue('abc', 10, true)).toThrow(/invalid value for IntOrString/)
  })
})

describe('isPodAvailable', () => {
  const pod = (lt: string) => ({ status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: lt }] } })
  it('needs to have been ready for strictly more than minReadySeconds', () => {
    const t = Date.UTC(2026, 0, 1, 9, 0, 0)
    const p = pod('2026-01-01T09:00:00Z')
    expect(isPodAvailable(p, 10, t + 10_000)).toBe(false)
    expect(isPodAvailable(p, 10, t + 10_001)).toBe(true)
    expect(isPodAvailable(p, 0, t)).toBe(true)
  })
})

describe('ControllerExpectations', () => {
  it('is unsatisfied until every expected creation is observed', () => {
    const clock = new Clock()
    const e = new ControllerExpectations(clock)
    e.expectCreations('ns/rs', 2)
    expect(e.satisfied('ns/rs')).toBe(false)
    e.creationObserved('ns/rs')
    e.creationObserved('ns/rs')
    expect(e.satisfied('ns/rs')).toBe(true)
  })
  it('counts a deleted pod once however many events report it', () => {
    const e = new ControllerExpectations(new Clock())
    e.expectDeletions('k', ['ns/a', 'ns/b'])
    e.deletionObserved('k', 'ns/a')
    e.deletionObserved('k', 'ns/a')
    expect(e.satisfied('k')).toBe(false)
    e.deletionObserved('k', 'ns/b')
    expect(e.satisfied('k')).toBe(true)
  })
  it('expires after five minutes so a lost event cannot wedge a controller', () => {
    const clock = new Clock()
    const e = new ControllerExpectations(clock)
    e.expectCreations('k', 1)
    clock.advance(EXPECTATIONS_TIMEOUT_MS + 1)
    expect(e.satisfied('k')).toBe(true)
  })
})
