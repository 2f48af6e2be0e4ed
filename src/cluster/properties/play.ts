/**
 * Plays a list of operations on a fresh default cluster with a recorder attached, lets it settle and
 * collects every broken rule.
 */
import { createCluster, type Cluster } from '../cluster'
import { convergenceErrors } from './convergence'
import { apply, BAD_IMAGE, settle, type Op } from './operations'
import { Recorder } from './recorder'

export interface Played {
  cluster: Cluster
  recorder: Recorder
  errors: string[]
}

/** StatefulSets that were ever given the unpullable image. */
function everBroken(ops: Op[]): Set<string> {
  const out = new Set<string>()
  for (const op of ops) {
    if ((op.op === 'applyStatefulSet' || (op.op === 'setImage' && op.kind === 'StatefulSet')) && op.image === BAD_IMAGE) out.add(op.name)
  }
  return out
}

export function play(seed: number, ops: Op[]): Played {
  const cluster = createCluster({ seed })
  const recorder = new Recorder(cluster)
  const hooks = { created: recorder.created.bind(recorder), deleting: recorder.deleting.bind(recorder) }
  for (const op of ops) apply(cluster, op, hooks)
  settle(cluster)
  recorder.checkNoLostWrites()
  recorder.checkOwners()
  recorder.close()
  return { cluster, recorder, errors: [...recorder.violations, ...convergenceErrors(cluster, { everBroken: everBroken(ops) })] }
}
