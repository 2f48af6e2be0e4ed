/**
 * The ReplicaSet controller (kube: pkg/controller/replicaset). It keeps `spec.replicas` active
 * pods for every ReplicaSet: it creates missing pods from the template, deletes surplus ones
 * (the least valuable first), adopts matching orphans, releases pods whose labels stopped matching
 * and reports what it sees in the status.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext } from '../../apiserver/types'
import { isNotFound } from '../../apiserver/types'
import { fromLabelSelector, matches, type Selector } from '../../apiserver/labels'
import {
  INDEX_OWNER_UID, ownerUidIndex, type EventHandlers, type IndexFunc, type Informer, type InformerFactory,
} from '../../informers/informer'
import { CONTROLLER_SYNC_INTERVAL_MS, WorkQueue, keyOf, splitKey } from '../../informers/workqueue'
import { INDEX_ORPHANS_BY_NAMESPACE, getControllerOf, newControllerRef, orphansByNamespaceIndex } from '../util/controllerref'
import { ControllerExpectations } from '../util/expectations'
import { canonicalJson } from '../util/hash'
import { isPodActive, msUntilAvailable } from '../util/pods'
import { podsToDelete } from '../util/ranking'
import { claimObjects } from '../util/refmanager'
import { slowStartBatch } from '../util/slowstart'
import { podFromTemplate } from '../util/template'
import { calculateReplicaSetStatus, replicaSetStatusFromCounts, type ManageError, type ReplicaCounts } from './status'
import { ControlledPodsIndex, memoSelector, memoSetSelector } from './podfacts'

export const REPLICASET_CONTROLLER = 'replicaset-controller'
// kube: replicaset.BurstReplicas — at most this many creates or deletes per sync.
export const BURST_REPLICAS = 500

/** What the controller reads its ReplicaSets from: an informer, or an adapter that converts another kind. */
export interface ReplicaSetSource {
  addIndex(name: string, fn: IndexFunc<ReplicaSet>): void
  addEventHandler(handlers: EventHandlers<ReplicaSet>): void
  get(namespace: string | undefined, name: string): ReplicaSet | undefined
  list(namespace?: string): ReplicaSet[]
  byIndex(index: string, value: string): ReplicaSet[]
}

/**
 * The kind the controller runs for (kube: NewBaseController's gvk, lister and event source): the
 * ReplicaSet, or v1 ReplicationController through an adapter that shows each one as a ReplicaSet
 * of the same kind, name and uid (src/cluster/controllers/replication).
 */
export interface ReplicatedKind {
  kind: string
  apiVersion: string
  /** The actor of its writes and the component of its events. */
  controllerName: string
  source(informers: InformerFactory): ReplicaSetSource
}

export const REPLICA_SET_KIND: ReplicatedKind = {
  kind: 'ReplicaSet', apiVersion: 'apps/v1', controllerName: REPLICASET_CONTROLLER,
  source: (informers) => informers.for<ReplicaSet>('ReplicaSet'),
}

export interface ReplicaSetControllerOptions {
  burstReplicas?: number
  kind?: ReplicatedKind
}

export class ReplicaSetController {
  readonly queue: WorkQueue
  readonly expectations: ControllerExpectations
  private readonly rsInformer: ReplicaSetSource
  private readonly podInformer: Informer<Pod>
  private readonly burstReplicas: number
  private readonly kind: ReplicatedKind
  private readonly ctx: RequestContext
  private started = false
  private readonly controlled = new ControlledPodsIndex()

  constructor(private readonly c: ComponentContext, options: ReplicaSetControllerOptions = {}) {
    this.burstReplicas = options.burstReplicas ?? BURST_REPLICAS
    this.kind = options.kind ?? REPLICA_SET_KIND
    this.ctx = { actor: this.kind.controllerName }
    this.queue = new WorkQueue(c.clock, this.kind.controllerName, (key) => this.reconcile(key), {
      minIntervalMs: CONTROLLER_SYNC_INTERVAL_MS,
    })
    this.expectations = new ControllerExpectations(c.clock)
    this.rsInformer = this.kind.source(c.informers)
    this.podInformer = c.informers.for<Pod>('Pod')
    for (const inf of [this.rsInformer, this.podInformer] as Pick<Informer, 'addIndex'>[]) {
      inf.addIndex(INDEX_OWNER_UID, ownerUidIndex)
      inf.addIndex(INDEX_ORPHANS_BY_NAMESPACE, orphansByNamespaceIndex)
    }
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.rsInformer.addEventHandler({
      add: (rs) => this.queue.add(keyOf(rs)),
      update: (_old, rs) => this.queue.add(keyOf(rs)),
      delete: (rs) => {
        this.expectations.delete(keyOf(rs))
        this.queue.add(keyOf(rs))
      },
    })
    this.podInformer.addEventHandler({
      add: (pod) => {
        this.controlled.observe(keyOf(pod), pod)
        this.onPodAdd(pod)
      },
      update: (old, pod) => {
        this.controlled.observe(keyOf(pod), pod)
        this.onPodUpdate(old, pod)
      },
      delete: (pod) => {
        this.controlled.observe(keyOf(pod), undefined)
        this.onPodDelete(pod)
      },
    })
  }

  // ---- event handlers: map a pod event to the ReplicaSets that care -----------------------------

  private onPodAdd(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) return this.onPodDelete(pod)
    const ref = getControllerOf(pod)
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata?.namespace, ref)
      if (!rs) return
      this.expectations.creationObserved(keyOf(rs))
      this.queue.add(keyOf(rs))
      return
    }
    for (const rs of this.replicaSetsMatching(pod)) this.queue.add(keyOf(rs))
  }

  private onPodUpdate(old: Pod, pod: Pod): void {
    if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return
    const labelsChanged = old.metadata?.labels !== pod.metadata?.labels && canonicalJson(old.metadata?.labels) !== canonicalJson(pod.metadata?.labels)
    if (pod.metadata?.deletionTimestamp) {
      // kube: a pod being deleted is as good as gone for the count; the delete event may be 30 s away.
      this.onPodDelete(pod)
      if (labelsChanged) this.onPodDelete(old)
      return
    }
    const ref = getControllerOf(pod)
    const oldRef = getControllerOf(old)
    const refChanged = ref?.uid !== oldRef?.uid
    if (refChanged && oldRef) {
      const oldRs = this.resolveControllerRef(old.metadata?.namespace, oldRef)
      if (oldRs) this.queue.add(keyOf(oldRs))
    }
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata?.namespace, ref)
      if (rs) this.queue.add(keyOf(rs))
      return
    }
    if (labelsChanged || refChanged) for (const rs of this.replicaSetsMatching(pod)) this.queue.add(keyOf(rs))
  }

  private onPodDelete(pod: Pod): void {
    const ref = getControllerOf(pod)
    if (!ref) return
    const rs = this.resolveControllerRef(pod.metadata?.namespace, ref)
    if (!rs) return
    this.expectations.deletionObserved(keyOf(rs), keyOf(pod))
    this.queue.add(keyOf(rs))
  }

  private resolveControllerRef(namespace: string | undefined, ref: OwnerReference): ReplicaSet | undefined {
    if (ref.kind !== this.kind.kind) return undefined
    const rs = this.rsInformer.get(namespace, ref.name)
    return rs?.metadata?.uid === ref.uid ? rs : undefined
  }

  /** kube: GetPodReplicaSets — the ReplicaSets of the pod's namespace whose selector matches it. */
  private replicaSetsMatching(pod: Pod): ReplicaSet[] {
    const out: ReplicaSet[] = []
    for (const rs of this.rsInformer.list(pod.metadata?.namespace ?? '')) {
      const sel = fromLabelSelector(rs.spec?.selector)
      if (sel && sel.length > 0 && matches(sel, pod.metadata?.labels)) out.push(rs)
    }
    return out
  }

  // ---- sync -----------------------------------------------------------------------------------

  reconcile(key: string): void {
    const [namespace, name] = splitKey(key)
    const rs = this.rsInformer.get(namespace, name)
    if (!rs) {
      this.expectations.delete(key)
      return
    }
    const needsSync = this.expectations.satisfied(key)
    const now = this.c.clock.now()
    const claimed = this.claimPods(rs, namespace, now)

    // The pods as they were before this sync acted, as kube's sync computes with.
    const before = rs.spec?.minReadySeconds ? claimed.pods() : undefined
    let manageError: ManageError | undefined
    if (needsSync && !rs.metadata?.deletionTimestamp) manageError = this.manageReplicas(claimed.count, claimed.pods, rs, key)

    const status = replicaSetStatusFromCounts(rs, claimed.counts, manageError, this.c.clock.timestamp())
    if (canonicalJson(status) !== canonicalJson(rs.status)) {
      // Only the status travels through the status subresource; the rest of `rs` is read for identity.
      this.c.api.updateStatus({ ...rs, status } as KubeObject, this.ctx)
    }
    if (before) this.requeueForAvailability(key, rs, before, now)
    if (manageError) throw new Error(manageError.message)
  }

  /**
   * The active pods this ReplicaSet owns (kube: claimPods, adopting and releasing as claimObjects
   * does), and calculateStatus' counts of them as they are before this sync acts. The usual case,
   * no orphans around and every controlled pod still matching, is read from the running counts
   * without visiting the pods; anything else takes claimObjects' path.
   */
  private claimPods(rs: ReplicaSet, namespace: string | undefined, now: number): { count: number; pods: () => Pod[]; counts: ReplicaCounts } {
    const selector = memoSelector(rs.spec?.selector) ?? []
    const uid = rs.metadata?.uid ?? ''
    const ownerDeleting = !!rs.metadata?.deletionTimestamp
    const noOrphans = !selector.length || ownerDeleting || !this.hasAdoptableOrphan(namespace, selector)
    const controlled = this.controlled.of(uid)
    const minReady = rs.spec?.minReadySeconds ?? 0
    if (noOrphans && !controlled) {
      return { count: 0, pods: () => [], counts: { replicas: 0, fullyLabeled: 0, ready: 0, available: 0 } }
    }
    if (noOrphans && controlled) {
      const c = controlled.countsFor(selector, memoSetSelector(rs.spec?.template?.metadata?.labels))
      if (ownerDeleting || c.mismatched === 0) {
        let available = c.ready
        if (minReady) {
          available = 0
          for (const f of controlled.pods.values()) if (f.available(minReady, now)) available++
        }
        const counts = { replicas: controlled.size, fullyLabeled: c.labeled, ready: c.ready, available }
        let list: Pod[] | undefined
        return { count: controlled.size, pods: () => (list ??= controlled.list()), counts }
      }
    }
    const owned = this.podInformer.byIndex(INDEX_OWNER_UID, uid).filter(isPodActive)
    const orphans = selector.length ? this.podInformer.byIndex(INDEX_ORPHANS_BY_NAMESPACE, namespace ?? '').filter(isPodActive) : []
    const pods = claimObjects<Pod>({
      api: this.c.api, ctx: this.ctx, owner: rs as KubeObject,
      ownerRef: newControllerRef(rs as KubeObject, this.kind.apiVersion, this.kind.kind),
      selector, owned: owned as KubeObject[], orphans: orphans as KubeObject[],
      canAdopt: () => this.canAdopt(rs),
    })
    const s = calculateReplicaSetStatus(rs, pods, undefined, now, '')
    const counts = { replicas: pods.length, fullyLabeled: s.fullyLabeledReplicas ?? 0, ready: s.readyReplicas ?? 0, available: s.availableReplicas ?? 0 }
    return { count: pods.length, pods: () => pods, counts }
  }

  /** Whether claimObjects would try to adopt a pod: an active orphan of the namespace that matches. */
  private hasAdoptableOrphan(namespace: string | undefined, selector: Selector): boolean {
    for (const pod of this.podInformer.valuesByIndex(INDEX_ORPHANS_BY_NAMESPACE, namespace ?? '')) {
      if (isPodActive(pod) && !getControllerOf(pod) && matches(selector, pod.metadata?.labels)) return true
    }
    return false
  }

  private canAdopt(rs: ReplicaSet): boolean {
    const fresh = this.c.api.find<ReplicaSet>(this.kind.kind, rs.metadata?.namespace, rs.metadata?.name ?? '')
    return !!fresh && fresh.metadata?.uid === rs.metadata?.uid && !fresh.metadata?.deletionTimestamp
  }

  /** One step toward `spec.replicas`: create or delete up to burstReplicas pods. */
  private manageReplicas(count: number, claimed: () => Pod[], rs: ReplicaSet, key: string): ManageError | undefined {
    const diff = count - (rs.spec?.replicas ?? 1)
    if (diff < 0) {
      const n = Math.min(-diff, this.burstReplicas)
      this.expectations.expectCreations(key, n)
      const { successes, error } = slowStartBatch(n, () => this.createPod(rs))
      if (successes < n) this.expectations.lowerCreations(key, n - successes)
      return error === undefined ? undefined : { reason: 'FailedCreate', message: messageOf(error) }
    }
    if (diff > 0) {
      const n = Math.min(diff, this.burstReplicas)
      const victims = podsToDelete(claimed(), this.relatedPods(rs), n, this.c.clock.now())
      this.expectations.expectDeletions(key, victims.map(keyOf))
      let failure: ManageError | undefined
      for (const pod of victims) {
        try {
          this.c.api.delete('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '', this.ctx)
          this.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name}`)
        } catch (e) {
          this.expectations.lowerDeletion(key, keyOf(pod))
          if (isNotFound(e)) continue
          this.record(rs, 'Warning', 'FailedDelete', `Error deleting: ${messageOf(e)}`)
          failure ??= { reason: 'FailedDelete', message: messageOf(e) }
        }
      }
      return failure
    }
    return undefined
  }

  private createPod(rs: ReplicaSet): void {
    const pod = podFromTemplate(rs.spec?.template, rs.metadata?.namespace, rs.metadata?.name ?? '',
      newControllerRef(rs as KubeObject, this.kind.apiVersion, this.kind.kind))
    try {
      const created = this.c.api.create(pod as KubeObject, this.ctx)
      this.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`)
    } catch (e) {
      this.record(rs, 'Warning', 'FailedCreate', `Error creating: ${messageOf(e)}`)
      throw e
    }
  }

  /**
   * kube: getIndirectlyRelatedPods — the active pods of every ReplicaSet with the same controller
   * (the Deployment's other revisions), used to spread what survives a scale-down across nodes.
   */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const ctrl = getControllerOf(rs as KubeObject)
    const siblings = ctrl ? this.rsInformer.byIndex(INDEX_OWNER_UID, ctrl.uid).filter((s) => getControllerOf(s as KubeObject)?.uid === ctrl.uid) : [rs]
    const out: Pod[] = []
    for (const s of siblings) {
      for (const p of this.podInformer.byIndex(INDEX_OWNER_UID, s.metadata?.uid ?? '')) {
        if (getControllerOf(p)?.uid === s.metadata?.uid && isPodActive(p)) out.push(p)
      }
    }
    return out
  }

  /**
   * kube requeues after minReadySeconds when pods are ready but not yet available; we requeue at
   * the instant the first of them becomes available, so status flips exactly on time.
   */
  private requeueForAvailability(key: string, rs: ReplicaSet, pods: Pod[], now: number): void {
    const minReady = rs.spec?.minReadySeconds ?? 0
    if (!minReady) return
    let soonest = Infinity
    for (const p of pods) {
      const ms = msUntilAvailable(p, minReady, now)
      if (ms !== undefined && ms > 0) soonest = Math.min(soonest, ms)
    }
    if (soonest !== Infinity) this.queue.addAfter(key, soonest)
  }

  private record(rs: ReplicaSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.events.record(rs as KubeObject, type, reason, message, { component: this.kind.controllerName })
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
