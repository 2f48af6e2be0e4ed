import { describe, expect, it } from 'vitest'
import { defaultScaleDown, defaultScaleUp } from '../../apiserver/kinds/autoscaling'
import { limitByRules, limitRate, stabilize, stabilizeDown } from './behavior'

const up = defaultScaleUp()
const down = defaultScaleDown()

describe('stabilize (spec.behavior)', () => {
  it('scales down only to the highest recommendation of the last 300 s', () => {
    const recs = [{ replicas: 7, at: 0 }, { replicas: 5, at: 100_000 }]
    expect(stabilize(recs, 1, 7, 200_000, up, down)).toMatchObject({
      replicas: 7, condition: { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' },
    })
    // At 301 s the 7 has left the window; 5 is the highest left.
    expect(stabilize(recs, 1, 7, 301_000, up, down).replicas).toBe(5)
  })

  it('scales up at once with the default 0 s window, and to the lowest recommendation of a longer one', () => {
    expect(stabilize([{ replicas: 1, at: 0 }], 6, 1, 15_000, up, down)).toMatchObject({ replicas: 6, condition: { reason: 'ReadyForNewScale' } })
    const slowUp = { ...up, stabilizationWindowSeconds: 60 }
    expect(stabilize([{ replicas: 3, at: 0 }], 6, 1, 15_000, slowUp, down)).toMatchObject({ replicas: 3, condition: { reason: 'ScaleUpStabilized' } })
  })
})

describe('limitRate (spec.behavior policies)', () => {
  const base = { min: 1, max: 10, now: 100_000, up, down, upEvents: [], downEvents: [] }
  it('adds at most max(4 pods, 100%) per 15 s', () => {
    expect(limitRate({ ...base, desired: 9, current: 1 })).toEqual({
      replicas: 5, condition: { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' },
    })
    expect(limitRate({ ...base, desired: 9, current: 3 }).replicas).toBe(7)
    // Scaled from 1 to 5 ten seconds ago: the period started at 1, so 5 is already the limit.
    expect(limitRate({ ...base, desired: 9, current: 5, upEvents: [{ change: 4, at: 90_000 }] }).replicas).toBe(5)
  })

  it('stops at maxReplicas and minReplicas with their reasons', () => {
    expect(limitRate({ ...base, desired: 30, current: 8 }).condition.reason).toBe('TooManyReplicas')
    expect(limitRate({ ...base, min: 2, desired: 1, current: 4 })).toEqual({
      replicas: 2, condition: { reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' },
    })
    expect(limitRate({ ...base, desired: 4, current: 4 }).condition).toEqual({ reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' })
  })

  it('limits a scale down by its policies', () => {
    const slow = { ...down, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] }
    expect(limitRate({ ...base, down: slow, desired: 1, current: 7 })).toMatchObject({ replicas: 6, condition: { reason: 'ScaleDownLimit' } })
  })
})

describe('HPAs without behavior (the controller\'s own rules)', () => {
  it('scale up at most to max(2 × current, 4)', () => {
    expect(limitByRules(1, 5, 1, 10)).toEqual({ replicas: 4, condition: { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' } })
    expect(limitByRules(4, 9, 1, 10).replicas).toBe(8)
    expect(limitByRules(4, 9, 1, 6).condition.reason).toBe('TooManyReplicas')
  })

  it('scale down to the highest recommendation of the last 5 minutes', () => {
    expect(stabilizeDown([{ replicas: 7, at: 0 }], 1, 299_000).replicas).toBe(7)
    expect(stabilizeDown([{ replicas: 7, at: 0 }], 1, 301_000)).toMatchObject({ replicas: 1, condition: { reason: 'ReadyForNewScale' } })
  })
})
