/** Which table each kind prints with; kinds without one get kubectl's default NAME/AGE table. */
import type { KubeObject } from '../../../apiserver/types'
import { since } from '../../duration'
import { eventColumns, leaseColumns, namespaceColumns, serviceColumns } from './core'
import { nodeColumns } from './node'
import { podColumns } from './pod'
import { podDisruptionBudgetColumns } from './policy'
import type { Columns } from './types'
import { horizontalPodAutoscalerColumns } from './autoscaling'
import { deploymentColumns, replicaSetColumns } from './workloads'
import { priorityClassColumns } from './scheduling'
import { cronJobColumns, jobColumns } from './batch'
import { controllerRevisionColumns, daemonSetColumns, statefulSetColumns } from './apps-sets'
import { persistentVolumeClaimColumns, persistentVolumeColumns, storageClassColumns } from './storage'
import { replicationControllerColumns } from './replicationcontroller'
import { endpointSliceColumns, endpointsColumns } from './discovery'
import { configMapColumns, secretColumns } from './config'
import { limitRangeColumns, resourceQuotaColumns } from './quota'
import { ingressClassColumns, ingressColumns, networkPolicyColumns } from './networking'

export type { Columns } from './types'

const defaultColumns: Columns = {
  headers: ['NAME', 'AGE'],
  row: (o, now) => [o.metadata?.name ?? '', since(o.metadata?.creationTimestamp, now)],
}

const BY_KIND: Record<string, Columns<never>> = {
  HorizontalPodAutoscaler: horizontalPodAutoscalerColumns,
  Pod: podColumns,
  Node: nodeColumns,
  Deployment: deploymentColumns,
  ReplicaSet: replicaSetColumns,
  Service: serviceColumns,
  Namespace: namespaceColumns,
  Event: eventColumns,
  Lease: leaseColumns,
  PodDisruptionBudget: podDisruptionBudgetColumns,
  Job: jobColumns,
  CronJob: cronJobColumns,
  StatefulSet: statefulSetColumns,
  DaemonSet: daemonSetColumns,
  ControllerRevision: controllerRevisionColumns,
  PersistentVolumeClaim: persistentVolumeClaimColumns,
  PersistentVolume: persistentVolumeColumns,
  StorageClass: storageClassColumns,
  PriorityClass: priorityClassColumns,
  ReplicationController: replicationControllerColumns,
  Endpoints: endpointsColumns,
  EndpointSlice: endpointSliceColumns,
  ConfigMap: configMapColumns,
  Secret: secretColumns,
  ResourceQuota: resourceQuotaColumns, LimitRange: limitRangeColumns,
  Ingress: ingressColumns, IngressClass: ingressClassColumns, NetworkPolicy: networkPolicyColumns,
}

export function columnsFor(kind: string): Columns<KubeObject> {
  return (BY_KIND[kind] as unknown as Columns<KubeObject>) ?? defaultColumns
}
