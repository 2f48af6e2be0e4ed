// DESIGN.md rule: same seed + same inputs give byte-identical results — here for random operation
// lists with faults and clock jumps, not only for a fixed script.
import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import type { KubeObject } from '../apiserver/types'
import { createCluster } from '../cluster'
import { apply, opArb, settle, type Op } from './operations'

function finalState(seed: number, ops: Op[]) {
  const c = createCluster({ seed })
  for (const op of ops) apply(c, op)
  settle(c)
  const names = c.api.kinds().flatMap((k) => c.api.list<KubeObject>(k.kind).map((o) => `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`))
  return { revision: c.api.revision(), now: c.clock.now(), names }
}

describe('determinism under random operations', () => {
  // Same seed and operation list: same final revision, same virtual time, same object names.
  it('replays to the same revision and the same names', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.array(opArb, { minLength: 3, maxLength: 20 }), (seed, ops) => {
        expect(finalState(seed, ops)).toEqual(finalState(seed, ops))
      }),
      { seed: 20260103, numRuns: 15 },
    )
  })
})
