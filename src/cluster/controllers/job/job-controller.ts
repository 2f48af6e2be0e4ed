/**
 * The Job controller (kube: pkg/controller/job/job_controller.go, as in v1.35). It runs a Job's
 * pods to completion: up to `parallelism` at a time until `completions` have succeeded, replacing
 * failed pods after the pod-failure back-off, and ends the Job Complete or Failed. Each pod carries
 * the `batch.kubernetes.io/job-tracking` finalizer until the controller has counted it: its uid
 * goes to `status.uncountedTerminatedPods`, the finalizer is removed, then the counters move. The
 * terminal condition is announced first (SuccessCriteriaMet / FailureTarget) and set once no pod
 * is left running or terminating (Complete / Failed).
 */
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext } from '../../apiserver/types'
import { isNotFound } from '../../apiserver/types'
import { deepEqual } from '../../apiserver/objects'
import { INDEX_OWNER_UID, ownerUidIndex, type Informer } from '../../informers/informer'
import { WorkQueue, keyOf, splitKey } from '../../informers/workqueue'
import { getControllerOf } from '../util/controllerref'
import { isPodActive, isPodReady } from '../util/pods'
import { parseTime } from '../util/time'
import { BackoffStore, type BackoffRecord } from './backoff'
import {
  MESSAGE_BACKOFF_LIMIT, MESSAGE_COMPLETIONS_REACHED, MESSAGE_DEADLINE, REASON_BACKOFF_LIMIT, REASON_COMPLETIONS_REACHED,
  REASON_DEADLINE, REASON_POD_FAILURE_POLICY, findCondition, hasTrackingFinalizer, isJobFinished, isPodFailed, isTerminating,
  JOB_TRACKING_FINALIZER, newCondition,
} from './conditions'
import { completionIndex, formatIndexes, isIndexedJob, parseIndexes } from './indexed'
import { manageJob } from './manage'
import { matchPodFailurePolicy } from './pod-failure-policy'

export const JOB_CONTROLLER = 'job-controller'
// kube: syncJobBatchPeriod — pod events are batched into one sync per second.
export const SYNC_JOB_BATCH_PERIOD_MS = 1000

/** What one sync knows (kube: syncJobCtx). */
export interface SyncContext {
  job: Job
  key: string
  pods: Pod[]
  active: Pod[]
  succeeded: number
  failed: number
  ready: number
  terminating: number
  uncountedSucceeded: Set<string>
  uncountedFailed: Set<string>
  succeededIndexes?: Set<number>
  backoff: BackoffRecord
  finished?: JobCondition
}

export class JobController {
  readonly queue: WorkQueue
  /** Pods whose Job is gone but which still carry the tracking finalizer. */
  readonly orphans: WorkQueue
  readonly backoffs = new BackoffStore()
  private readonly jobs: Informer<Job>
  private readonly pods: Informer<Pod>
  private readonly ctx: RequestContext = { actor: JOB_CONTROLLER }
  private started = false

  constructor(readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, JOB_CONTROLLER, (key) => this.reconcile(key))
    this.orphans = new WorkQueue(c.clock, `${JOB_CONTROLLER} orphan pods`, (key) => this.releaseOrphan(key))
    this.jobs = c.informers.for<Job>('Job')
    this.pods = c.informers.for<Pod>('Pod')
    this.pods.addIndex(INDEX_OWNER_UID, ownerUidIndex)
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.jobs.addEventHandler({
      add: (job) => this.queue.add(keyOf(job)),
      update: (old, job) => {
        if (old.metadata?.resourceVersion === job.metadata?.resourceVersion) return
        // kube: updateJob batches; a spec change (suspend, parallelism) is acted on within the period.
        this.queue.addAfter(keyOf(job), SYNC_JOB_BATCH_PERIOD_MS)
      },
      delete: (job) => {
        this.queue.add(keyOf(job))
        for (const p of this.pods.byIndex(INDEX_OWNER_UID, job.metadata?.uid ?? '')) if (hasTrackingFinalizer(p)) this.orphans.add(keyOf(p))
      },
    })
    this.pods.addEventHandler({
      add: (pod) => this.onPod(pod, false),
      update: (old, pod) => {
        if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return
        // kube: a pod that has just failed is synced after the batch period, other changes at once.
        const justFailed = pod.status?.phase === 'Failed' && old.status?.phase !== 'Failed'
        this.onPod(pod, !justFailed)
      },
      delete: (pod) => this.onPod(pod, false),
    })
  }

  private onPod(pod: Pod, immediate: boolean): void {
    const ref = getControllerOf(pod)
    if (!ref || ref.kind !== 'Job') return
    const job = this.jobs.get(pod.metadata?.namespace, ref.name)
    if (!job || job.metadata?.uid !== ref.uid) {
      if (hasTrackingFinalizer(pod)) this.orphans.add(keyOf(pod))
      return
    }
    if (immediate) this.queue.add(keyOf(job))
    else this.queue.addAfter(keyOf(job), SYNC_JOB_BATCH_PERIOD_MS)
  }

  /** kube: syncJob. */
  reconcile(key: string): void {
    const [namespace, name] = splitKey(key)
    const job = this.jobs.get(namespace, name)
    if (!job || isJobFinished(job)) {
      this.backoffs.delete(key)
      return
    }
    if (job.spec?.completionMode && !['NonIndexed', 'Indexed'].includes(job.spec.completionMode)) {
      this.record(job, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown')
      return
    }
    const now = this.c.clock.now()
    const status: JobStatus = structuredClone(job.status ?? {})
    const work: Job = { ...job, status }
    const uncounted = status.uncountedTerminatedPods ?? {}
    const pods = this.podsOf(job)
    const sc: SyncContext = {
      job: work, key, pods,
      active: pods.filter(isPodActive),
      succeeded: 0, failed: 0, ready: 0,
      terminating: pods.filter(isTerminating).length,
      uncountedSucceeded: new Set(uncounted.succeeded ?? []),
      uncountedFailed: new Set(uncounted.failed ?? []),
      backoff: { failuresAfterLastSuccess: 0 },
    }
    sc.ready = sc.active.filter(isPodReady).length
    const newSucceeded = this.newlyFinished(sc, (p) => p.status?.phase === 'Succeeded', sc.uncountedSucceeded)
    const newFailed = this.newlyFinished(sc, (p) => isPodFailed(p, job), sc.uncountedFailed)
    sc.succeeded = (status.succeeded ?? 0) + newSucceeded.length + sc.uncountedSucceeded.size
    const counted = newFailed.filter((p) => !job.spec?.podFailurePolicy || matchPodFailurePolicy(job, p).countFailed)
    sc.failed = (status.failed ?? 0) + counted.length + sc.uncountedFailed.size
    const suspended = job.spec?.suspend === true
    if (!status.startTime && !suspended) status.startTime = this.c.clock.timestamp()
    sc.backoff = this.backoffs.next(key, newSucceeded, newFailed, now)

    sc.finished = this.failureCondition(sc, now)
    if (isIndexedJob(job)) {
      const completions = job.spec?.completions ?? 0
      sc.succeededIndexes = parseIndexes(status.completedIndexes, completions)
      for (const p of newSucceeded) {
        const ix = completionIndex(p)
        if (ix >= 0 && ix < completions) sc.succeededIndexes.add(ix)
      }
      sc.succeeded = sc.succeededIndexes.size
    }
    let active = sc.active.length
    if (sc.finished) {
      // kube: a failing Job deletes its active pods; the finalizers keep them countable.
      active -= this.deletePods(job, sc.active, false)
    } else {
      let managed = false
      if (!job.metadata?.deletionTimestamp) {
        active = manageJob(this, sc)
        managed = true
      }
      const completions = job.spec?.completions
      const complete = completions === undefined ? sc.succeeded > 0 && active === 0 : sc.succeeded >= completions && active === 0
      if (complete) sc.finished = newCondition('SuccessCriteriaMet', REASON_COMPLETIONS_REACHED, MESSAGE_COMPLETIONS_REACHED, this.c.clock.timestamp())
      else if (managed) this.syncSuspended(work, suspended)
    }
    // kube: active, succeeded and failed are omitted when 0; ready and terminating are always set.
    if (active) status.active = active
    else delete status.active
    status.ready = sc.ready
    status.terminating = sc.terminating
    this.trackStatusAndRemoveFinalizers(sc)
  }

  /** The pods this Job controls (kube: getPodsForJob, without adoption of orphans). */
  private podsOf(job: Job): Pod[] {
    const uid = job.metadata?.uid ?? ''
    return this.pods.byIndex(INDEX_OWNER_UID, uid).filter((p) => getControllerOf(p)?.uid === uid)
  }

  /** kube: getValidPodsWithFilter — finished pods not yet counted, with a valid index when Indexed. */
  private newlyFinished(sc: SyncContext, filter: (p: Pod) => boolean, uncounted: Set<string>): Pod[] {
    const completions = sc.job.spec?.completions ?? 0
    return sc.pods.filter((p) => {
      if (!hasTrackingFinalizer(p) || uncounted.has(p.metadata?.uid ?? '')) return false
      if (isIndexedJob(sc.job)) {
        const ix = completionIndex(p)
        if (ix < 0 || ix >= completions) return false
      }
      return filter(p)
    })
  }

  /** The failure a Job has reached, as the interim FailureTarget (or Failed, when announced before). */
  private failureCondition(sc: SyncContext, now: number): JobCondition | undefined {
    const job = sc.job
    const stamp = this.c.clock.timestamp()
    if (findCondition(job, 'SuccessCriteriaMet')?.status === 'True') return findCondition(job, 'SuccessCriteriaMet')
    const target = findCondition(job, 'FailureTarget')
    if (target?.status === 'True') return newCondition('Failed', target.reason ?? '', target.message ?? '', stamp)
    if (job.spec?.podFailurePolicy) {
      for (const p of sc.pods) {
        if (!isPodFailed(p, job)) continue
        const m = matchPodFailurePolicy(job, p)
        if (m.failJobMessage) return newCondition('FailureTarget', REASON_POD_FAILURE_POLICY, m.failJobMessage, stamp)
      }
    }
    if (sc.failed > (job.spec?.backoffLimit ?? 6) || this.pastBackoffLimitOnFailure(job, sc.pods)) {
      return newCondition('FailureTarget', REASON_BACKOFF_LIMIT, MESSAGE_BACKOFF_LIMIT, stamp)
    }
    const deadline = job.spec?.activeDeadlineSeconds
    const start = parseTime(job.status?.startTime)
    if (deadline !== undefined && start !== undefined && job.spec?.suspend !== true) {
      const left = start + deadline * 1000 - now
      if (left <= 0) return newCondition('FailureTarget', REASON_DEADLINE, MESSAGE_DEADLINE, stamp)
      this.queue.addAfter(sc.key, left)
    }
    return undefined
  }

  /** kube: pastBackoffLimitOnFailure — with OnFailure, container restarts count as failures. */
  private pastBackoffLimitOnFailure(job: Job, pods: Pod[]): boolean {
    if (job.spec?.template.spec?.restartPolicy !== 'OnFailure') return false
    let restarts = 0
    for (const p of pods) {
      if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue
      for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += s.restartCount
    }
    const limit = job.spec?.backoffLimit ?? 6
    return limit === 0 ? restarts > 0 : restarts >= limit
  }

  /** The Suspended condition and its events; resuming restarts the clock of activeDeadlineSeconds. */
  private syncSuspended(work: Job, suspended: boolean): boolean {
    const status = work.status as JobStatus
    const conditions = [...(status.conditions ?? [])]
    const now = this.c.clock.timestamp()
    const i = conditions.findIndex((c) => c.type === 'Suspended')
    let changed = false
    if (suspended && conditions[i]?.status !== 'True') {
      const cond = newCondition('Suspended', 'JobSuspended', 'Job suspended', now)
      if (i < 0) conditions.push(cond)
      else conditions[i] = cond
      this.record(work, 'Normal', 'Suspended', 'Job suspended')
      changed = true
    } else if (!suspended && i >= 0 && conditions[i].status === 'True') {
      conditions[i] = newCondition('Suspended', 'JobResumed', 'Job resumed', now, 'False')
      this.record(work, 'Normal', 'Resumed', 'Job resumed')
      status.startTime = now
      changed = true
    }
    if (changed) status.conditions = conditions
    return changed
  }

  /**
   * kube: trackJobStatusAndRemoveFinalizers — record finished pods as uncounted, free them of the
   * finalizer, move the counters, and end the Job once nothing is left uncounted or terminating.
   */
  private trackStatusAndRemoveFinalizers(sc: SyncContext): void {
    const job = sc.job
    const status = job.status as JobStatus
    const uncounted = { succeeded: [...sc.uncountedSucceeded], failed: [...sc.uncountedFailed] }
    const indexed = isIndexedJob(job)
    const completions = job.spec?.completions ?? 0
    const release: Pod[] = []
    const withFinalizer = new Set(sc.pods.filter(hasTrackingFinalizer).map((p) => p.metadata!.uid!))
    this.countReleased(status, uncounted, withFinalizer)
    const failing = sc.finished && sc.finished.type !== 'SuccessCriteriaMet'
    for (const pod of sc.pods) {
      if (!hasTrackingFinalizer(pod)) continue
      const uid = pod.metadata!.uid!
      const failed = isPodFailed(pod, job)
      const canRelease = !!job.metadata?.deletionTimestamp || !!sc.finished || pod.status?.phase === 'Succeeded' || failed
      if (!canRelease) continue
      release.push(pod)
      if (pod.status?.phase === 'Succeeded' && !sc.uncountedFailed.has(uid)) {
        if (!indexed && !uncounted.succeeded.includes(uid)) uncounted.succeeded.push(uid)
      } else if ((failed || failing) && !uncounted.failed.includes(uid)) {
        const ix = completionIndex(pod)
        if (indexed && (ix < 0 || ix >= completions)) continue
        if (!job.spec?.podFailurePolicy || matchPodFailurePolicy(job, pod).countFailed) uncounted.failed.push(uid)
      }
    }
    if (indexed) {
      status.completedIndexes = formatIndexes(sc.succeededIndexes ?? [])
      status.succeeded = sc.succeededIndexes?.size ?? 0
      if (!status.completedIndexes) delete status.completedIndexes
    }
    const conditions = [...(status.conditions ?? [])]
    if (sc.finished?.type === 'FailureTarget') {
      conditions.push(sc.finished)
      sc.finished = newCondition('Failed', sc.finished.reason ?? '', sc.finished.message ?? '', this.c.clock.timestamp())
    }
    if (sc.finished?.type === 'SuccessCriteriaMet') {
      if (!conditions.some((c) => c.type === 'SuccessCriteriaMet')) conditions.push(sc.finished)
      sc.finished = newCondition('Complete', sc.finished.reason ?? '', sc.finished.message ?? '', this.c.clock.timestamp())
    }
    if (conditions.length) status.conditions = conditions
    status.uncountedTerminatedPods = compactUncounted(uncounted)
    let current = this.flush(sc)
    if (current) this.backoffs.save(sc.key, sc.backoff)
    for (const pod of release) if (this.removeFinalizer(pod)) withFinalizer.delete(pod.metadata!.uid!)
    const moved = this.countReleased(status, uncounted, withFinalizer)
    status.uncountedTerminatedPods = compactUncounted(uncounted)
    const finished = this.enactFinished(sc, uncounted)
    if (moved || finished) {
      current = this.flush(sc, current)
      if (finished && current) this.recordFinished(current, sc.finished!)
    }
  }

  /** kube: cleanUncountedPodsWithoutFinalizers — uids whose finalizer is gone move to the counters. */
  private countReleased(status: JobStatus, uncounted: { succeeded: string[]; failed: string[] }, withFinalizer: Set<string>): boolean {
    const s = uncounted.succeeded.filter((u) => withFinalizer.has(u))
    const f = uncounted.failed.filter((u) => withFinalizer.has(u))
    const changed = s.length !== uncounted.succeeded.length || f.length !== uncounted.failed.length
    status.succeeded = (status.succeeded ?? 0) + uncounted.succeeded.length - s.length
    status.failed = (status.failed ?? 0) + uncounted.failed.length - f.length
    if (!status.succeeded) delete status.succeeded
    if (!status.failed) delete status.failed
    uncounted.succeeded = s
    uncounted.failed = f
    return changed
  }

  /** kube: enactJobFinished — the terminal condition, once nothing is uncounted or terminating. */
  private enactFinished(sc: SyncContext, uncounted: { succeeded: string[]; failed: string[] }): boolean {
    const cond = sc.finished
    if (!cond || uncounted.succeeded.length + uncounted.failed.length > 0 || sc.terminating > 0) return false
    const status = sc.job.status as JobStatus
    const conditions = [...(status.conditions ?? [])]
    if (!conditions.some((c) => c.type === cond.type && c.status === 'True')) conditions.push(cond)
    status.conditions = conditions
    if (cond.type === 'Complete') status.completionTime = cond.lastTransitionTime
    return true
  }

  /** Writes the status when it changed; returns the stored Job, or undefined when it is gone. */
  private flush(sc: SyncContext, current?: Job): Job | undefined {
    const base = current ?? this.jobs.get(sc.job.metadata?.namespace, sc.job.metadata?.name ?? '')
    if (!base) return undefined
    if (deepEqual(sc.job.status, base.status)) return base
    try {
      return this.c.api.updateStatus({ ...base, status: sc.job.status } as KubeObject, this.ctx) as Job
    } catch (e) {
      if (isNotFound(e)) return undefined
      throw e
    }
  }

  private recordFinished(job: Job, cond: JobCondition): void {
    if (cond.type === 'Complete') {
      const completions = job.spec?.completions
      if (completions !== undefined && (job.status?.succeeded ?? 0) > completions) {
        this.record(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached')
      }
      this.record(job, 'Normal', 'Completed', 'Job completed')
    } else this.record(job, 'Warning', cond.reason ?? 'Failed', cond.message ?? '')
  }

  /** Removes the tracking finalizer; true when the pod is free of it (or gone). */
  removeFinalizer(pod: Pod): boolean {
    const finalizers = (pod.metadata?.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER)
    try {
      this.c.api.patch('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '', {
        metadata: { finalizers: finalizers.length ? finalizers : null, uid: pod.metadata?.uid },
      }, this.ctx)
      return true
    } catch (e) {
      if (isNotFound(e)) return true
      throw e
    }
  }

  /** Deletes pods (keeping their finalizers, or removing them first when `release`); returns how many. */
  deletePods(job: Job, pods: Pod[], release: boolean): number {
    let n = 0
    for (const pod of pods) {
      try {
        if (release && hasTrackingFinalizer(pod)) this.removeFinalizer(pod)
        this.c.api.delete('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '', this.ctx)
        this.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name}`)
      } catch (e) {
        if (!isNotFound(e)) {
          this.record(job, 'Warning', 'FailedDelete', `Error deleting: ${e instanceof Error ? e.message : String(e)}`)
          continue
        }
      }
      n++
    }
    return n
  }

  /** An orphan pod (its Job is gone) only needs its finalizer removed. */
  private releaseOrphan(key: string): void {
    const [ns, name] = splitKey(key)
    const pod = this.pods.get(ns, name)
    if (!pod || !hasTrackingFinalizer(pod)) return
    const ref = getControllerOf(pod)
    const job = ref ? this.jobs.get(ns, ref.name) : undefined
    if (job && job.metadata?.uid === ref?.uid) return
    this.removeFinalizer(pod)
  }

  record(job: Job, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.events.record(job as KubeObject, type, reason, message, { component: JOB_CONTROLLER })
  }
}

function compactUncounted(u: { succeeded: string[]; failed: string[] }): { succeeded?: string[]; failed?: string[] } {
  const out: { succeeded?: string[]; failed?: string[] } = {}
  if (u.succeeded.length) out.succeeded = [...u.succeeded]
  if (u.failed.length) out.failed = [...u.failed]
  return out
}
