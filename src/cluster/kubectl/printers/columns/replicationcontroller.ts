/** kubectl get replicationcontrollers: printReplicationController (the ReplicaSet's columns). */
import type { ReplicationController } from 'kubernetes-types/core/v1'
import { since } from '../../duration'
import type { Columns } from './types'
import { selectorString } from './workloads'

export const replicationControllerColumns: Columns<ReplicationController> = {
  headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(rc, now) {
    return [
      rc.metadata?.name ?? '',
      String(rc.spec?.replicas ?? 0),
      String(rc.status?.replicas ?? 0),
      String(rc.status?.readyReplicas ?? 0),
      since(rc.metadata?.creationTimestamp, now),
    ]
  },
  wideRow(rc) {
    const containers = rc.spec?.template?.spec?.containers ?? []
    return [
      containers.map((c) => c.name).join(','),
      containers.map((c) => c.image ?? '').join(','),
      // kube: labels.SelectorFromSet(spec.selector).String()
      selectorString(rc.spec?.selector ? { matchLabels: rc.spec.selector } : undefined),
    ]
  },
}
