// Random sequences of user actions, machine faults and clock jumps against a default cluster; once
// the faults stop and 15 virtual minutes pass, the controllers' rules must hold (DESIGN.md, Testing).
import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import { opArb } from './operations'
import { play } from './play'

const ops = fc.array(opArb, { minLength: 5, maxLength: 30 })

describe('random workloads, faults and clock jumps', () => {
  // kube: every workload controller converges to its spec (ReplicaSet active pods = replicas;
  // Deployment replicas = updated = available; StatefulSet <name>-0..N-1; DaemonSet one pod per
  // eligible node); spec.nodeName is set once (pods/binding refuses a bound pod); the garbage
  // collector leaves no dependent behind its owner (and orphans / blocks as the policy says);
  // etcd revisions increase and no write is lost.
  it('settles into a state where every rule holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), ops, (seed, list) => {
        const { errors } = play(seed, list)
        expect(errors).toEqual([])
      }),
      { seed: 20260101, numRuns: 25 },
    )
  })
})
