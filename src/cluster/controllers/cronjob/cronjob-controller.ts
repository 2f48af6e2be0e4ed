/**
 * The CronJob controller (kube: pkg/controller/cronjob/cronjob_controllerv2.go). Each CronJob is
 * requeued for its next scheduled time (plus 100 ms); then it creates the Job
 * `<cronjob>-<scheduled time in minutes since the epoch>` from its template, honouring
 * concurrencyPolicy, suspend and startingDeadlineSeconds, keeps `status.active`,
 * `lastScheduleTime` and `lastSuccessfulTime`, and deletes finished Jobs beyond the history limits.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1'
import type { ObjectReference } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext } from '../../apiserver/types'
import { isAlreadyExists, isNotFound } from '../../apiserver/types'
import { deepEqual } from '../../apiserver/objects'
import { rfc1123z } from '../../kubectl/duration'
import { INDEX_OWNER_UID, ownerUidIndex, type Informer } from '../../informers/informer'
import { WorkQueue, keyOf, splitKey } from '../../informers/workqueue'
import { getControllerOf, newControllerRef } from '../util/controllerref'
import { parseTime } from '../util/time'
import { finishedConditionType, isJobFinished } from '../job/conditions'
import { parseSchedule, type Schedule } from './schedule'
import { nextScheduleDelay, nextScheduleTime } from './scheduling'
import { loadLocationError, rfc3339In } from './timezone'

export const CRONJOB_CONTROLLER = 'cronjob-controller'
// kube: batchv1.CronJobScheduledTimestampAnnotation (on by default since v1.32).
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp'

type Status = NonNullable<CronJob['status']> & { active?: ObjectReference[] }

export class CronJobController {
  readonly queue: WorkQueue
  private readonly cronJobs: Informer<CronJob>
  private readonly jobs: Informer<Job>
  private readonly ctx: RequestContext = { actor: CRONJOB_CONTROLLER }
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, CRONJOB_CONTROLLER, (key) => this.reconcile(key))
    this.cronJobs = c.informers.for<CronJob>('CronJob')
    this.jobs = c.informers.for<Job>('Job')
    this.jobs.addIndex(INDEX_OWNER_UID, ownerUidIndex)
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.cronJobs.addEventHandler({
      add: (cj) => this.queue.add(keyOf(cj)),
      update: (old, cj) => this.onUpdate(old, cj),
    })
    const onJob = (job: Job) => {
      const ref = getControllerOf(job as KubeObject)
      if (ref?.kind !== 'CronJob') return
      const cj = this.cronJobs.get(job.metadata?.namespace, ref.name)
      if (cj && cj.metadata?.uid === ref.uid) this.queue.add(keyOf(cj))
    }
    this.jobs.addEventHandler({
      add: onJob,
      update: (old, job) => { if (old.metadata?.resourceVersion !== job.metadata?.resourceVersion) onJob(job) },
      delete: onJob,
    })
  }

  /** kube: updateCronJob — a new schedule or zone requeues for its next time, anything else now. */
  private onUpdate(old: CronJob, cj: CronJob): void {
    if (old.spec?.schedule === cj.spec?.schedule && old.spec?.timeZone === cj.spec?.timeZone) return this.queue.add(keyOf(cj))
    const sched = this.parse(cj)
    if (!sched) return
    const delay = nextScheduleDelay(cj, this.c.clock.now(), sched)
    if (delay !== undefined) this.queue.addAfter(keyOf(cj), delay)
  }

  private parse(cj: CronJob): Schedule | undefined {
    try {
      return parseSchedule(cj.spec?.schedule ?? '', cj.spec?.timeZone ?? undefined)
    } catch {
      return undefined
    }
  }

  /** kube: ControllerV2.sync. */
  reconcile(key: string): void {
    const [ns, name] = splitKey(key)
    const stored = this.cronJobs.get(ns, name)
    if (!stored) return
    const cj = structuredClone(stored) as CronJob & { status: Status }
    cj.status = cj.status ?? {}
    const uid = cj.metadata?.uid ?? ''
    const jobs = this.jobs.byIndex(INDEX_OWNER_UID, uid).filter((j) => getControllerOf(j as KubeObject)?.uid === uid)
    this.cleanupFinishedJobs(cj, jobs)
    const requeue = this.syncCronJob(cj, jobs)
    if (!deepEqual(cj.status, stored.status ?? {})) {
      try {
        this.c.api.updateStatus({ ...stored, status: cj.status } as KubeObject, this.ctx)
      } catch (e) {
        if (!isNotFound(e)) throw e
      }
    }
    if (requeue !== undefined) this.queue.addAfter(key, requeue)
  }

  /** kube: syncCronJob — returns when to look again, or undefined to wait for a change. */
  private syncCronJob(cj: CronJob & { status: Status }, jobs: Job[]): number | undefined {
    const now = this.c.clock.now()
    const status = cj.status
    const children = new Set<string>()
    for (const j of jobs) {
      const juid = j.metadata?.uid ?? ''
      children.add(juid)
      const inActive = (status.active ?? []).some((r) => r.uid === juid)
      if (!inActive && !isJobFinished(j)) {
        this.record(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata?.name}`)
      } else if (isJobFinished(j)) {
        if (inActive) {
          status.active = (status.active ?? []).filter((r) => r.uid !== juid)
          this.record(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata?.name}, condition: ${finishedConditionType(j)}`)
        }
        const done = j.status?.completionTime
        if (finishedConditionType(j) === 'Complete' && done && (!status.lastSuccessfulTime || (parseTime(done) ?? 0) > (parseTime(status.lastSuccessfulTime) ?? 0))) {
          status.lastSuccessfulTime = done
        }
      }
    }
    for (const ref of [...(status.active ?? [])]) {
      if (children.has(ref.uid ?? '')) continue
      if (this.c.api.find('Job', ref.namespace, ref.name ?? '')) continue
      this.record(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`)
      status.active = (status.active ?? []).filter((r) => r.uid !== ref.uid)
    }
    if (!status.active?.length) delete status.active
    if (cj.metadata?.deletionTimestamp) return undefined
    const zone = cj.spec?.timeZone ?? undefined
    if (zone !== undefined) {
      const err = loadLocationError(zone)
      if (err) {
        this.record(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(zone)}: ${err}`)
        return undefined
      }
    }
    if (cj.spec?.suspend) return undefined
    let sched: Schedule
    try {
      sched = parseSchedule(cj.spec?.schedule ?? '', zone)
    } catch (e) {
      this.record(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : ${(e as Error).message}`)
      return undefined
    }
    const next = nextScheduleTime(cj, now, sched)
    if (next.error) {
      this.record(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule} : ${next.error}`)
      return undefined
    }
    if (next.missed === 'many') {
      this.record(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew')
    }
    const later = () => nextScheduleDelay(cj, now, sched)
    const scheduled = next.mostRecent
    if (scheduled === undefined) return later()
    const sds = cj.spec?.startingDeadlineSeconds
    if (sds !== undefined && scheduled + sds * 1000 < now) {
      this.record(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(new Date(scheduled).toISOString())}`)
      return later()
    }
    const jobName = `${cj.metadata?.name}-${Math.floor(scheduled / 60_000)}`
    const lastSchedule = parseTime(status.lastScheduleTime)
    if ((status.active ?? []).some((r) => r.name === jobName) || lastSchedule === scheduled) return later()
    if (cj.spec?.concurrencyPolicy === 'Forbid' && status.active?.length) {
      this.record(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid')
      return later()
    }
    if (cj.spec?.concurrencyPolicy === 'Replace') {
      for (const ref of [...(status.active ?? [])]) {
        const job = this.jobs.get(ref.namespace, ref.name ?? '')
        if (job) this.deleteJob(cj, job)
      }
    }
    const created = this.createJob(cj, jobName, scheduled, zone)
    if (!created) return undefined
    status.active = [...(status.active ?? []), jobRef(created)]
    status.lastScheduleTime = this.c.clock.timestamp(scheduled)
    return later()
  }

  /** kube: getJobFromTemplate2 and the create, tolerating a Job this CronJob already made. */
  private createJob(cj: CronJob & { status: Status }, name: string, scheduled: number, zone: string | undefined): Job | undefined {
    const tpl = cj.spec?.jobTemplate
    const job: Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata?.namespace,
        labels: { ...(tpl?.metadata?.labels ?? {}) },
        annotations: { ...(tpl?.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339In(zone, scheduled) },
        ownerReferences: [newControllerRef(cj as KubeObject, 'batch/v1', 'CronJob')],
      },
      spec: structuredClone(tpl?.spec) as Job['spec'],
    }
    if (!Object.keys(job.metadata!.labels!).length) delete job.metadata!.labels
    try {
      const created = this.c.api.create(job as KubeObject, this.ctx) as Job
      this.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata?.name}`)
      return created
    } catch (e) {
      if (isAlreadyExists(e)) {
        const existing = this.c.api.find<Job>('Job', cj.metadata?.namespace, name)
        if (!existing || getControllerOf(existing as KubeObject)?.uid !== cj.metadata?.uid) return undefined
        if ((cj.status.active ?? []).some((r) => r.uid === existing.metadata?.uid)) return undefined
        return existing
      }
      this.record(cj, 'Warning', 'FailedCreate', `Error creating job: ${e instanceof Error ? e.message : String(e)}`)
      throw e
    }
  }

  /** kube: cleanupFinishedJobs — keep the newest successfulJobsHistoryLimit / failedJobsHistoryLimit. */
  private cleanupFinishedJobs(cj: CronJob & { status: Status }, jobs: Job[]): void {
    const ok = jobs.filter((j) => finishedConditionType(j) === 'Complete')
    const failed = jobs.filter((j) => finishedConditionType(j) === 'Failed')
    this.removeOldest(cj, ok, cj.spec?.successfulJobsHistoryLimit)
    this.removeOldest(cj, failed, cj.spec?.failedJobsHistoryLimit)
  }

  private removeOldest(cj: CronJob & { status: Status }, jobs: Job[], limit: number | undefined): void {
    if (limit === undefined || jobs.length <= limit) return
    // kube: byJobStartTime — jobs without a start time last, ties by name.
    const sorted = [...jobs].sort((a, b) => {
      const sa = parseTime(a.status?.startTime)
      const sb = parseTime(b.status?.startTime)
      if (sa === undefined || sb === undefined) return sa === undefined ? (sb === undefined ? 0 : 1) : -1
      return sa === sb ? (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '') : sa - sb
    })
    for (const j of sorted.slice(0, jobs.length - limit)) this.deleteJob(cj, j)
  }

  /** kube: deleteJob — background propagation; the garbage collector takes the pods. */
  private deleteJob(cj: CronJob & { status: Status }, job: Job): void {
    try {
      this.c.api.delete('Job', job.metadata?.namespace, job.metadata?.name ?? '', this.ctx, { propagationPolicy: 'Background' })
    } catch (e) {
      if (!isNotFound(e)) {
        this.record(cj, 'Warning', 'FailedDelete', `Deleted job: ${e instanceof Error ? e.message : String(e)}`)
        return
      }
    }
    cj.status.active = (cj.status.active ?? []).filter((r) => r.uid !== job.metadata?.uid)
    if (!cj.status.active.length) delete cj.status.active
    this.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata?.name}`)
  }

  private record(cj: CronJob, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.events.record(cj as KubeObject, type, reason, message, { component: CRONJOB_CONTROLLER })
  }
}

/** kube: ref.GetReference of the created Job, as `status.active` lists it. */
function jobRef(job: Job): ObjectReference {
  return {
    apiVersion: 'batch/v1', kind: 'Job', name: job.metadata?.name, namespace: job.metadata?.namespace,
    resourceVersion: job.metadata?.resourceVersion, uid: job.metadata?.uid,
  }
}
