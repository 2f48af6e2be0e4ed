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

export class WorkQueue {
  private queue: string[] = []
  private head = 0
  private queued = new Set<string>()
  private failures = new Map<string, number>()
  private delayed = new Map<string, TimerId>()
  private scheduled = false
  private running = false
  /** Keys whose last reconcile threw something other than a conflict, with the error. */
  readonly errors = new Map<string, string>()

  constructor(
    private readonly clock: Clock,
    readonly name: string,
    private readonly reconcile: Reconcile,
  ) {}

  add(key: string): void {
    if (this.queued.has(key)) return
    this.queued.add(key)
    this.queue.push(key)
    this.kick()
  }

  /** Queues the key after `ms` of virtual time; an earlier pending delay for it is kept. */
  addAfter(key: string, ms: number): void {
    if (ms <= 0) return this.add(key)
    if (this.delayed.has(key)) return
    const id = this.clock.schedule(ms, () => {
      this.delayed.delete(key)
      this.add(key)
    }, `${this.name}: requeue ${key}`)
    this.delayed.set(key, id)
  }

  /** Replaces any pending delay for the key with `ms` (for "check again at exactly this time"). */
  addAfterReplacing(key: string, ms: number): void {
    this.clock.cancel(this.delayed.get(key))
    this.delayed.delete(key)
    this.addAfter(key, ms)
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

  private process(key: string): void {
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
