import { describe, expect, it } from 'vitest'
import { Clock } from './clock'
import { Random } from './random'

describe('Clock', () => {
  it('runs events in time order, ties in scheduling order', () => {
    const clock = new Clock()
    const seen: string[] = []
    clock.schedule(20, () => seen.push('b'))
    clock.schedule(10, () => seen.push('a'))
    clock.schedule(20, () => seen.push('c'))
    clock.advance(15)
    expect(seen).toEqual(['a'])
    clock.advance(5)
    expect(seen).toEqual(['a', 'b', 'c'])
  })

  it('an event sees the virtual time it was due at', () => {
    const clock = new Clock({ epoch: 0 })
    let at = -1
    clock.schedule(1500, () => (at = clock.now()))
    clock.advance(10_000)
    expect(at).toBe(1500)
    expect(clock.now()).toBe(10_000)
  })

  it('step jumps to the next event and stops there', () => {
    const clock = new Clock({ epoch: 0 })
    clock.schedule(300_000, () => {})
    expect(clock.step()).toBe(true)
    expect(clock.now()).toBe(300_000)
    expect(clock.step()).toBe(false)
  })

  it('cancelled events never run', () => {
    const clock = new Clock()
    let ran = false
    const id = clock.schedule(5, () => (ran = true))
    clock.cancel(id)
    clock.advance(10)
    expect(ran).toBe(false)
    expect(clock.pending()).toBe(0)
  })

  it('zero-delay work scheduled by an event runs in the same settle', () => {
    const clock = new Clock()
    const seen: number[] = []
    clock.schedule(0, () => {
      seen.push(1)
      clock.schedule(0, () => seen.push(2))
    })
    clock.settle()
    expect(seen).toEqual([1, 2])
  })

  it('timestamps are RFC 3339 at second precision, as metav1.Time', () => {
    const clock = new Clock({ epoch: Date.UTC(2026, 0, 1, 9, 0, 0, 750) })
    expect(clock.timestamp()).toBe('2026-01-01T09:00:00Z')
    expect(clock.microTimestamp()).toBe('2026-01-01T09:00:00.750000Z')
  })
})

describe('Random', () => {
  it('the same seed gives the same sequence; a saved state continues it', () => {
    const a = new Random(42)
    const b = new Random(42)
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()])
    const saved = a.state()
    const x = a.nameSuffix()
    expect(new Random(saved).nameSuffix()).toBe(x)
  })

  it('different seeds differ', () => {
    expect(new Random(1).nameSuffix(10)).not.toBe(new Random(2).nameSuffix(10))
  })

  it('name suffixes use only kube\'s consonant-and-digit alphabet', () => {
    const r = new Random(3)
    for (let i = 0; i < 200; i++) expect(r.nameSuffix()).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/)
  })
})
