/**
 * kubectl describe replicationcontroller (ReplicationControllerDescriber): the ReplicaSet's layout
 * (Selector as the label map, Replicas, Pods Status, Pod Template, Conditions, Events).
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { ReplicationController } from 'kubernetes-types/core/v1'
import type { Api } from '../../apiserver/types'
import { describeReplicaSet } from './workloads'

export function describeReplicationController(api: Api, rc: ReplicationController, now: number): string {
  // The same fields under the same names; only the selector's shape differs.
  const asSet = { ...rc, spec: { ...rc.spec, selector: { matchLabels: rc.spec?.selector ?? {} } } } as unknown as ReplicaSet
  return describeReplicaSet(api, asSet, now)
}
