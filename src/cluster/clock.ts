/**
 * Virtual time and the seeded event queue: the only source of time in the simulation.
 *
 * Components never read the wall clock; they ask `now()` and `schedule()` work. The host (the Web
 * Worker, the headless runner, a test) decides how fast virtual time moves: it can pause, step to
 * the next event, advance by a duration or run at a speed against wall time.
 */
import { Heap } from './heap'
import { Random } from './random'

export type TimerId = number

interface Timer {
  id: TimerId
  at: number
  seq: number
  label: string
  fn: () => void
}

/** kube-like epoch for a fresh cluster: every run of the same seed starts at the same instant. */
export const DEFAULT_EPOCH = Date.UTC(2026, 0, 1, 9, 0, 0)

/** A runaway loop of zero-delay work at one instant is a bug; stop it instead of freezing the tab. */
const MAX_EVENTS_PER_INSTANT = 2_000_000

export class Clock {
  readonly random: Random
  private t: number
  private seq = 0
  private heap = new Heap<Timer>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq))
  private cancelled = new Set<TimerId>()
  private sameInstantCount = 0
  private lastInstant = -1
  private stampSecond = NaN
  private stamp = ''

  constructor(options: { seed?: number; epoch?: number } = {}) {
    this.random = new Random(options.seed ?? 1)
    this.t = options.epoch ?? DEFAULT_EPOCH
  }

  /** Virtual milliseconds since the Unix epoch. */
  now(): number {
    return this.t
  }

  /** RFC 3339 timestamp at second precision, as Kubernetes writes metav1.Time. */
  timestamp(at = this.t): string {
    const second = Math.floor(at / 1000)
    // Most writes at one instant stamp the same second: format it once.
    if (second !== this.stampSecond) {
      this.stampSecond = second
      this.stamp = new Date(second * 1000).toISOString().replace('.000Z', 'Z')
    }
    return this.stamp
  }

  /** RFC 3339 with microseconds, as Kubernetes writes metav1.MicroTime (Lease renewTime). */
  microTimestamp(at = this.t): string {
    return new Date(at).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
  }

  schedule(delayMs: number, fn: () => void, label = ''): TimerId {
    const id = ++this.seq
    this.heap.push({ id, at: this.t + Math.max(0, delayMs), seq: id, label, fn })
    return id
  }

  cancel(id: TimerId | undefined): void {
    if (id !== undefined) this.cancelled.add(id)
  }

  /** Time of the next pending event, or undefined when nothing is scheduled. */
  nextAt(): number | undefined {
    this.dropCancelled()
    return this.heap.peek()?.at
  }

  pending(): number {
    return this.heap.size - this.cancelled.size
  }

  /** Runs every event due at or before `target`, then sets the time to `target`. */
  advanceTo(target: number): void {
    for (;;) {
      this.dropCancelled()
      const top = this.heap.peek()
      if (!top || top.at > target) break
      this.runTop()
    }
    if (target > this.t) this.t = target
  }

  advance(ms: number): void {
    this.advanceTo(this.t + ms)
  }

  /** Jumps to the next pending event and runs every event at that instant. Returns false if idle. */
  step(): boolean {
    const at = this.nextAt()
    if (at === undefined) return false
    this.advanceTo(at)
    return true
  }

  /** Runs the work due now (zero-delay chains included) without moving time. */
  settle(): void {
    this.advanceTo(this.t)
  }

  private runTop(): void {
    const timer = this.heap.pop()!
    if (timer.at > this.t) this.t = timer.at
    if (this.t === this.lastInstant) {
      if (++this.sameInstantCount > MAX_EVENTS_PER_INSTANT) {
        throw new Error(`clock: more than ${MAX_EVENTS_PER_INSTANT} events at one instant (last: ${timer.label})`)
      }
    } else {
      this.lastInstant = this.t
      this.sameInstantCount = 0
    }
    timer.fn()
  }

  private dropCancelled(): void {
    for (let top = this.heap.peek(); top && this.cancelled.has(top.id); top = this.heap.peek()) {
      this.cancelled.delete(top.id)
      this.heap.pop()
    }
  }
}
