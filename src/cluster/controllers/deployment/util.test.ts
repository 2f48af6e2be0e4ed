import { describe, it, expect } from 'vitest'
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import { getProportion, maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts } from './util'

const deploy = (replicas: number, surge: number | string = '25%', unavailable: number | string = '25%'): Deployment => ({
  metadata: { name: 'web' },
  spec: { replicas, selector: {}, template: {}, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } },
})
const rs = (replicas: number, annotations: Record<string, string> = {}): ReplicaSet => ({ metadata: { name: 'x', annotations }, spec: { replicas, selector: {} } })

describe('surge and unavailability fenceposts (ResolveFenceposts)', () => {
  it('25%/25% of 3 replicas is surge 1 (rounded up) and unavailable 0 (rounded down)', () => {
    expect(resolveFenceposts('25%', '25%', 3)).toEqual({ surge: 1, unavailable: 0 })
  })
  it('25%/25% of 10 replicas is surge 3 and unavailable 2', () => {
    expect(resolveFenceposts('25%', '25%', 10)).toEqual({ surge: 3, unavailable: 2 })
  })
  it('when both round to zero, one pod may be unavailable', () => {
    expect(resolveFenceposts('0%', '25%', 1)).toEqual({ surge: 0, unavailable: 1 })
  })
  it('maxUnavailable never exceeds the replica count', () => {
    expect(maxUnavailable(deploy(2, 0, 5))).toBe(2)
  })
  it('Recreate has no surge and no unavailability budget', () => {
    const d = deploy(4)
    d.spec!.strategy = { type: 'Recreate' }
    expect(maxSurge(d)).toBe(0)
    expect(maxUnavailable(d)).toBe(0)
  })
})

describe('NewRSNewReplicas', () => {
  it('the new ReplicaSet grows only as far as replicas + maxSurge allows', () => {
    const d = deploy(3)
    const old = rs(3)
    const fresh = rs(0)
    expect(newRSNewReplicas(d, [old, fresh], fresh)).toBe(1)
  })
  it('a new ReplicaSet of a fresh Deployment gets every replica at once', () => {
    const fresh = rs(0)
    expect(newRSNewReplicas(deploy(3), [fresh], fresh)).toBe(3)
  })
})

describe('proportional scaling (GetProportion)', () => {
  it('a ReplicaSet holding half the pods gets half of an increase', () => {
    // 10 replicas, surge 3 -> max 13; the RS was sized for max-replicas 13 and holds 6.
    const d = deploy(20)
    const r = rs(6, { 'deployment.kubernetes.io/max-replicas': '13' })
    // 20 + 5 surge = 25; 6 * 25 / 13 = 11.54 -> 12, so +6
    expect(getProportion(r, d, 12, 0)).toBe(6)
  })
  it('never gives more than what is left to add', () => {
    const d = deploy(20)
    const r = rs(6, { 'deployment.kubernetes.io/max-replicas': '13' })
    expect(getProportion(r, d, 12, 10)).toBe(2)
  })
})
