/**
 * Deployment conditions and their reasons (kube: deploymentutil), and the tests of progress
 * that decide between them.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1'
import { parseTime } from '../util/time'
import { replicasOf } from './util'

// kube: the reasons of the Progressing, Available and ReplicaFailure conditions.
export const NEW_RS_CREATED = 'NewReplicaSetCreated'
export const FOUND_NEW_RS = 'FoundNewReplicaSet'
export const RS_UPDATED = 'ReplicaSetUpdated'
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable'
export const TIMED_OUT = 'ProgressDeadlineExceeded'
export const PAUSED = 'DeploymentPaused'
export const RESUMED = 'DeploymentResumed'
export const MIN_AVAILABLE = 'MinimumReplicasAvailable'
export const MIN_UNAVAILABLE = 'MinimumReplicasUnavailable'
export const FAILED_RS_CREATE = 'ReplicaSetCreateError'

export type ConditionType = 'Available' | 'Progressing' | 'ReplicaFailure'

export function newCondition(type: ConditionType, status: 'True' | 'False' | 'Unknown', reason: string, message: string, timestamp: string): DeploymentCondition {
  return { type, status, lastUpdateTime: timestamp, lastTransitionTime: timestamp, reason, message }
}

export function getCondition(status: DeploymentStatus | undefined, type: ConditionType): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type)
}

/**
 * kube: SetDeploymentCondition — no change when status and reason are the same (so
 * lastUpdateTime does not move); the transition time is kept while the status holds; the
 * condition moves to the end of the list, as Kubernetes' filter-and-append does.
 */
export function setCondition(status: DeploymentStatus, cond: DeploymentCondition): void {
  const current = getCondition(status, cond.type as ConditionType)
  if (current && current.status === cond.status && current.reason === cond.reason) return
  if (current && current.status === cond.status) cond.lastTransitionTime = current.lastTransitionTime
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), cond]
}

export function removeCondition(status: DeploymentStatus, type: ConditionType): void {
  if (!status.conditions) return
  status.conditions = status.conditions.filter((c) => c.type !== type)
  if (status.conditions.length === 0) delete status.conditions
}

// kube: a deadline of MaxInt32 means "no deadline".
const MAX_INT32 = 2147483647

export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds
  return s !== undefined && s !== MAX_INT32
}

/** kube: DeploymentComplete — every replica updated and available, and the spec observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = replicasOf(d)
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want &&
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
}

/** kube: DeploymentProgressing — more updated, fewer old, or more ready or available pods than before. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {}
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0)
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0)
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
}

/** kube: DeploymentTimedOut — no progress for progressDeadlineSeconds since the last update. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false
  const cond = getCondition(s, 'Progressing')
  if (!cond) return false
  if (cond.reason === NEW_RS_AVAILABLE) return false
  if (cond.reason === TIMED_OUT) return true
  const from = parseTime(cond.lastUpdateTime) ?? now
  return from + (d.spec!.progressDeadlineSeconds ?? 0) * 1000 < now
}
