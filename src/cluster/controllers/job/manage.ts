/**
 * kube: manageJob — how many pods a Job should have running now, and the creates or deletes that
 * get it there: never more than `parallelism`, never more than the completions still missing, none
 * while suspended, and no replacement of a failed pod before the back-off has passed.
 */
import type { Job } from 'kubernetes-types/batch/v1'
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../apiserver/types'
import { newControllerRef } from '../util/controllerref'
import { isPodReady } from '../util/pods'
import { slowStartBatch } from '../util/slowstart'
import { podFromTemplate } from '../util/template'
import { remainingBackoffMs } from './backoff'
import { JOB_TRACKING_FINALIZER, onlyReplaceFailedPods } from './conditions'
import { COMPLETION_INDEX, COMPLETION_INDEX_ENV, firstPendingIndexes, isIndexedJob } from './indexed'
import type { JobController, SyncContext } from './job-controller'

// kube: MaxPodCreateDeletePerSync.
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500

/** Returns the number of active pods after acting. */
export function manageJob(jc: JobController, sc: SyncContext): number {
  const job = sc.job
  let active = sc.active.length
  if (job.spec?.suspend) {
    // kube: suspending a Job deletes its active pods (their finalizers removed first).
    const removed = deleteActive(jc, sc, sc.active)
    return active - removed
  }
  const parallelism = job.spec?.parallelism ?? 1
  const completions = job.spec?.completions
  let want: number
  if (completions === undefined) want = sc.succeeded > 0 ? active : parallelism
  else want = Math.max(0, Math.min(completions - sc.succeeded, parallelism))

  if (active > want) {
    const victims = sortForRemoval(sc.active).slice(0, Math.min(active - want, MAX_POD_CREATE_DELETE_PER_SYNC))
    return active - deleteActive(jc, sc, victims)
  }
  const terminating = onlyReplaceFailedPods(job) ? sc.terminating : 0
  let diff = want - terminating - active
  if (diff <= 0) return active
  const wait = remainingBackoffMs(sc.backoff, jc.c.clock.now())
  if (wait > 0) {
    jc.queue.addAfter(sc.key, wait)
    return active
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC)
  let indexes: number[] = []
  if (isIndexedJob(job)) {
    indexes = firstPendingIndexes(diff, completions ?? 0, sc.succeededIndexes ?? new Set(), sc.active)
    diff = indexes.length
  }
  const { successes } = slowStartBatch(diff, (i) => createPod(jc, job, indexes[i]))
  return active + successes
}

function deleteActive(jc: JobController, sc: SyncContext, pods: Pod[]): number {
  const removed = jc.deletePods(sc.job, pods, true)
  sc.terminating += removed
  sc.ready -= pods.slice(0, removed).filter(isPodReady).length
  return removed
}

/** kube: controller.ActivePods ordering — unscheduled, then pending, then not ready, go first. */
function sortForRemoval(pods: Pod[]): Pod[] {
  const rank = (p: Pod) => [p.spec?.nodeName ? 1 : 0, p.status?.phase === 'Pending' ? 0 : 1, isPodReady(p) ? 1 : 0]
  return [...pods].sort((a, b) => {
    const ra = rank(a)
    const rb = rank(b)
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i]
    return (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? '')
  })
}

function createPod(jc: JobController, job: Job, index: number | undefined): void {
  const template = structuredClone(job.spec?.template) as PodTemplateSpec
  const meta = (template.metadata ??= {})
  let prefix = job.metadata?.name ?? ''
  if (index !== undefined) {
    // kube: the index travels as annotation and label, in JOB_COMPLETION_INDEX, in the hostname and the name.
    meta.annotations = { ...(meta.annotations ?? {}), [COMPLETION_INDEX]: String(index) }
    meta.labels = { ...(meta.labels ?? {}), [COMPLETION_INDEX]: String(index) }
    const spec = template.spec!
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      if ((c.env ?? []).some((e) => e.name === COMPLETION_INDEX_ENV)) continue
      c.env = [...(c.env ?? []), { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } } }]
    }
    spec.hostname = `${prefix}-${index}`
    prefix = `${prefix}-${index}`
  }
  meta.finalizers = [...(meta.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER), JOB_TRACKING_FINALIZER]
  const pod = podFromTemplate(template, job.metadata?.namespace, prefix, newControllerRef(job as KubeObject, 'batch/v1', 'Job'))
  try {
    const created = jc.c.api.create(pod as KubeObject, { actor: 'job-controller' })
    jc.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`)
  } catch (e) {
    jc.record(job, 'Warning', 'FailedCreate', `Error creating: ${e instanceof Error ? e.message : String(e)}`)
    throw e
  }
}
