/**
 * The DaemonSet controller (kube: pkg/controller/daemon). One daemon pod on every node that should
 * run it: created pinned to its node by node affinity and placed by the default scheduler, removed
 * from nodes that no longer qualify, replaced when it fails. RollingUpdate replaces old pods while
 * at most maxUnavailable daemons are unavailable (maxSurge 0: the old pod goes first); OnDelete
 * replaces only pods the user deletes.
 */
import type { ControllerRevision, DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext } from '../../apiserver/types'
import { isNotFound } from '../../apiserver/types'
import { fromLabelSelector, matches } from '../../apiserver/labels'
import { INDEX_OWNER_UID, ownerUidIndex, type Informer } from '../../informers/informer'
import { CONTROLLER_SYNC_INTERVAL_MS, WorkQueue, keyOf, splitKey } from '../../informers/workqueue'
import { INDEX_ORPHANS_BY_NAMESPACE, getControllerOf, newControllerRef, orphansByNamespaceIndex } from '../util/controllerref'
import { canonicalJson, computeHash } from '../util/hash'
import { deepEqual } from '../../apiserver/objects'
import { scaledValue } from '../util/intstr'
import { isPodAvailable, isPodReady, msUntilAvailable } from '../util/pods'
import { claimObjects } from '../util/refmanager'
import { slowStartBatch } from '../util/slowstart'
import { podFromTemplate } from '../util/template'
import { POD_REVISION_HASH_LABEL, createRevision, newRevision, nextRevisionNumber, renumberRevision, templatePatch, truncateHistory } from '../history'
import { daemonPodTemplate, isPodUpdated, nodeShouldRunDaemonPod, pinToNode, targetNodeName } from './util'

export const DAEMONSET_CONTROLLER = 'daemonset-controller'
// kube: daemon.BurstReplicas — at most this many creates or deletes per sync.
export const DAEMON_BURST_REPLICAS = 250
const SOURCE = { component: DAEMONSET_CONTROLLER }

export class DaemonSetController {
  readonly queue: WorkQueue
  private readonly sets: Informer<DaemonSet>
  private readonly pods: Informer<Pod>
  private readonly nodes: Informer<Node>
  private readonly revisions: Informer<ControllerRevision>
  private readonly ctx: RequestContext = { actor: DAEMONSET_CONTROLLER }
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, DAEMONSET_CONTROLLER, (key) => this.reconcile(key), { minIntervalMs: CONTROLLER_SYNC_INTERVAL_MS })
    this.sets = c.informers.for<DaemonSet>('DaemonSet')
    this.pods = c.informers.for<Pod>('Pod')
    this.nodes = c.informers.for<Node>('Node')
    this.revisions = c.informers.for<ControllerRevision>('ControllerRevision')
    this.pods.addIndex(INDEX_OWNER_UID, ownerUidIndex)
    this.pods.addIndex(INDEX_ORPHANS_BY_NAMESPACE, orphansByNamespaceIndex)
    this.revisions.addIndex(INDEX_OWNER_UID, ownerUidIndex)
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.sets.addEventHandler({
      add: (d) => this.queue.add(keyOf(d)),
      update: (_o, d) => this.queue.add(keyOf(d)),
      delete: (d) => this.queue.add(keyOf(d)),
    })
    this.pods.addEventHandler({
      add: (p) => this.enqueueFor(p),
      update: (old, p) => {
        if (getControllerOf(old)?.uid !== getControllerOf(p)?.uid) this.enqueueFor(old)
        this.enqueueFor(p)
      },
      delete: (p) => this.enqueueFor(p),
    })
    // kube: a node added, or changed in what placement reads (labels, taints), may need a daemon.
    this.nodes.addEventHandler({
      add: () => this.enqueueAll(),
      update: (old, node) => {
        // A heartbeat (status write) keeps the same labels and spec objects: deepEqual answers at once.
        if (!deepEqual(old.metadata?.labels, node.metadata?.labels)
          || !deepEqual(old.spec?.taints, node.spec?.taints)
          || old.spec?.unschedulable !== node.spec?.unschedulable) this.enqueueAll()
      },
      delete: () => this.enqueueAll(),
    })
  }

  private enqueueAll(): void {
    for (const ds of this.sets.list()) this.queue.add(keyOf(ds))
  }

  private enqueueFor(pod: Pod): void {
    const ref = getControllerOf(pod)
    if (ref) {
      if (ref.kind !== 'DaemonSet') return
      const ds = this.sets.get(pod.metadata?.namespace, ref.name)
      if (ds?.metadata?.uid === ref.uid) this.queue.add(keyOf(ds))
      return
    }
    for (const ds of this.sets.list(pod.metadata?.namespace ?? '')) {
      const sel = fromLabelSelector(ds.spec?.selector)
      if (sel && sel.length && matches(sel, pod.metadata?.labels)) this.queue.add(keyOf(ds))
    }
  }

  // ---- sync -----------------------------------------------------------------------------------

  reconcile(key: string): void {
    const [namespace, name] = splitKey(key)
    const ds = this.sets.get(namespace, name)
    if (!ds) return
    const { hash, live } = this.constructHistory(ds)
    const nodes = this.nodes.list().sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
    if (!ds.metadata?.deletionTimestamp) {
      const template = daemonPodTemplate(ds, hash)
      this.manage(ds, nodes, template)
      if (ds.spec?.updateStrategy?.type !== 'OnDelete') this.rollingUpdate(ds, nodes, hash)
    }
    for (const p of this.daemonPods(ds)) live.add(`${ds.metadata!.name}-${p.metadata?.labels?.[POD_REVISION_HASH_LABEL]}`)
    truncateHistory(this.c.api, this.ctx, this.ownedRevisions(ds), live, ds.spec?.revisionHistoryLimit ?? 10)
    this.updateStatus(ds, nodes, hash)
  }

  private ownerRef(ds: DaemonSet): OwnerReference {
    return newControllerRef(ds as KubeObject, 'apps/v1', 'DaemonSet')
  }

  private ownedRevisions(ds: DaemonSet): ControllerRevision[] {
    const uid = ds.metadata?.uid ?? ''
    return this.revisions.byIndex(INDEX_OWNER_UID, uid).filter((r) => getControllerOf(r)?.uid === uid)
  }

  /** kube: constructHistory — the revision of the current template (made if missing) is the newest. */
  private constructHistory(ds: DaemonSet): { hash: string; live: Set<string> } {
    const all = this.ownedRevisions(ds)
    const build = (count: number) => newRevision({
      owner: ds as KubeObject, ownerRef: this.ownerRef(ds), labels: ds.spec?.template?.metadata?.labels,
      hashLabel: POD_REVISION_HASH_LABEL, hash: computeHash(ds.spec?.template, count), data: templatePatch(ds.spec?.template),
      revision: nextRevisionNumber(all),
    })
    const wanted = build(ds.status?.collisionCount ?? 0)
    let cur = all.find((r) => r.metadata?.name === wanted.metadata?.name)
    if (!cur) cur = createRevision(this.c.api, this.ctx, build, ds.status?.collisionCount ?? 0).revision
    else if (all.some((r) => r !== cur && r.revision > cur!.revision)) cur = renumberRevision(this.c.api, this.ctx, cur, nextRevisionNumber(all))
    return { hash: cur.metadata!.labels![POD_REVISION_HASH_LABEL], live: new Set([cur.metadata!.name!]) }
  }

  /** kube: getDaemonPods — owned pods still matching, plus adopted orphans (terminating ones included). */
  private daemonPods(ds: DaemonSet): Pod[] {
    const uid = ds.metadata?.uid ?? ''
    const selector = fromLabelSelector(ds.spec?.selector) ?? []
    const owned = this.pods.byIndex(INDEX_OWNER_UID, uid)
    const orphans = ds.metadata?.deletionTimestamp ? [] : this.pods.byIndex(INDEX_ORPHANS_BY_NAMESPACE, ds.metadata?.namespace ?? '')
      .filter((p) => matches(selector, p.metadata?.labels))
    if (!orphans.length && owned.every((p) => getControllerOf(p)?.uid !== uid || matches(selector, p.metadata?.labels))) {
      return owned.filter((p) => getControllerOf(p)?.uid === uid)
    }
    return claimObjects<Pod>({
      api: this.c.api, ctx: this.ctx, owner: ds as KubeObject, ownerRef: this.ownerRef(ds), selector,
      owned: owned as KubeObject[], orphans: orphans as KubeObject[],
      canAdopt: () => {
        const fresh = this.c.api.find<DaemonSet>('DaemonSet', ds.metadata?.namespace, ds.metadata?.name ?? '')
        return fresh?.metadata?.uid === uid && !fresh.metadata?.deletionTimestamp
      },
    })
  }

  private podsByNode(ds: DaemonSet): Map<string, Pod[]> {
    const out = new Map<string, Pod[]>()
    for (const p of this.daemonPods(ds)) {
      const node = targetNodeName(p)
      if (!node) continue
      const list = out.get(node)
      if (list) list.push(p)
      else out.set(node, [p])
    }
    for (const list of out.values()) list.sort(byCreation)
    return out
  }

  /** kube: manage + podsShouldBeOnNode — which nodes need a daemon and which pods must go. */
  private manage(ds: DaemonSet, nodes: Node[], template: ReturnType<typeof daemonPodTemplate>): void {
    const byNode = this.podsByNode(ds)
    const needing: string[] = []
    const toDelete: Pod[] = []
    const surge = this.maxSurge(ds, 1) > 0
    for (const node of nodes) {
      const name = node.metadata!.name!
      const pods = byNode.get(name) ?? []
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(template, node)
      if (shouldRun && pods.length === 0) needing.push(name)
      else if (shouldContinueRunning) {
        const running: Pod[] = []
        for (const p of pods) {
          if (p.metadata?.deletionTimestamp) continue
          if (p.status?.phase === 'Failed') {
            this.record(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata?.namespace}/${p.metadata?.name} on node ${name}, will try to kill it`)
            toDelete.push(p)
          } else if (p.status?.phase === 'Succeeded') toDelete.push(p)
          else running.push(p)
        }
        // kube: without surge, a node keeps only its oldest daemon pod.
        if (!surge) toDelete.push(...running.slice(1))
      } else {
        for (const p of pods) if (!p.metadata?.deletionTimestamp) toDelete.push(p)
      }
    }
    // Daemon pods on nodes that no longer exist go too.
    const names = new Set(nodes.map((n) => n.metadata!.name!))
    for (const [node, pods] of byNode) if (!names.has(node)) for (const p of pods) if (!p.metadata?.deletionTimestamp) toDelete.push(p)
    this.syncNodes(ds, toDelete, needing, template)
  }

  /** kube: syncNodes — create (slow start, at most burstReplicas) and delete. */
  private syncNodes(ds: DaemonSet, toDelete: Pod[], needing: string[], template: ReturnType<typeof daemonPodTemplate>): void {
    const creates = needing.slice(0, DAEMON_BURST_REPLICAS)
    const { error } = slowStartBatch(creates.length, (i) => {
      const pod = podFromTemplate(template, ds.metadata?.namespace, ds.metadata?.name ?? '', this.ownerRef(ds))
      pod.spec!.affinity = pinToNode(pod.spec!.affinity, creates[i])
      let created: Pod
      try {
        created = this.c.api.create(pod, this.ctx)
      } catch (e) {
        this.record(ds, 'Warning', 'FailedCreate', `Error creating: ${e instanceof Error ? e.message : String(e)}`)
        throw e
      }
      this.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata!.name}`)
    })
    for (const pod of toDelete.slice(0, DAEMON_BURST_REPLICAS)) {
      try {
        this.c.api.delete('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '', this.ctx, { uid: pod.metadata?.uid })
        this.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`)
      } catch (e) {
        if (!isNotFound(e)) throw e
      }
    }
    if (error !== undefined) throw error
  }

  private maxSurge(ds: DaemonSet, desired: number): number {
    const ru = ds.spec?.updateStrategy?.type === 'RollingUpdate' ? ds.spec.updateStrategy.rollingUpdate : undefined
    return scaledValue(ru?.maxSurge ?? 0, desired, true)
  }

  /**
   * kube: rollingUpdate with maxSurge 0 — old pods that are unavailable are replaced at once; of
   * the available ones, as many as maxUnavailable leaves room for (unavailable daemons counted).
   */
  private rollingUpdate(ds: DaemonSet, nodes: Node[], hash: string): void {
    const byNode = this.podsByNode(ds)
    const template = daemonPodTemplate(ds, hash)
    let desired = 0
    for (const n of nodes) if (nodeShouldRunDaemonPod(template, n).shouldRun) desired++
    const ru = ds.spec?.updateStrategy?.rollingUpdate
    let maxUnavailable = scaledValue(ru?.maxUnavailable ?? 1, desired, true)
    const maxSurge = this.maxSurge(ds, desired)
    if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1
    const minReady = ds.spec?.minReadySeconds ?? 0
    const now = this.c.clock.now()
    const gen = ds.metadata?.generation
    let unavailable = 0
    const replace: Pod[] = []
    const candidates: Pod[] = []
    for (const n of nodes) {
      const pods = (byNode.get(n.metadata!.name!) ?? []).filter((p) => !p.metadata?.deletionTimestamp)
      if (!byNode.has(n.metadata!.name!)) continue
      const fresh = pods.filter((p) => isPodUpdated(p, hash, gen))
      const old = pods.filter((p) => !isPodUpdated(p, hash, gen))
      if (fresh.length > 1 || old.length > 1 || (fresh.length === 0) === (old.length === 0)) {
        unavailable++
        continue
      }
      if (fresh.length) {
        if (!isPodAvailable(fresh[0], minReady, now)) unavailable++
        continue
      }
      if (!isPodAvailable(old[0], minReady, now)) replace.push(old[0])
      else if (unavailable < maxUnavailable) candidates.push(old[0])
    }
    const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length)
    const victims = [...replace, ...candidates.slice(0, room)]
    if (victims.length) this.syncNodes(ds, victims, [], template)
  }

  /** kube: updateDaemonSetStatus — counted per node over the first (oldest) daemon pod. */
  private updateStatus(ds: DaemonSet, nodes: Node[], hash: string): void {
    const byNode = this.podsByNode(ds)
    const template = daemonPodTemplate(ds, hash)
    const minReady = ds.spec?.minReadySeconds ?? 0
    const now = this.c.clock.now()
    const gen = ds.metadata?.generation
    let desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0, available = 0
    let wait: number | undefined
    for (const node of nodes) {
      const { shouldRun } = nodeShouldRunDaemonPod(template, node)
      const pods = byNode.get(node.metadata!.name!) ?? []
      if (shouldRun) {
        desired++
        if (!pods.length) continue
        current++
        const pod = pods[0]
        if (isPodReady(pod)) {
          ready++
          const ms = msUntilAvailable(pod, minReady, now)
          if (ms === 0) available++
          else if (ms !== undefined) wait = Math.min(wait ?? ms, ms)
        }
        if (isPodUpdated(pod, hash, gen)) updated++
      } else if (pods.length) misscheduled++
    }
    if (wait !== undefined) this.queue.addAfter(keyOf(ds), wait)
    const status: DaemonSetStatus = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      ...(gen !== undefined ? { observedGeneration: gen } : {}),
      ...(updated ? { updatedNumberScheduled: updated } : {}),
      ...(available ? { numberAvailable: available } : {}),
      ...(desired - available ? { numberUnavailable: desired - available } : {}),
      ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
      ...(ds.status?.conditions ? { conditions: ds.status.conditions } : {}),
    }
    if (canonicalJson(status) === canonicalJson(ds.status)) return
    const fresh = this.sets.get(ds.metadata?.namespace, ds.metadata?.name ?? '') ?? ds
    this.c.api.updateStatus({ ...fresh, status } as KubeObject, this.ctx)
  }

  private record(ds: DaemonSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.events.record(ds as KubeObject, type, reason, message, SOURCE)
  }
}

function byCreation(a: Pod, b: Pod): number {
  const ta = a.metadata?.creationTimestamp ?? ''
  const tb = b.metadata?.creationTimestamp ?? ''
  if (ta !== tb) return ta < tb ? -1 : 1
  // kube: podByCreationTimestampAndPhase — running before pending at the same second.
  const ra = a.status?.phase === 'Running' ? 0 : 1
  const rb = b.status?.phase === 'Running' ? 0 : 1
  return ra - rb || ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1)
}
