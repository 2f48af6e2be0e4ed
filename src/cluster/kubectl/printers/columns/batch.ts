/** kubectl get jobs / cronjobs: printJob, printCronJob (kubectl v1.35). */
import type { CronJob, Job } from 'kubernetes-types/batch/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import { humanDuration, since } from '../../duration'
import type { Columns } from './types'
import { selectorString } from './workloads'

const hasCondition = (job: Job, type: string) => (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True')

/** The STATUS cell: Complete, Failed, Terminating, Suspended, FailureTarget or Running, in that order. */
export function jobStatus(job: Job): string {
  if (hasCondition(job, 'Complete')) return 'Complete'
  if (hasCondition(job, 'Failed')) return 'Failed'
  if (job.metadata?.deletionTimestamp) return 'Terminating'
  if (hasCondition(job, 'Suspended')) return 'Suspended'
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget'
  return 'Running'
}

/** `1/3`, or without completions `0/1` (`0/1 of 4` when parallel). */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0
  if (job.spec?.completions !== undefined) return `${succeeded}/${job.spec.completions}`
  const parallelism = job.spec?.parallelism ?? 0
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`
}

/** DURATION: from start to completion, or to now while running; empty before it starts. */
export function jobDuration(job: Job, now: number): string {
  const start = Date.parse(job.status?.startTime ?? '')
  if (Number.isNaN(start)) return ''
  const end = Date.parse(job.status?.completionTime ?? '')
  return humanDuration((Number.isNaN(end) ? now : end) - start)
}

function containerCells(template: PodTemplateSpec | undefined): string[] {
  const containers = template?.spec?.containers ?? []
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')]
}

export const jobColumns: Columns<Job> = {
  headers: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (job, now) => [job.metadata?.name ?? '', jobStatus(job), jobCompletions(job), jobDuration(job, now), since(job.metadata?.creationTimestamp, now)],
  wideRow: (job) => [...containerCells(job.spec?.template), selectorString(job.spec?.selector)],
}

export const cronJobColumns: Columns<CronJob> = {
  headers: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (cj, now) => [
    cj.metadata?.name ?? '',
    cj.spec?.schedule ?? '',
    cj.spec?.timeZone ?? '<none>',
    cj.spec?.suspend === undefined ? '<unset>' : cj.spec.suspend ? 'True' : 'False',
    String(cj.status?.active?.length ?? 0),
    cj.status?.lastScheduleTime ? since(cj.status.lastScheduleTime, now) : '<none>',
    since(cj.metadata?.creationTimestamp, now),
  ],
  wideRow: (cj) => [...containerCells(cj.spec?.jobTemplate.spec?.template), selectorString(cj.spec?.jobTemplate.spec?.selector)],
}
