/** kubectl describe job / cronjob: describeJob, describeCronJob (kubectl v1.35). */
import type { CronJob, Job } from 'kubernetes-types/batch/v1'
import type { Api } from '../../apiserver/types'
import { humanDuration, rfc1123z } from '../duration'
import { selectorString } from '../printers/columns/workloads'
import { controllerOf, eventsFor, writeAnnotations, writeEvents, writeLabels } from './common'
import { writePodTemplate } from './workloads'
import { DescribeWriter } from './writer'

/** capIndexesListOrNone: `<none>`, or the list cut after the first comma past 50 characters. */
function capIndexes(indexes: string | undefined, softLimit = 50): string {
  if (!indexes) return '<none>'
  const cut = indexes.indexOf(',', softLimit)
  return cut < 0 ? indexes : `${indexes.slice(0, cut + 1)}...`
}

export function describeJob(api: Api, job: Job, now: number): string {
  const w = new DescribeWriter()
  const spec = job.spec!
  const st = job.status ?? {}
  w.line(0, `Name:\t${job.metadata?.name}`)
  w.line(0, `Namespace:\t${job.metadata?.namespace}`)
  w.line(0, `Selector:\t${selectorString(spec.selector)}`)
  writeLabels(w, 0, 'Labels', job.metadata?.labels)
  writeAnnotations(w, 0, job.metadata?.annotations)
  const owner = controllerOf(job)
  if (owner) w.line(0, `Controlled By:\t${owner}`)
  if (spec.parallelism !== undefined) w.line(0, `Parallelism:\t${spec.parallelism}`)
  w.line(0, `Completions:\t${spec.completions ?? '<unset>'}`)
  if (spec.completionMode) w.line(0, `Completion Mode:\t${spec.completionMode}`)
  if (spec.suspend !== undefined) w.line(0, `Suspend:\t${spec.suspend}`)
  if (spec.backoffLimit !== undefined) w.line(0, `Backoff Limit:\t${spec.backoffLimit}`)
  if (spec.ttlSecondsAfterFinished !== undefined) w.line(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}`)
  if (st.startTime) w.line(0, `Start Time:\t${rfc1123z(st.startTime)}`)
  if (st.completionTime) w.line(0, `Completed At:\t${rfc1123z(st.completionTime)}`)
  if (st.startTime && st.completionTime) w.line(0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}`)
  if (spec.activeDeadlineSeconds !== undefined) w.line(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s`)
  const counts = `${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`
  w.line(0, st.ready === undefined ? `Pods Statuses:\t${st.active ?? 0} Active / ${counts}` : `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${counts}`)
  if (spec.completionMode === 'Indexed') w.line(0, `Completed Indexes:\t${capIndexes(st.completedIndexes)}`)
  writePodTemplate(w, spec.template)
  writeEvents(w, eventsFor(api, job), now)
  return w.toString()
}

export function describeCronJob(api: Api, cj: CronJob, now: number): string {
  const w = new DescribeWriter()
  const spec = cj.spec!
  const jt = spec.jobTemplate.spec
  const unset = (v: number | undefined, suffix = '') => (v === undefined ? '<unset>' : `${v}${suffix}`)
  w.line(0, `Name:\t${cj.metadata?.name}`)
  w.line(0, `Namespace:\t${cj.metadata?.namespace}`)
  writeLabels(w, 0, 'Labels', cj.metadata?.labels)
  writeAnnotations(w, 0, cj.metadata?.annotations)
  w.line(0, `Schedule:\t${spec.schedule}`)
  w.line(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}`)
  w.line(0, `Suspend:\t${spec.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False'}`)
  w.line(0, `Successful Job History Limit:\t${unset(spec.successfulJobsHistoryLimit)}`)
  w.line(0, `Failed Job History Limit:\t${unset(spec.failedJobsHistoryLimit)}`)
  w.line(0, `Starting Deadline Seconds:\t${unset(spec.startingDeadlineSeconds, 's')}`)
  w.line(0, `Selector:\t${jt?.selector ? selectorString(jt.selector) : '<unset>'}`)
  w.line(0, `Parallelism:\t${unset(jt?.parallelism)}`)
  w.line(0, `Completions:\t${unset(jt?.completions)}`)
  if (jt?.activeDeadlineSeconds !== undefined) w.line(0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s`)
  writePodTemplate(w, jt?.template)
  w.line(0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}`)
  const active = (cj.status?.active ?? []).map((r) => r.name).join(', ')
  w.line(0, `Active Jobs:\t${active || '<none>'}`)
  writeEvents(w, eventsFor(api, cj), now)
  return w.toString()
}
