/**
 * The scheduling queue (kube: pkg/scheduler/backend/queue/scheduling_queue.go), three parts:
 *
 * - activeQ: pods ready to be tried, highest priority first, then the longest waiting (PrioritySort);
 * - backoffQ: pods waiting out their back-off (1 s doubling to 10 s per attempt) before activeQ;
 * - unschedulablePods: pods that fit nowhere, parked until a cluster event that may help them
 *   (a plugin that rejected them says so: a QueueingHint) or until they have waited 5 minutes.
 *
 * Entries are removed lazily: a heap item whose entry has moved on is skipped when it surfaces.
 */
import type { Clock, TimerId } from '../clock'
import { Heap } from '../heap'
import type { PodInfo } from './podinfo'

/** kube default: podInitialBackoffSeconds 1 */
export const POD_INITIAL_BACKOFF_MS = 1_000
/** kube default: podMaxBackoffSeconds 10 */
export const POD_MAX_BACKOFF_MS = 10_000
/** kube default: podMaxInUnschedulablePodsDuration 5 min */
export const POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000
/** kube: flushUnschedulablePodsLeftover runs every 30 s. */
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000
/** kube: flushBackoffQCompleted runs every second. */
export const BACKOFF_FLUSH_PERIOD_MS = 1_000

type Where = 'active' | 'backoff' | 'unschedulable' | 'inflight'

export interface QueuedPodInfo {
  info: PodInfo
  /** When the pod last entered the queue (or last failed): orders activeQ and starts the back-off. */
  timestamp: number
  /** Scheduling attempts so far. */
  attempts: number
  /** Plugins that rejected the pod in its last attempt: only their events can help it. */
  unschedulablePlugins: ReadonlySet<string>
  where: Where
  /** Creation order, to order pods queued at the same virtual instant deterministically. */
  readonly seq: number
  /** The scheduling cycle that popped the pod. */
  cycle: number
  token: number
}

/** Heap items carry their sort keys, fixed when pushed, so a later change to the entry cannot break the heap. */
interface Item {
  entry: QueuedPodInfo
  token: number
  priority: number
  /** activeQ: the timestamp; backoffQ: when the back-off ends. */
  at: number
}

export interface QueueOptions {
  /**
   * kube v1.33+ SchedulerPopFromBackoffQ (beta, on by default): when activeQ is empty the
   * scheduler takes the pod whose back-off ends first instead of idling.
   */
  popFromBackoffQ?: boolean
}

export class SchedulingQueue {
  private readonly entries = new Map<string, QueuedPodInfo>()
  private readonly activeQ = new Heap<Item>(lessActive)
  private readonly backoffQ = new Heap<Item>(lessBackoff)
  private readonly unschedulable = new Map<string, QueuedPodInfo>()
  private seq = 0
  private token = 0
  private schedulingCycle = 0
  private moveRequestCycle = -1
  private backoffTimer?: TimerId
  private backoffTimerAt = Infinity
  private leftoverTimer?: TimerId
  private readonly startedAt: number
  private readonly popFromBackoffQ: boolean

  constructor(
    private readonly clock: Clock,
    /** Called whenever a pod becomes ready to pop. */
    private readonly onActive: () => void,
    options: QueueOptions = {},
  ) {
    this.startedAt = clock.now()
    this.popFromBackoffQ = options.popFromBackoffQ ?? true
  }

  /** A new (or newly relevant) pending pod. */
  add(info: PodInfo): void {
    const e = this.entries.get(info.uid)
    if (e) {
      e.info = info
      return
    }
    const entry: QueuedPodInfo = {
      info, timestamp: this.clock.now(), attempts: 0, unschedulablePlugins: new Set(),
      where: 'active', seq: ++this.seq, cycle: 0, token: 0,
    }
    this.entries.set(info.uid, entry)
    this.pushActive(entry)
  }

  /** The pod changed. `relevant`: a change that may make it schedulable (spec, labels), not status. */
  update(info: PodInfo, relevant: boolean): void {
    const e = this.entries.get(info.uid)
    if (!e) return this.add(info)
    e.info = info
    if (relevant && e.where === 'unschedulable') this.requeue(e)
  }

  delete(uid: string): void {
    const e = this.entries.get(uid)
    if (!e) return
    this.entries.delete(uid)
    this.unschedulable.delete(uid)
    e.where = 'inflight' // heap items of a deleted entry are skipped
    e.token = -1
  }

  has(uid: string): boolean {
    return this.entries.has(uid)
  }

  get(uid: string): QueuedPodInfo | undefined {
    return this.entries.get(uid)
  }

  /** The next pod to try, or undefined. The pod is in flight until done(), failed() or delete(). */
  pop(): QueuedPodInfo | undefined {
    let e = popValid(this.activeQ, 'active')
    if (!e && this.popFromBackoffQ) e = popValid(this.backoffQ, 'backoff')
    if (!e) return undefined
    e.where = 'inflight'
    e.attempts++
    e.cycle = ++this.schedulingCycle
    return e
  }

  /** The pod was bound: it leaves the queue. */
  done(uid: string): void {
    this.delete(uid)
  }

  /**
   * The attempt failed. An unschedulable pod is parked until something changes; an error (or a
   * change seen while the pod was in flight) sends it to back-off instead.
   */
  failed(e: QueuedPodInfo, plugins: ReadonlySet<string>, unschedulable: boolean): void {
    if (this.entries.get(e.info.uid) !== e) return // deleted meanwhile
    e.timestamp = this.clock.now()
    e.unschedulablePlugins = plugins
    if (unschedulable && this.moveRequestCycle < e.cycle) {
      e.where = 'unschedulable'
      this.unschedulable.set(e.info.uid, e)
      this.armLeftoverFlush()
    } else {
      this.pushBackoff(e)
    }
  }

  /**
   * A cluster event: every parked pod for which `hint` says the event may help moves to activeQ
   * (or to backoffQ while its back-off lasts). kube: MoveAllToActiveOrBackoffQueue with QueueingHints.
   */
  moveOnEvent(hint: (e: QueuedPodInfo) => boolean): number {
    this.moveRequestCycle = this.schedulingCycle
    let moved = 0
    for (const e of [...this.unschedulable.values()]) {
      if (hint(e)) {
        this.requeue(e)
        moved++
      }
    }
    return moved
  }

  get unschedulableCount(): number {
    return this.unschedulable.size
  }

  /** Number of pods in each part (kube: the scheduler_pending_pods metric). */
  stats(): { active: number; backoff: number; unschedulable: number } {
    let active = 0
    let backoff = 0
    for (const e of this.entries.values()) {
      if (e.where === 'active') active++
      else if (e.where === 'backoff') backoff++
    }
    return { active, backoff, unschedulable: this.unschedulable.size }
  }

  /** kube: calculateBackoffDuration — 1 s, doubled per further attempt, at most 10 s. */
  backoffDuration(e: QueuedPodInfo): number {
    let d = POD_INITIAL_BACKOFF_MS
    for (let i = 1; i < e.attempts; i++) {
      if (d > POD_MAX_BACKOFF_MS - d) return POD_MAX_BACKOFF_MS
      d += d
    }
    return d
  }

  backoffExpiry(e: QueuedPodInfo): number {
    return e.timestamp + this.backoffDuration(e)
  }

  private requeue(e: QueuedPodInfo): void {
    this.unschedulable.delete(e.info.uid)
    if (e.attempts > 0 && this.backoffExpiry(e) > this.clock.now()) this.pushBackoff(e)
    else this.pushActive(e)
  }

  private pushActive(e: QueuedPodInfo): void {
    e.where = 'active'
    e.token = ++this.token
    this.activeQ.push({ entry: e, token: e.token, priority: e.info.priority, at: e.timestamp })
    this.onActive()
  }

  private pushBackoff(e: QueuedPodInfo): void {
    e.where = 'backoff'
    e.token = ++this.token
    this.backoffQ.push({ entry: e, token: e.token, priority: 0, at: this.backoffExpiry(e) })
    this.armBackoffFlush()
    if (this.popFromBackoffQ) this.onActive()
  }

  /** kube: flushBackoffQCompleted, on its one-second tick after the earliest back-off ends. */
  private armBackoffFlush(): void {
    const top = peekValid(this.backoffQ, 'backoff')
    if (!top) return
    const at = this.nextTick(top.at, BACKOFF_FLUSH_PERIOD_MS)
    if (this.backoffTimer !== undefined && this.backoffTimerAt <= at) return
    this.clock.cancel(this.backoffTimer)
    this.backoffTimerAt = at
    this.backoffTimer = this.clock.schedule(at - this.clock.now(), () => {
      this.backoffTimer = undefined
      this.backoffTimerAt = Infinity
      this.flushBackoffCompleted()
    }, 'kube-scheduler: flush backoffQ')
  }

  private flushBackoffCompleted(): void {
    const now = this.clock.now()
    for (;;) {
      const top = peekValid(this.backoffQ, 'backoff')
      if (!top || top.at > now) break
      this.backoffQ.pop()
      this.pushActive(top.entry)
    }
    this.armBackoffFlush()
  }

  /** kube: flushUnschedulablePodsLeftover, every 30 s while pods are parked. */
  private armLeftoverFlush(): void {
    if (this.leftoverTimer !== undefined || this.unschedulable.size === 0) return
    const at = this.nextTick(this.clock.now() + 1, UNSCHEDULABLE_FLUSH_PERIOD_MS)
    this.leftoverTimer = this.clock.schedule(at - this.clock.now(), () => {
      this.leftoverTimer = undefined
      const now = this.clock.now()
      for (const e of [...this.unschedulable.values()]) {
        if (now - e.timestamp > POD_MAX_IN_UNSCHEDULABLE_PODS_MS) this.requeue(e)
      }
      this.armLeftoverFlush()
    }, 'kube-scheduler: flush unschedulable pods')
  }

  /** The first tick of a `period` ticker started with the scheduler, at or after `t`. */
  private nextTick(t: number, period: number): number {
    const since = Math.max(0, t - this.startedAt)
    return this.startedAt + Math.ceil(since / period) * period
  }
}

/** kube: PrioritySort — higher priority first, then the earlier timestamp. */
function lessActive(a: Item, b: Item): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority
  if (a.at !== b.at) return a.at < b.at
  return a.entry.seq < b.entry.seq
}

/** The back-off that ends first. */
function lessBackoff(a: Item, b: Item): boolean {
  return a.at < b.at || (a.at === b.at && a.entry.seq < b.entry.seq)
}

function popValid(h: Heap<Item>, where: Where): QueuedPodInfo | undefined {
  for (;;) {
    const item = h.pop()
    if (!item) return undefined
    if (item.token === item.entry.token && item.entry.where === where) return item.entry
  }
}

function peekValid(h: Heap<Item>, where: Where): Item | undefined {
  for (;;) {
    const item = h.peek()
    if (!item) return undefined
    if (item.token === item.entry.token && item.entry.where === where) return item
    h.pop()
  }
}
