/**
 * The StatefulSet controller (kube: pkg/controller/statefulset). It gives each replica a stable
 * identity `<set>-<ordinal>` and stable storage `<claim>-<set>-<ordinal>`; with OrderedReady it
 * creates pods one at a time in ordinal order, each only once its predecessors are Running and Ready
 * (and available for minReadySeconds), and removes them one at a time from the highest ordinal.
 * Updates roll from the highest ordinal down to `partition`, one pod at a time, each new pod made
 * from the update revision; OnDelete waits for the user to delete pods.
 */
import type { ControllerRevision, StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1'
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext } from '../../apiserver/types'
import { isAlreadyExists, isNotFound } from '../../apiserver/types'
import { fromLabelSelector, matches } from '../../apiserver/labels'
import { INDEX_OWNER_UID, ownerUidIndex, type Informer } from '../../informers/informer'
import { CONTROLLER_SYNC_INTERVAL_MS, WorkQueue, keyOf, splitKey } from '../../informers/workqueue'
import { INDEX_ORPHANS_BY_NAMESPACE, getControllerOf, newControllerRef, orphansByNamespaceIndex } from '../util/controllerref'
import { canonicalJson } from '../util/hash'
import { isPodReady, msUntilAvailable } from '../util/pods'
import { claimObjects } from '../util/refmanager'
import {
  CONTROLLER_REVISION_HASH_LABEL, createRevision, equalRevision, hashRevisionData, newRevision, nextRevisionNumber,
  renumberRevision, sortRevisions, templateOf, templatePatch, truncateHistory,
} from '../history'
import { claimsFor, getPodRevision, isMemberOf, newStatefulSetPod, parentAndOrdinal, startOrdinal } from './identity'

export const STATEFULSET_CONTROLLER = 'statefulset-controller'
const SOURCE = { component: STATEFULSET_CONTROLLER }

const isCreated = (pod: Pod | undefined): pod is Pod => !!pod?.metadata?.uid
const isTerminating = (pod: Pod) => !!pod.metadata?.deletionTimestamp
const isFailed = (pod: Pod) => pod.status?.phase === 'Failed'
const isSucceeded = (pod: Pod) => pod.status?.phase === 'Succeeded'
/** kube: isRunningAndReady */
const isRunningAndReady = (pod: Pod) => pod.status?.phase === 'Running' && isPodReady(pod)
/** kube: isHealthy — running, ready and not being deleted. */
const isHealthy = (pod: Pod | undefined) => isCreated(pod) && isRunningAndReady(pod) && !isTerminating(pod)

interface Revisions {
  current: ControllerRevision
  update: ControllerRevision
  collisionCount: number
  all: ControllerRevision[]
}

export class StatefulSetController {
  readonly queue: WorkQueue
  private readonly sets: Informer<StatefulSet>
  private readonly pods: Informer<Pod>
  private readonly revisions: Informer<ControllerRevision>
  private readonly claims: Informer<PersistentVolumeClaim>
  private readonly ctx: RequestContext = { actor: STATEFULSET_CONTROLLER }
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, STATEFULSET_CONTROLLER, (key) => this.reconcile(key), { minIntervalMs: CONTROLLER_SYNC_INTERVAL_MS })
    this.sets = c.informers.for<StatefulSet>('StatefulSet')
    this.pods = c.informers.for<Pod>('Pod')
    this.revisions = c.informers.for<ControllerRevision>('ControllerRevision')
    this.claims = c.informers.for<PersistentVolumeClaim>('PersistentVolumeClaim')
    this.pods.addIndex(INDEX_OWNER_UID, ownerUidIndex)
    this.pods.addIndex(INDEX_ORPHANS_BY_NAMESPACE, orphansByNamespaceIndex)
    this.revisions.addIndex(INDEX_OWNER_UID, ownerUidIndex)
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.sets.addEventHandler({
      add: (s) => this.queue.add(keyOf(s)),
      update: (_o, s) => this.queue.add(keyOf(s)),
      delete: (s) => this.queue.add(keyOf(s)),
    })
    const onPod = (pod: Pod) => this.enqueueFor(pod)
    this.pods.addEventHandler({
      add: onPod,
      update: (old, pod) => {
        if (getControllerOf(old)?.uid !== getControllerOf(pod)?.uid) this.enqueueFor(old)
        onPod(pod)
      },
      delete: onPod,
    })
  }

  /** The set that controls the pod, or for an orphan every set of its namespace that selects it. */
  private enqueueFor(pod: Pod): void {
    const ref = getControllerOf(pod)
    if (ref) {
      if (ref.kind !== 'StatefulSet') return
      const set = this.sets.get(pod.metadata?.namespace, ref.name)
      if (set?.metadata?.uid === ref.uid) this.queue.add(keyOf(set))
      return
    }
    for (const set of this.sets.list(pod.metadata?.namespace ?? '')) {
      const sel = fromLabelSelector(set.spec?.selector)
      if (sel && sel.length && matches(sel, pod.metadata?.labels)) this.queue.add(keyOf(set))
    }
  }

  // ---- sync -----------------------------------------------------------------------------------

  reconcile(key: string): void {
    const [namespace, name] = splitKey(key)
    const set = this.sets.get(namespace, name)
    if (!set) return
    const pods = this.claimPods(set)
    const revs = this.syncRevisions(set)
    const status = this.updateStatefulSet(set, pods, revs)
    this.writeStatus(set, status)
    const live = new Set([revs.current.metadata!.name!, revs.update.metadata!.name!])
    for (const p of this.claimPods(set)) live.add(getPodRevision(p))
    truncateHistory(this.c.api, this.ctx, this.ownedRevisions(set), live, set.spec?.revisionHistoryLimit ?? 10)
  }

  /** kube: getPodsForStatefulSet — owned pods that are members and match, plus adopted orphans. */
  private claimPods(set: StatefulSet): Pod[] {
    const uid = set.metadata?.uid ?? ''
    const selector = fromLabelSelector(set.spec?.selector) ?? []
    const owned = this.pods.byIndex(INDEX_OWNER_UID, uid)
    const orphans = set.metadata?.deletionTimestamp ? [] : this.pods.byIndex(INDEX_ORPHANS_BY_NAMESPACE, set.metadata?.namespace ?? '')
      .filter((p) => isMemberOf(set, p))
    if (!orphans.length && owned.every((p) => getControllerOf(p)?.uid !== uid || matches(selector, p.metadata?.labels))) {
      return owned.filter((p) => getControllerOf(p)?.uid === uid && isMemberOf(set, p))
    }
    return claimObjects<Pod>({
      api: this.c.api, ctx: this.ctx, owner: set as KubeObject, ownerRef: this.ownerRef(set), selector,
      owned: owned as KubeObject[], orphans: orphans as KubeObject[],
      canAdopt: () => {
        const fresh = this.c.api.find<StatefulSet>('StatefulSet', set.metadata?.namespace, set.metadata?.name ?? '')
        return fresh?.metadata?.uid === uid && !fresh.metadata?.deletionTimestamp
      },
    }).filter((p) => isMemberOf(set, p))
  }

  private ownerRef(set: StatefulSet): OwnerReference {
    return newControllerRef(set as KubeObject, 'apps/v1', 'StatefulSet')
  }

  private ownedRevisions(set: StatefulSet): ControllerRevision[] {
    const uid = set.metadata?.uid ?? ''
    return this.revisions.byIndex(INDEX_OWNER_UID, uid).filter((r) => getControllerOf(r)?.uid === uid)
  }

  /** kube: getStatefulSetRevisions — find or make the update revision; the current one from status. */
  private syncRevisions(set: StatefulSet): Revisions {
    const all = sortRevisions(this.ownedRevisions(set))
    let collisionCount = set.status?.collisionCount ?? 0
    const build = (count: number, revision: number) => {
      const data = templatePatch(set.spec?.template)
      return newRevision({
        owner: set as KubeObject, ownerRef: this.ownerRef(set), labels: set.spec?.template?.metadata?.labels,
        hashLabel: CONTROLLER_REVISION_HASH_LABEL, hash: hashRevisionData(data, count), data, revision,
      })
    }
    const next = nextRevisionNumber(all)
    const wanted = build(collisionCount, next)
    const equal = all.filter((r) => equalRevision(r, wanted))
    let update: ControllerRevision
    if (equal.length && equalRevision(all[all.length - 1], equal[equal.length - 1])) {
      update = all[all.length - 1]
    } else if (equal.length) {
      // kube: going back to an older template renumbers that revision as the newest (a roll-back).
      update = renumberRevision(this.c.api, this.ctx, equal[equal.length - 1], next)
    } else {
      const made = createRevision(this.c.api, this.ctx, (count) => build(count, next), collisionCount)
      update = made.revision
      collisionCount = made.collisionCount
    }
    const current = all.find((r) => r.metadata?.name === set.status?.currentRevision) ?? update
    return { current, update, collisionCount, all: [...all.filter((r) => r.metadata?.name !== update.metadata?.name), update] }
  }

  /** kube: defaultStatefulSetControl.updateStatefulSet — one step, then the status it leads to. */
  private updateStatefulSet(set: StatefulSet, pods: Pod[], revs: Revisions): StatefulSetStatus {
    const replicaCount = set.spec?.replicas ?? 1
    const start = startOrdinal(set)
    const currentSet = { ...set, spec: { ...set.spec!, template: templateOf(revs.current) ?? set.spec!.template } } as StatefulSet
    const replicas: (Pod | undefined)[] = new Array(replicaCount)
    const condemned: Pod[] = []
    for (const pod of pods) {
      const ord = parentAndOrdinal(pod).ordinal
      if (ord >= start && ord < start + replicaCount) replicas[ord - start] = pod
      else if (ord >= 0) condemned.push(pod)
    }
    condemned.sort((a, b) => parentAndOrdinal(b).ordinal - parentAndOrdinal(a).ordinal)
    const name = (r: ControllerRevision) => r.metadata!.name!
    // kube: newVersionedStatefulSetPod — below the partition a pod is made from the current revision.
    const partition = set.spec?.updateStrategy?.type === 'RollingUpdate' ? set.spec.updateStrategy.rollingUpdate?.partition ?? 0 : 0
    const versioned = (ord: number) => ord < start + partition
      ? newStatefulSetPod(currentSet, ord, name(revs.current), this.ownerRef(set))
      : newStatefulSetPod(set, ord, name(revs.update), this.ownerRef(set))
    for (let i = 0; i < replicaCount; i++) replicas[i] ??= versioned(start + i)

    if (set.metadata?.deletionTimestamp) return this.status(set, revs)
    const monotonic = (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel'
    const minReady = set.spec?.minReadySeconds ?? 0
    const now = this.c.clock.now()

    // Each replica in ordinal order: replace finished pods, create missing ones, and in OrderedReady
    // stop at the first that is not yet Running, Ready and available.
    for (let i = 0; i < replicaCount; i++) {
      const pod = replicas[i]!
      if (isCreated(pod) && (isFailed(pod) || isSucceeded(pod))) {
        if (!isTerminating(pod)) this.deletePod(set, pod)
        if (monotonic) return this.status(set, revs)
        continue
      }
      if (!isCreated(pod)) {
        this.createPod(set, pod)
        if (monotonic) return this.status(set, revs)
        continue
      }
      if (!monotonic) continue
      if (isTerminating(pod) || !isRunningAndReady(pod)) return this.status(set, revs)
      const wait = msUntilAvailable(pod, minReady, now)
      if (wait) {
        this.queue.addAfter(keyOf(set), wait)
        return this.status(set, revs)
      }
    }

    // Scale down from the highest ordinal; in OrderedReady one at a time, and only once every
    // other pod is healthy (the first unhealthy pod itself may go).
    const firstUnhealthy = [...replicas, ...[...condemned].reverse()].find((p) => !isHealthy(p))
    for (const pod of condemned) {
      if (isTerminating(pod)) {
        if (monotonic) return this.status(set, revs)
        continue
      }
      if (monotonic && !isRunningAndReady(pod) && pod !== firstUnhealthy) return this.status(set, revs)
      this.releaseClaimsOnScaleDown(set, pod)
      this.deletePod(set, pod)
      if (monotonic) return this.status(set, revs)
    }

    if (set.spec?.updateStrategy?.type === 'OnDelete') return this.status(set, revs)
    // RollingUpdate: the highest ordinal at or above the partition not yet at the update revision
    // is deleted (it comes back from the update revision); wait while any such pod is unhealthy.
    for (let target = replicaCount - 1; target >= partition; target--) {
      const pod = replicas[target]!
      if (isCreated(pod) && getPodRevision(pod) !== name(revs.update) && !isTerminating(pod)) {
        this.deletePod(set, pod)
        return this.status(set, revs)
      }
      if (!isHealthy(pod)) return this.status(set, revs)
    }
    return this.status(set, revs)
  }

  /** kube: CreateStatefulPod — the claims first (each once), then the pod. */
  private createPod(set: StatefulSet, pod: Pod): void {
    for (const claim of claimsFor(set, parentAndOrdinal(pod).ordinal)) {
      const existing = this.claims.get(claim.metadata?.namespace, claim.metadata?.name ?? '')
      if (existing) {
        // kube: a claim still being deleted cannot be used yet; the pod waits for it to go.
        if (existing.metadata?.deletionTimestamp) return
        continue
      }
      try {
        this.c.api.create(claim, this.ctx)
        this.record(set, 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata!.name} Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} success`)
      } catch (e) {
        if (isAlreadyExists(e)) continue
        this.record(set, 'Warning', 'FailedCreate', `create Claim ${claim.metadata!.name} for Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} failed error: ${messageOf(e)}`)
        throw e
      }
    }
    try {
      this.c.api.create(pod, this.ctx)
    } catch (e) {
      // kube: CreateStatefulPod returns AlreadyExists without an event, so the sync fails and is
      // retried with back-off: a pod of the same name left by a deleted set (still terminating, not
      // ours to adopt) is replaced once it is gone. Swallowing it left the set without that pod forever.
      if (isAlreadyExists(e)) throw e
      this.record(set, 'Warning', 'FailedCreate', `create Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} failed error: ${messageOf(e)}`)
      throw e
    }
    this.record(set, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} successful`)
  }

  private deletePod(set: StatefulSet, pod: Pod): void {
    try {
      this.c.api.delete('Pod', pod.metadata?.namespace, pod.metadata?.name ?? '', this.ctx, { uid: pod.metadata?.uid })
    } catch (e) {
      if (isNotFound(e)) return
      this.record(set, 'Warning', 'FailedDelete', `delete Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} failed error: ${messageOf(e)}`)
      throw e
    }
    this.record(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata!.name} in StatefulSet ${set.metadata!.name} successful`)
  }

  /** kube: whenScaled: Delete — the claims of a condemned pod are owned by it, so they go with it. */
  private releaseClaimsOnScaleDown(set: StatefulSet, pod: Pod): void {
    if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return
    for (const claim of claimsFor(set, parentAndOrdinal(pod).ordinal)) {
      const existing = this.claims.get(claim.metadata?.namespace, claim.metadata?.name ?? '')
      if (!existing || existing.metadata?.ownerReferences?.some((r) => r.uid === pod.metadata?.uid)) continue
      const refs = [...(existing.metadata?.ownerReferences ?? []),
        { apiVersion: 'v1', kind: 'Pod', name: pod.metadata!.name!, uid: pod.metadata!.uid! }]
      this.c.api.patch('PersistentVolumeClaim', existing.metadata?.namespace, existing.metadata?.name ?? '', { metadata: { ownerReferences: refs } }, this.ctx)
    }
  }

  /** kube: computeReplicaStatus and completeRollingUpdate, over the pods as they are now. */
  private status(set: StatefulSet, revs: Revisions): StatefulSetStatus {
    const minReady = set.spec?.minReadySeconds ?? 0
    const now = this.c.clock.now()
    const current = revs.current.metadata!.name!
    const update = revs.update.metadata!.name!
    let replicas = 0, ready = 0, available = 0, currentReplicas = 0, updated = 0
    for (const pod of this.claimPods(set)) {
      replicas++
      if (isRunningAndReady(pod)) {
        ready++
        if (msUntilAvailable(pod, minReady, now) === 0) available++
      }
      if (isTerminating(pod)) continue
      const rev = getPodRevision(pod)
      if (rev === current) currentReplicas++
      if (rev === update) updated++
    }
    let currentRevision = current
    if (set.spec?.updateStrategy?.type !== 'OnDelete' && updated === replicas && ready === replicas) {
      currentReplicas = updated
      currentRevision = update
    }
    // Field order and omitempty as apps/v1 StatefulSetStatus serialises.
    const s: StatefulSetStatus = {
      ...(set.metadata?.generation !== undefined ? { observedGeneration: set.metadata.generation } : {}),
      replicas,
      ...(ready ? { readyReplicas: ready } : {}),
      ...(currentReplicas ? { currentReplicas } : {}),
      ...(updated ? { updatedReplicas: updated } : {}),
      currentRevision,
      updateRevision: update,
      collisionCount: revs.collisionCount,
      availableReplicas: available,
    }
    return s
  }

  private writeStatus(set: StatefulSet, status: StatefulSetStatus): void {
    if (canonicalJson(status) === canonicalJson(set.status)) return
    this.c.api.updateStatus({ ...set, status } as KubeObject, this.ctx)
  }

  private record(set: StatefulSet, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.events.record(set as KubeObject, type, reason, message, SOURCE)
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
