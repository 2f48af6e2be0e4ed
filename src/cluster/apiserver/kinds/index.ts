/**
 * The kinds this API server serves. One file per family; adding a kind means adding its KindDef here.
 */
import type { KindDef } from './kind'
import { podKind } from './pod'
import { deploymentKind, replicaSetKind } from './workloads'
import { eventKind, leaseKind, namespaceKind, nodeKind, serviceKind } from './cluster-kinds'
import { priorityClassKind } from './scheduling'
import { controllerRevisionKind, daemonSetKind, statefulSetKind } from './apps-sets'
import { persistentVolumeClaimKind, persistentVolumeKind, storageClassKind } from './storage'
import { podDisruptionBudgetKind } from './policy'
import { cronJobKind, jobKind } from './batch'
import { replicationControllerKind } from './replicationcontroller'
import { configMapKind, secretKind } from './config'
import { endpointSliceKind, endpointsKind } from './discovery'
import { limitRangeKind, resourceQuotaKind } from './quota'
import { ingressClassKind, ingressKind, networkPolicyKind } from './networking'
import { horizontalPodAutoscalerKind } from './autoscaling'

export const BUILTIN_KINDS: KindDef[] = [
  namespaceKind, nodeKind, podKind, serviceKind, eventKind, replicaSetKind, deploymentKind, leaseKind,
  podDisruptionBudgetKind,
  configMapKind, secretKind,
  priorityClassKind,
  jobKind, cronJobKind,
  statefulSetKind, daemonSetKind, controllerRevisionKind, persistentVolumeClaimKind, persistentVolumeKind, storageClassKind,
  replicationControllerKind,
  endpointSliceKind, endpointsKind,
  limitRangeKind, resourceQuotaKind,
  horizontalPodAutoscalerKind,
  ingressKind, ingressClassKind, networkPolicyKind,
]

export type { KindDef, ServerContext } from './kind'
