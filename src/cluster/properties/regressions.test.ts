// Failing cases the property tests found, kept as plain tests (shrunk by fast-check, then by hand).
import { describe, expect, it } from 'vitest'
import type { Node } from 'kubernetes-types/core/v1'
import { createCluster } from '../cluster'
import type { Op } from './operations'
import { play } from './play'
import { playRollout } from './rolling'

describe('regressions found by the property tests', () => {
  // kube: CreateStatefulPod returns AlreadyExists so the sync is retried; the terminating pod of the
  // deleted set goes (garbage collector, 30 s grace) and the new set then creates db-0 itself.
  it('a StatefulSet re-created at once after a Background delete gets its pod back', () => {
    const ops: Op[] = [
      { op: 'applyStatefulSet', name: 'db', replicas: 1, image: 'nginx:1.14.2', parallel: false },
      { op: 'advance', ms: 30_000 },
      { op: 'delete', kind: 'StatefulSet', name: 'db', policy: 'Background' },
      { op: 'applyStatefulSet', name: 'db', replicas: 1, image: 'nginx:1.14.2', parallel: false },
    ]
    expect(play(1, ops).errors).toEqual([])
  })

  // Virtual time is fractional (kubelet heartbeat jitter); an Event recorded then crashed the clock
  // loop (BigInt of a fraction) — seen mid-rollout as "cannot be converted to a BigInt".
  it('an Event recorded at a fractional virtual instant is stored', () => {
    const c = createCluster({ seed: 1 })
    c.clock.advance(1234.5)
    const node = c.api.get<Node>('Node', undefined, 'node-1')
    expect(() => c.events.record(node, 'Normal', 'Test', 'at a fractional instant', { component: 'test' })).not.toThrow()
    expect(c.api.list('Event', { namespace: 'default' }).some((e) => (e as { reason?: string }).reason === 'Test')).toBe(true)
    expect(playRollout({ seed: 666, replicas: 8, maxSurge: 1, maxUnavailable: '100%', changes: [{ image: 'nginx:1.14.2', wait: 47_634 }, { image: 'nginx:1.25.3', wait: 56_501 }] }).complete).toBe(true)
  })

  // Regression (fixed in controllers/deployment/rolling.ts): replicas 5, maxSurge 100% (5), maxUnavailable 25% (1), one image change.
  // The old ReplicaSet is scaled 3 → 2 and deletes a pod, but writes status.availableReplicas 3
  // (kube's calculateStatus counts the pods it saw before deleting); within the 50 ms before its
  // next sync, the deployment controller reads 3 (old) + 3 (new) available and scales the old set
  // 2 → 0: 3 pods are available where at least 4 must be (kube has the same race, but its window
  // is the few ms before the pod-deletion event; the 50 ms sync interval here makes it ~2% of random
  // rollouts). The fix counts an old set's available pods as at most its spec.replicas.
  it('keeps replicas - maxUnavailable pods available while new pods become ready close together', () => {
    const out = playRollout({ seed: 1, replicas: 5, maxSurge: '100%', maxUnavailable: '25%', changes: [{ image: 'nginx:1.25.3', wait: 0 }] })
    expect(out.availability).toEqual([])
  })
})
