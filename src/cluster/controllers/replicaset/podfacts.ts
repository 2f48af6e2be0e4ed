/**
 * What a ReplicaSet sync reads of its pods, kept up to date pod event by pod event. kube's sync
 * lists and counts every pod of the ReplicaSet each time; here syncs run every 50 ms while pods
 * change, so the counts are kept as the pods change and a sync reads them in constant time. The
 * controller falls back to the full walk whenever the shortcut's conditions do not hold.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { matches, type Selector } from '../../apiserver/labels'
import { getControllerOf } from '../util/controllerref'
import { isPodActive, isPodReady, podReadyCondition } from '../util/pods'
import { parseTime } from '../util/time'

/** One stored pod object's answers (stored objects never change in place). */
export class PodFacts {
  readonly active: boolean
  readonly controllerUid: string | undefined
  readonly ready: boolean
  /** When the Ready condition last changed (for minReadySeconds), parsed on first use. */
  private readySinceMs: number | undefined | null = null
  // Two remembered answers: a sync asks about the selector and about the template's labels.
  private selA: Selector | undefined
  private matchA = false
  private selB: Selector | undefined
  private matchB = false

  constructor(readonly pod: Pod) {
    this.active = isPodActive(pod)
    this.controllerUid = getControllerOf(pod)?.uid
    this.ready = isPodReady(pod)
  }

  /** matches(selector, labels), remembered for the last two selectors asked (they are memoized too). */
  matches(selector: Selector): boolean {
    if (selector === this.selA) return this.matchA
    if (selector === this.selB) return this.matchB
    const m = matches(selector, this.pod.metadata?.labels)
    this.selB = this.selA
    this.matchB = this.matchA
    this.selA = selector
    this.matchA = m
    return m
  }

  /** kube: podutil.IsPodAvailable, as isPodAvailable in util/pods computes it. */
  available(minReadySeconds: number, now: number): boolean {
    if (!this.ready) return false
    if (!minReadySeconds) return true
    if (this.readySinceMs === null) this.readySinceMs = parseTime(podReadyCondition(this.pod)?.lastTransitionTime)
    const since = this.readySinceMs
    return since !== undefined && since + minReadySeconds * 1000 < now
  }
}

export interface ControlledCounts {
  /** Pods that no longer match the selector (they would be released). */
  mismatched: number
  /** Pods whose labels match the template's (kube: fullyLabeledReplicas). */
  labeled: number
  ready: number
}

/**
 * The active pods one owner controls, in the order the pod informer's owner index holds them (an
 * updated pod moves to the end there, and here), with counts for one selector and template.
 */
export class ControlledPods {
  readonly pods = new Map<string, PodFacts>()
  private selector?: Selector
  private template?: Selector
  private readonly counts: ControlledCounts = { mismatched: 0, labeled: 0, ready: 0 }

  get size(): number {
    return this.pods.size
  }

  add(key: string, f: PodFacts): void {
    this.pods.set(key, f)
    this.count(f, 1)
  }

  remove(key: string): void {
    const f = this.pods.get(key)
    if (!f) return
    this.pods.delete(key)
    this.count(f, -1)
  }

  /** The counts for this selector and template; recounted when they are not the last ones asked. */
  countsFor(selector: Selector, template: Selector): ControlledCounts {
    if (selector !== this.selector || template !== this.template) {
      this.selector = selector
      this.template = template
      this.counts.mismatched = this.counts.labeled = this.counts.ready = 0
      for (const f of this.pods.values()) this.count(f, 1)
    }
    return this.counts
  }

  list(): Pod[] {
    const out: Pod[] = []
    for (const f of this.pods.values()) out.push(f.pod)
    return out
  }

  private count(f: PodFacts, sign: 1 | -1): void {
    if (f.ready) this.counts.ready += sign
    if (this.selector === undefined) return
    if (!f.matches(this.selector)) this.counts.mismatched += sign
    if (f.matches(this.template!)) this.counts.labeled += sign
  }
}

/** Every pod's place: under the owner that controls it, when it is active. */
export class ControlledPodsIndex {
  private byOwner = new Map<string, ControlledPods>()
  private ownerOf = new Map<string, string>()

  /** A pod was added or changed (pod) or deleted (undefined). */
  observe(key: string, pod: Pod | undefined): void {
    const was = this.ownerOf.get(key)
    if (was !== undefined) {
      const owned = this.byOwner.get(was)!
      owned.remove(key)
      if (owned.size === 0) this.byOwner.delete(was)
      this.ownerOf.delete(key)
    }
    if (!pod) return
    const f = new PodFacts(pod)
    if (!f.active || f.controllerUid === undefined) return
    let owned = this.byOwner.get(f.controllerUid)
    if (!owned) this.byOwner.set(f.controllerUid, (owned = new ControlledPods()))
    owned.add(key, f)
    this.ownerOf.set(key, f.controllerUid)
  }

  of(ownerUid: string): ControlledPods | undefined {
    return this.byOwner.get(ownerUid)
  }
}

export { memoSelector, memoSetSelector } from '../../apiserver/labels'
