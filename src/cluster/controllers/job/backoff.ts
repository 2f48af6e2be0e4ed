/**
 * The pod-failure back-off of a Job (kube: pkg/controller/job/backoff_utils.go): after a pod fails,
 * the next replacement waits 10 s, doubling with each failure since the last success, capped at
 * 10 minutes (the code's MaxJobPodFailureBackOff; the docs round it to "six minutes", which is what
 * the default backoffLimit of 6 reaches: 10, 20, 40, 80, 160, 320 s).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { parseTime } from '../util/time'

// kube: DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff.
export const POD_FAILURE_BACKOFF_MS = 10_000
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000

export interface BackoffRecord {
  failuresAfterLastSuccess: number
  lastFailureTime?: number
}

/** kube: getFinishedTime — when the pod's last container stopped, else when it was deleted. */
export function finishedTime(pod: Pod, now: number): number {
  let latest: number | undefined
  for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const t = parseTime(s.state?.terminated?.finishedAt)
    if (t !== undefined && (latest === undefined || t > latest)) latest = t
  }
  return latest ?? parseTime(pod.metadata?.deletionTimestamp) ?? now
}

export class BackoffStore {
  private records = new Map<string, BackoffRecord>()

  /** kube: newBackoffRecord — the record as it would be after counting these newly finished pods. */
  next(key: string, newSucceeded: Pod[], newFailed: Pod[], now: number): BackoffRecord {
    const prev = this.records.get(key) ?? { failuresAfterLastSuccess: 0 }
    const byTime = (a: Pod, b: Pod) => finishedTime(a, now) - finishedTime(b, now)
    const failed = [...newFailed].sort(byTime)
    if (!newSucceeded.length) {
      if (!failed.length) return { ...prev }
      return { failuresAfterLastSuccess: prev.failuresAfterLastSuccess + failed.length, lastFailureTime: finishedTime(failed[failed.length - 1], now) }
    }
    const lastSuccess = Math.max(...newSucceeded.map((p) => finishedTime(p, now)))
    const rec: BackoffRecord = { failuresAfterLastSuccess: 0 }
    for (let i = failed.length - 1; i >= 0; i--) {
      const t = finishedTime(failed[i], now)
      if (t <= lastSuccess) break
      rec.lastFailureTime ??= t
      rec.failuresAfterLastSuccess++
    }
    return rec
  }

  save(key: string, rec: BackoffRecord): void {
    this.records.set(key, rec)
  }

  delete(key: string): void {
    this.records.delete(key)
  }
}

/** kube: backoffRecord.getRemainingTime — how long pod creation must still wait. */
export function remainingBackoffMs(rec: BackoffRecord, now: number): number {
  if (rec.failuresAfterLastSuccess === 0 || rec.lastFailureTime === undefined) return 0
  let backoff = POD_FAILURE_BACKOFF_MS
  for (let i = 1; i < rec.failuresAfterLastSuccess; i++) {
    backoff *= 2
    if (backoff >= MAX_POD_FAILURE_BACKOFF_MS) {
      backoff = MAX_POD_FAILURE_BACKOFF_MS
      break
    }
  }
  const elapsed = now - rec.lastFailureTime
  return backoff < elapsed ? 0 : backoff - elapsed
}
