// Rolling updates checked at every instant of virtual time: the bounds kube's deployment controller
// promises (pkg/controller/deployment/rolling.go) hold throughout, rollovers included.
import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import { BAD_IMAGE, IMAGES, strategyArb } from './operations'
import { playRollout, type Rollout } from './rolling'

const rolloutArb: fc.Arbitrary<Rollout> = fc.record({
  seed: fc.integer({ min: 1, max: 1_000 }),
  replicas: fc.integer({ min: 1, max: 8 }),
  strategy: strategyArb,
  changes: fc.array(fc.record({ image: fc.constantFrom(...IMAGES), wait: fc.integer({ min: 0, max: 60_000 }) }), { minLength: 1, maxLength: 3 }),
}).map(({ strategy, ...r }) => ({ ...r, ...strategy }))

describe('RollingUpdate bounds at every clock step', () => {
  // kube rolling.go reconcileNewReplicaSet → util/deployment_util.go NewRSNewReplicas: the ReplicaSets' spec.replicas sum, and so the active
  // (non-terminating) pods, never exceed replicas + maxSurge (a percentage rounded up); in v1.35
  // terminating pods do not count (KEP-3973 only reports them in status.terminatingReplicas).
  // kube DeploymentComplete: a rollout to a pullable image ends with replicas = updated = available.
  it('never exceeds replicas + maxSurge, and a rollout to a pullable image completes', () => {
    fc.assert(
      fc.property(rolloutArb, (r) => {
        const out = playRollout(r)
        expect(out.surge).toEqual([])
        expect(r.changes.at(-1)!.image === BAD_IMAGE || out.complete).toBe(true)
      }),
      { seed: 20260102, numRuns: 25 },
    )
  })

  // kube rolling.go scaleDownOldReplicaSetsForRollingUpdate: old ReplicaSets shrink only while the
  // available pods stay at or above replicas - maxUnavailable (a percentage rounded down).
  // Found here once: the controller read an old ReplicaSet's availableReplicas written just before
  // that set deleted pods (see regressions.test.ts); fixed in controllers/deployment/rolling.ts.
  it('never drops below replicas - maxUnavailable available pods', () => {
    fc.assert(
      fc.property(rolloutArb, (r) => {
        expect(playRollout(r).availability).toEqual([])
      }),
      // No shrinking: the shrunk case is the explicit regression test.
      { seed: 20260102, numRuns: 30, endOnFailure: true },
    )
  })
})
