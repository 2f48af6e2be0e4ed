/**
 * The TTL-after-finished controller (kube: pkg/controller/ttlafterfinished). A Job with
 * `ttlSecondsAfterFinished` is deleted that many seconds after its Complete or Failed condition
 * turned True, with propagationPolicy Foreground so its pods go before it does.
 */
import type { Job } from 'kubernetes-types/batch/v1'
import type { ComponentContext } from '../../component'
import type { RequestContext } from '../../apiserver/types'
import { isConflict, isNotFound } from '../../apiserver/types'
import type { Informer } from '../../informers/informer'
import { WorkQueue, keyOf, splitKey } from '../../informers/workqueue'
import { parseTime } from '../util/time'

export const TTL_AFTER_FINISHED_CONTROLLER = 'ttl-after-finished-controller'

/** kube: jobFinishTime — the transition time of the terminal condition. */
export function jobFinishTime(job: Job): number | undefined {
  const c = job.status?.conditions?.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True')
  return c ? parseTime(c.lastTransitionTime) : undefined
}

export class TTLAfterFinishedController {
  readonly queue: WorkQueue
  private readonly jobs: Informer<Job>
  private readonly ctx: RequestContext = { actor: TTL_AFTER_FINISHED_CONTROLLER }
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, TTL_AFTER_FINISHED_CONTROLLER, (key) => this.reconcile(key))
    this.jobs = c.informers.for<Job>('Job')
  }

  start(): void {
    if (this.started) return
    this.started = true
    const consider = (job: Job) => {
      if (job.metadata?.deletionTimestamp || job.spec?.ttlSecondsAfterFinished === undefined) return
      if (jobFinishTime(job) !== undefined) this.queue.add(keyOf(job))
    }
    this.jobs.addEventHandler({ add: consider, update: (_old, job) => consider(job) })
  }

  /** kube: processJob — delete once expired, else look again when it will be. */
  reconcile(key: string): void {
    const [ns, name] = splitKey(key)
    const job = this.jobs.get(ns, name)
    const ttl = job?.spec?.ttlSecondsAfterFinished
    if (!job || ttl === undefined || job.metadata?.deletionTimestamp) return
    const finished = jobFinishTime(job)
    if (finished === undefined) return
    const left = finished + ttl * 1000 - this.c.clock.now()
    if (left > 0) return this.queue.addAfter(key, left)
    try {
      // kube: Foreground deletion with a uid precondition, so a recreated Job of the same name is safe.
      this.c.api.delete('Job', ns, name, this.ctx, { propagationPolicy: 'Foreground', uid: job.metadata?.uid })
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) throw e
    }
  }
}
