/**
 * Indexed Jobs (kube: pkg/controller/job/indexed_job_utils.go): each pod carries its completion
 * index in an annotation and a label; `status.completedIndexes` lists the succeeded indexes as
 * intervals (`0-2,4`, with two neighbours written `5,6`).
 */
import type { Job } from 'kubernetes-types/batch/v1'
import type { Pod } from 'kubernetes-types/core/v1'

// kube: batch.JobCompletionIndexAnnotation (and the PodIndexLabel of the same key, GA in v1.32).
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index'
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX'

export function isIndexedJob(job: Job): boolean {
  return job.spec?.completionMode === 'Indexed'
}

/** The pod's completion index, or -1 when it has none or it is not a number. */
export function completionIndex(pod: Pod): number {
  const v = pod.metadata?.annotations?.[COMPLETION_INDEX]
  if (v === undefined || !/^\d+$/.test(v)) return -1
  return Number(v)
}

/** Parses `1,3-5` into a sorted set of indexes below `completions`. */
export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const out = new Set<number>()
  for (const part of (text ?? '').split(',')) {
    if (!part) continue
    const [a, b] = part.split('-').map(Number)
    for (let i = a; i <= (b ?? a) && i < completions; i++) if (Number.isInteger(i)) out.add(i)
  }
  return out
}

/** kube: orderedIntervals.String. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b)
  const parts: string[] = []
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++
    const first = sorted[i]
    const last = sorted[j]
    parts.push(last === first ? `${first}` : last === first + 1 ? `${first},${last}` : `${first}-${last}`)
    i = j + 1
  }
  return parts.join(',')
}

/** kube: firstPendingIndexes — the lowest indexes neither succeeded nor held by an active pod. */
export function firstPendingIndexes(count: number, completions: number, succeeded: Set<number>, active: Pod[]): number[] {
  const taken = new Set(active.map(completionIndex))
  const out: number[] = []
  for (let i = 0; i < completions && out.length < count; i++) if (!succeeded.has(i) && !taken.has(i)) out.push(i)
  return out
}
