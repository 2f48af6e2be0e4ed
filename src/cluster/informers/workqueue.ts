/**
 * A work queue of object keys (`namespace/name`), as client-go's: a key is queued once however
 * many events name it, never processed twice at once, can be delayed, and failed keys come back
 * with exponential back-off. Processing runs on the virtual clock, in batches.
 */
import type { Clock, TimerId } from '../clock'
import { isConflict, isNotFound } from '../apiserver/types'

export type Reconcile = (key: string) => void

/** kube: workqueue.DefaultTypedItemBasedRateLimiter — 5 ms doubling to 1000 s. */
const BASE_DELAY_MS = 5
const MAX_DELAY_MS = 1_000_000

/**
 * The coalescing window of controllers whose sync reads every child (a ReplicaSet's pods, a
 * Deployment's ReplicaSets): a real controller's sync takes milliseconds, during which new events
 * for the key merge into one queued item. Syncs here take no virtual time, so the window is explicit.
 */
export const CONTROLLER_SYNC_INTERVAL_MS = 50

export class WorkQueue {
  private queue: string[] = []
  private head = 0
  private queued = new Set<string>()
  private failures = new Map<string, number>()
  private delayed = new Map<string, { id: TimerId; at: number }>()
  private scheduled = false
  private running = false
  /** Keys whose last reconcile threw something other than a conflict, with the error. */
  readonly errors = new Map<string, string>()

  private lastRun = new Map<string, number>()

  /**
   * `minIntervalMs`: a key synced at t is not synced again before t + minIntervalMs; the events in
   * between coalesce into one sync. A real controller gets this from the time a sync takes while
   * the queue dedupes the key; here syncs take no virtual time, so it is explicit. It keeps a
   * controller whose sync reads all its children (a ReplicaSet's pods) from doing so per event.
   */
  constructor(
    private readonly clock: Clock,
    readonly name: string,
    private readonly reconcile: Reconcile,
    private readonly options: { minIntervalMs?: number } = {},
  ) {}

  add(key: string): void {
    if (this.queued.has(key)) return
    const min = this.options.minIntervalMs
    if (min) {
      const last = this.lastRun.get(key)
      const wait = last === undefined ? 0 : last + min - this.clock.now()
      if (wait > 0) return this.addAfter(key, wait)
    }
    this.queued.add(key)
    this.queue.push(key)
    this.kick()
  }

  /**
   * Queues the key after `ms` of virtual time. As client-go's delaying queue, a key waiting already
   * keeps the sooner of its two times.
   */
  addAfter(key: string, ms: number): void {
    if (ms <= 0) return this.add(key)
    const at = this.clock.now() + ms
    const pending = this.delayed.get(key)
    if (pending) {
      if (pending.at <= at) return
      this.clock.cancel(pending.id)
    }
    const id = this.clock.schedule(ms, () => {
      this.delayed.delete(key)
      this.add(key)
    }, `${this.name}: requeue ${key}`)
    this.delayed.set(key, { id, at })
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0
    this.failures.set(key, n + 1)
    this.addAfter(key, Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** n))
  }

  forget(key: string): void {
    this.failures.delete(key)
    this.errors.delete(key)
  }

  get length(): number {
    return this.queue.length - this.head
  }

  private kick(): void {
    if (this.scheduled || this.running) return
    this.scheduled = true
    this.clock.schedule(0, () => this.drain(), `${this.name}: process`)
  }

  private drain(): void {
    this.scheduled = false
    this.running = true
    try {
      while (this.head < this.queue.length) {
        const key = this.queue[this.head++]
        this.queued.delete(key)
        this.process(key)
      }
      this.queue = []
      this.head = 0
    } finally {
      this.running = false
    }
  }

  private pruneLastRun(): void {
    const horizon = this.clock.now() - (this.options.minIntervalMs ?? 0)
    for (const [k, t] of this.lastRun) if (t < horizon) this.lastRun.delete(k)
  }

  private process(key: string): void {
    if (this.options.minIntervalMs) {
      this.lastRun.set(key, this.clock.now())
      if (this.lastRun.size > 10_000) this.pruneLastRun()
    }
    try {
      this.reconcile(key)
      this.forget(key)
    } catch (e) {
      // A conflict means our cache was behind: retry. A missing object is settled state, not a failure.
      if (isNotFound(e)) return this.forget(key)
      if (!isConflict(e)) this.errors.set(key, e instanceof Error ? e.message : String(e))
      this.addRateLimited(key)
    }
  }
}

export const keyOf = (obj: { metadata?: { namespace?: string; name?: string } }): string =>
  obj.metadata?.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata?.name ?? ''

export const splitKey = (key: string): [namespace: string | undefined, name: string] => {
  const i = key.indexOf('/')
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)]
}
