/**
 * Job conditions and the pod facts the Job controller counts with (kube: pkg/controller/job/util
 * and job_controller.go helpers).
 */
import type { Job, JobCondition } from 'kubernetes-types/batch/v1'
import type { Pod } from 'kubernetes-types/core/v1'

// kube: batch.JobTrackingFinalizer — a pod is only counted (and then freed) by the Job controller.
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking'

// kube: the reasons and messages of the Job's terminal conditions.
export const REASON_COMPLETIONS_REACHED = 'CompletionsReached'
export const MESSAGE_COMPLETIONS_REACHED = 'Reached expected number of succeeded pods'
export const REASON_BACKOFF_LIMIT = 'BackoffLimitExceeded'
export const MESSAGE_BACKOFF_LIMIT = 'Job has reached the specified backoff limit'
export const REASON_DEADLINE = 'DeadlineExceeded'
export const MESSAGE_DEADLINE = 'Job was active longer than specified deadline'
export const REASON_POD_FAILURE_POLICY = 'PodFailurePolicy'

export function newCondition(type: string, reason: string, message: string, now: string, status = 'True'): JobCondition {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message }
}

export function findCondition(job: Job, type: string): JobCondition | undefined {
  return job.status?.conditions?.find((c) => c.type === type)
}

const isTrue = (job: Job, type: string) => findCondition(job, type)?.status === 'True'

/** kube: IsJobFinished — Complete or Failed is True. */
export function isJobFinished(job: Job): boolean {
  return isTrue(job, 'Complete') || isTrue(job, 'Failed')
}

/** kube: FinishedCondition — which terminal condition is True, for messages (`Complete`, `Failed`). */
export function finishedConditionType(job: Job): string | undefined {
  if (isTrue(job, 'Complete')) return 'Complete'
  if (isTrue(job, 'Failed')) return 'Failed'
  return undefined
}

/**
 * kube: ensureJobConditionStatus — adds the condition, or updates it when its status changes (the
 * transition time moves only then). Returns whether anything changed.
 */
export function ensureCondition(conditions: JobCondition[], type: string, status: string, reason: string, message: string, now: string): boolean {
  const i = conditions.findIndex((c) => c.type === type)
  if (i < 0) {
    if (status === 'False') return false
    conditions.push(newCondition(type, reason, message, now, status))
    return true
  }
  const c = conditions[i]
  if (c.status === status && c.reason === reason && c.message === message) return false
  conditions[i] = { ...c, status, reason, message, lastProbeTime: now, lastTransitionTime: c.status !== status ? now : c.lastTransitionTime }
  return true
}

export const hasTrackingFinalizer = (pod: Pod): boolean => !!pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER)

/** kube: onlyReplaceFailedPods — podReplacementPolicy Failed, or any podFailurePolicy. */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy
}

/**
 * kube: isPodFailed — phase Failed; unless only failed pods are replaced, a pod deleted before it
 * succeeded counts as failed too (it never had a chance to reach Failed).
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true
  if (onlyReplaceFailedPods(job)) return false
  return !!pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded'
}

export function isTerminating(pod: Pod): boolean {
  return !!pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed'
}
