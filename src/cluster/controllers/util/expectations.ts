/**
 * Controller expectations (kube: pkg/controller/controller_utils.go, UIDTrackingControllerExpectations).
 *
 * A controller that has just asked for N pods must not ask again before its cache has seen them,
 * or it would create 2N. It records what it expects; watch events lower the counts; while any
 * remain the controller does not manage replicas. Expectations expire so a lost event cannot wedge
 * a controller forever.
 */
import type { Clock } from '../../clock'

// kube: ExpectationsTimeout = 5 * time.Minute
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000

interface Expectation {
  add: number
  del: number
  /** Keys (namespace/name) of pods we asked to delete and have not yet seen go. */
  deleting: Set<string>
  at: number
}

export class ControllerExpectations {
  private items = new Map<string, Expectation>()

  constructor(private readonly clock: Clock) {}

  /** True when nothing is pending (or what was pending has expired): the controller may act. */
  satisfied(key: string): boolean {
    const e = this.items.get(key)
    if (!e) return true
    if (e.add <= 0 && e.del <= 0) return true
    return this.clock.now() - e.at > EXPECTATIONS_TIMEOUT_MS
  }

  expectCreations(key: string, n: number): void {
    this.set(key, n, 0, [])
  }

  /** Records the keys of the pods about to be deleted. */
  expectDeletions(key: string, podKeys: string[]): void {
    this.set(key, 0, podKeys.length, podKeys)
  }

  creationObserved(key: string): void {
    const e = this.items.get(key)
    if (e && e.add > 0) e.add--
  }

  /** A deletion counts once per pod, however many events report it. */
  deletionObserved(key: string, podKey: string): void {
    const e = this.items.get(key)
    if (e && e.deleting.delete(podKey)) e.del--
  }

  /** For creates that were skipped or failed: they will never be observed. */
  lowerCreations(key: string, n: number): void {
    const e = this.items.get(key)
    if (e) e.add = Math.max(0, e.add - n)
  }

  lowerDeletion(key: string, podKey: string): void {
    this.deletionObserved(key, podKey)
  }

  delete(key: string): void {
    this.items.delete(key)
  }

  pending(key: string): { add: number; del: number } | undefined {
    const e = this.items.get(key)
    return e && { add: e.add, del: e.del }
  }

  private set(key: string, add: number, del: number, podKeys: string[]): void {
    this.items.set(key, { add, del, deleting: new Set(podKeys), at: this.clock.now() })
  }
}
