/**
 * A ReplicaSet's status from the pods it owns (kube: replicaset.calculateStatus). Counts follow
 * Go's omitempty: zero counts other than `replicas` are left out, as `kubectl get -o yaml` shows.
 */
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { matches, selectorFromSet } from '../../apiserver/labels'
import { isPodAvailable, isPodReady } from '../util/pods'

export interface ManageError {
  /** kube: FailedCreate when pods were missing, FailedDelete when there were too many. */
  reason: 'FailedCreate' | 'FailedDelete'
  message: string
}

export interface ReplicaCounts {
  replicas: number
  fullyLabeled: number
  ready: number
  available: number
}

export function calculateReplicaSetStatus(
  rs: ReplicaSet, activePods: Pod[], manageError: ManageError | undefined, now: number, timestamp: string,
): ReplicaSetStatus {
  const templateLabels = selectorFromSet(rs.spec?.template?.metadata?.labels)
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0
  let fullyLabeled = 0
  let ready = 0
  let available = 0
  for (const pod of activePods) {
    if (matches(templateLabels, pod.metadata?.labels)) fullyLabeled++
    if (isPodReady(pod)) {
      ready++
      if (isPodAvailable(pod, minReadySeconds, now)) available++
    }
  }
  return replicaSetStatusFromCounts(rs, { replicas: activePods.length, fullyLabeled, ready, available }, manageError, timestamp)
}

/** The status for pods already counted (the controller counts with memoized per-pod facts). */
export function replicaSetStatusFromCounts(
  rs: ReplicaSet, counts: ReplicaCounts, manageError: ManageError | undefined, timestamp: string,
): ReplicaSetStatus {
  const { fullyLabeled, ready, available } = counts
  let conditions = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure')
  const failure = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure')
  if (manageError) {
    // kube: an existing ReplicaFailure condition is kept as it is until the failure clears.
    const cond: ReplicaSetCondition = failure ?? {
      type: 'ReplicaFailure', status: 'True', reason: manageError.reason, message: manageError.message,
      lastTransitionTime: timestamp,
    }
    conditions = [...conditions, cond]
  }
  const status: ReplicaSetStatus = { replicas: counts.replicas }
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled
  if (ready) status.readyReplicas = ready
  if (available) status.availableReplicas = available
  if (rs.metadata?.generation) status.observedGeneration = rs.metadata.generation
  if (conditions.length) status.conditions = conditions
  return status
}
