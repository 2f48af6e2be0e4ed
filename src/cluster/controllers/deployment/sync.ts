/**
 * One sync of one Deployment (kube: pkg/controller/deployment/sync.go): find or create the new
 * ReplicaSet and keep revisions in step, scale on a change of `replicas` (proportionally across
 * ReplicaSets mid-rollout), clean up old ReplicaSets past revisionHistoryLimit, and compute the
 * status and conditions. A DeploymentSync lives for one reconcile; it holds the latest copy of
 * the Deployment so consecutive writes carry a fresh resourceVersion.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import type { Api, KubeObject, RequestContext } from '../../apiserver/types'
import { isAlreadyExists } from '../../apiserver/types'
import type { Clock } from '../../clock'
import type { EventRecorder } from '../../events/recorder'
import { isControlledBy, newControllerRef } from '../util/controllerref'
import { canonicalJson, computeHash } from '../util/hash'
import { parseTime } from '../util/time'
import { calculateStatus, normalizeStatus } from './status'
import {
  FAILED_RS_CREATE, FOUND_NEW_RS, NEW_RS_AVAILABLE, NEW_RS_CREATED, PAUSED, RESUMED, RS_UPDATED, TIMED_OUT,
  deploymentComplete, deploymentProgressing, deploymentTimedOut, getCondition, hasProgressDeadline, newCondition,
  removeCondition, setCondition,
} from './conditions'
import {
  DESIRED_REPLICAS_ANNOTATION, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, byRevision, bySizeNewer,
  bySizeOlder, equalIgnoreHash, filterActive, findActiveOrLatest, findNewReplicaSet, getProportion, isRollingUpdate,
  isSaturated, maxRevision, maxSurge, newRSNewReplicas, replicasAnnotationsNeedUpdate, replicasOf,
  setDeploymentRevision, setNewReplicaSetAnnotations, setReplicasAnnotations, sumReplicas,
} from './util'

export const DEPLOYMENT_CONTROLLER = 'deployment-controller'

export interface SyncEnv {
  api: Api
  clock: Clock
  events: EventRecorder
  ctx: RequestContext
  /** Check this Deployment again after `ms` of virtual time. */
  requeueAfter(ms: number): void
  /** Pods controlled by a ReplicaSet (for Recreate, which waits for old pods to go). */
  podsOf(rs: ReplicaSet): Pod[]
}

export interface ReplicaSets {
  newRS: ReplicaSet | undefined
  oldRSs: ReplicaSet[]
}

export const allOf = ({ newRS, oldRSs }: ReplicaSets): ReplicaSet[] => (newRS ? [...oldRSs, newRS] : [...oldRSs])

export class DeploymentSync {
  constructor(readonly env: SyncEnv, public d: Deployment, readonly rsList: ReplicaSet[]) {}

  get name(): string {
    return this.d.metadata?.name ?? ''
  }

  // ---- new and old ReplicaSets ------------------------------------------------------------------

  /** kube: getAllReplicaSetsAndSyncRevision. */
  replicaSets(createIfNotExisted: boolean): ReplicaSets {
    const current = findNewReplicaSet(this.d, this.rsList)
    const oldRSs = this.rsList.filter((rs) => rs !== current)
    return { newRS: this.getNewReplicaSet(current, oldRSs, createIfNotExisted), oldRSs }
  }

  private getNewReplicaSet(existing: ReplicaSet | undefined, oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
    const newRevision = String(maxRevision(oldRSs) + 1)
    if (existing) {
      let rs = existing
      const copy = structuredClone(existing)
      const annotationsUpdated = setNewReplicaSetAnnotations(this.d, copy, newRevision, true)
      const minReady = this.d.spec?.minReadySeconds
      if (annotationsUpdated || (copy.spec?.minReadySeconds ?? 0) !== (minReady ?? 0)) {
        if (minReady) copy.spec!.minReadySeconds = minReady
        else delete copy.spec!.minReadySeconds
        rs = this.env.api.update(copy as KubeObject, this.env.ctx) as ReplicaSet
      }
      const next = structuredClone(this.d)
      const metaChanged = setDeploymentRevision(next, rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? '')
      let statusChanged = false
      if (hasProgressDeadline(next) && !getCondition(next.status, 'Progressing')) {
        setCondition((next.status ??= {}), newCondition('Progressing', 'True', FOUND_NEW_RS, `Found new replica set "${rs.metadata?.name}"`, this.env.clock.timestamp()))
        statusChanged = true
      }
      this.write(next, metaChanged, statusChanged)
      return rs
    }
    if (!create) return undefined
    return this.createNewReplicaSet(oldRSs, newRevision)
  }

  private createNewReplicaSet(oldRSs: ReplicaSet[], newRevision: string): ReplicaSet | undefined {
    const d = this.d
    const hash = computeHash(d.spec?.template, d.status?.collisionCount)
    const template = structuredClone(d.spec?.template ?? {})
    template.metadata ??= {}
    template.metadata.labels = { ...(template.metadata.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash }
    const selector = structuredClone(d.spec?.selector ?? {})
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash }
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        // kube: the new ReplicaSet is named <deployment>-<pod-template-hash>.
        name: `${d.metadata?.name}-${hash}`,
        namespace: d.metadata?.namespace,
        ownerReferences: [newControllerRef(d as KubeObject, 'apps/v1', 'Deployment')],
        labels: { ...template.metadata.labels },
      },
      spec: { replicas: 0, selector, template },
    }
    if (d.spec?.minReadySeconds) rs.spec!.minReadySeconds = d.spec.minReadySeconds
    const replicas = newRSNewReplicas(d, [...oldRSs, rs], rs)
    rs.spec!.replicas = replicas
    setNewReplicaSetAnnotations(d, rs, newRevision, false)

    let created: ReplicaSet
    let alreadyExists = false
    try {
      created = this.env.api.create(rs as KubeObject, this.env.ctx) as ReplicaSet
    } catch (e) {
      if (!isAlreadyExists(e)) {
        const msg = `Failed to create new replica set "${rs.metadata!.name}": ${e instanceof Error ? e.message : String(e)}`
        if (hasProgressDeadline(d)) {
          const next = structuredClone(d)
          setCondition((next.status ??= {}), newCondition('Progressing', 'False', FAILED_RS_CREATE, msg, this.env.clock.timestamp()))
          this.write(next, false, true)
        }
        this.env.events.record(d as KubeObject, 'Warning', FAILED_RS_CREATE, msg, { component: DEPLOYMENT_CONTROLLER })
        throw e
      }
      const found = this.env.api.find<ReplicaSet>('ReplicaSet', d.metadata?.namespace, rs.metadata!.name!)
      // kube: our own ReplicaSet with the same template is the one we want (a stale cache made us try again).
      if (found && isControlledBy(found as KubeObject, d as KubeObject) && equalIgnoreHash(found.spec?.template, d.spec?.template)) {
        created = found
        alreadyExists = true
      } else {
        // kube: a hash collision with someone else's ReplicaSet — bump collisionCount and try a new name.
        const next = structuredClone(d)
        next.status = { ...(next.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 }
        this.write(next, false, true)
        throw e
      }
    }
    if (!alreadyExists && replicas > 0) {
      this.event('ScalingReplicaSet', `Scaled up replica set ${created.metadata?.name} from 0 to ${replicas}`)
    }
    const next = structuredClone(this.d)
    let statusChanged = false
    if (!alreadyExists && hasProgressDeadline(next)) {
      setCondition((next.status ??= {}), newCondition('Progressing', 'True', NEW_RS_CREATED, `Created new replica set "${created.metadata?.name}"`, this.env.clock.timestamp()))
      statusChanged = true
    }
    const metaChanged = setDeploymentRevision(next, newRevision)
    this.write(next, metaChanged, statusChanged)
    return created
  }

  // ---- scaling ----------------------------------------------------------------------------------

  /** kube: isScalingEvent — an active ReplicaSet was sized for another `replicas`. */
  isScalingEvent(): boolean {
    for (const rs of filterActive(allOf(this.replicaSets(false)))) {
      const desired = Number(rs.metadata?.annotations?.[DESIRED_REPLICAS_ANNOTATION])
      if (Number.isInteger(desired) && desired !== replicasOf(this.d)) return true
    }
    return false
  }

  /** kube: scale — spread a change of `replicas` over the ReplicaSets in proportion to their size. */
  scale(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
    const d = this.d
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs)
    if (activeOrLatest) {
      if (replicasOf(activeOrLatest) !== replicasOf(d)) this.scaleAndRecord(activeOrLatest, replicasOf(d))
      return
    }
    if (isSaturated(d, newRS)) {
      for (const old of filterActive(oldRSs)) this.scaleAndRecord(old, 0)
      return
    }
    if (!isRollingUpdate(d)) return
    const all = filterActive(newRS ? [...oldRSs, newRS] : oldRSs)
    const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0
    const toAdd = allowed - sumReplicas(all)
    if (toAdd > 0) all.sort(bySizeNewer)
    else if (toAdd < 0) all.sort(bySizeOlder)
    const sizes = new Map<ReplicaSet, number>()
    let added = 0
    for (const rs of all) {
      const p = toAdd !== 0 ? getProportion(rs, d, toAdd, added) : 0
      sizes.set(rs, replicasOf(rs) + p)
      added += p
    }
    // kube: what rounding left over goes to the largest ReplicaSet.
    if (added !== toAdd && all.length) sizes.set(all[0], Math.max(0, sizes.get(all[0])! + toAdd - added))
    const op = toAdd > 0 ? 'up' : 'down'
    for (const rs of all) this.scaleReplicaSet(rs, sizes.get(rs)!, op)
  }

  /** kube: scaleReplicaSetAndRecordEvent. */
  scaleAndRecord(rs: ReplicaSet, newScale: number): { scaled: boolean; rs: ReplicaSet } {
    if (replicasOf(rs) === newScale) return { scaled: false, rs }
    return this.scaleReplicaSet(rs, newScale, replicasOf(rs) < newScale ? 'up' : 'down')
  }

  /** kube: scaleReplicaSet — sets replicas and the desired/max annotations; records the scaling event. */
  scaleReplicaSet(rs: ReplicaSet, newScale: number, op: 'up' | 'down'): { scaled: boolean; rs: ReplicaSet } {
    const d = this.d
    const sizeChanged = replicasOf(rs) !== newScale
    const max = replicasOf(d) + maxSurge(d)
    if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, replicasOf(d), max)) return { scaled: false, rs }
    const oldScale = replicasOf(rs)
    const copy = structuredClone(rs)
    copy.spec!.replicas = newScale
    setReplicasAnnotations(copy, replicasOf(d), max)
    const updated = this.env.api.update(copy as KubeObject, this.env.ctx) as ReplicaSet
    if (sizeChanged) {
      // kube v1.35 message: "Scaled up replica set web-7c5ddbdf54 from 0 to 3".
      this.event('ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata?.name} from ${oldScale} to ${newScale}`)
    }
    return { scaled: sizeChanged, rs: updated }
  }

  /** kube: cleanupDeployment — delete the oldest unused ReplicaSets beyond revisionHistoryLimit. */
  cleanup(oldRSs: ReplicaSet[]): void {
    const limit = this.d.spec?.revisionHistoryLimit
    if (limit === undefined || limit === 2147483647) return
    const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp)
    const diff = cleanable.length - limit
    if (diff <= 0) return
    cleanable.sort(byRevision)
    for (const rs of cleanable.slice(0, diff)) {
      // kube: only ReplicaSets fully scaled down and observed by their controller are removed.
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue
      if ((rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue
      this.env.api.delete('ReplicaSet', rs.metadata?.namespace, rs.metadata?.name ?? '', this.env.ctx)
    }
  }

  // ---- entry points besides the rollout strategies ---------------------------------------------

  /** kube: sync — for paused Deployments and scaling events: scale, never roll. */
  sync(): void {
    const { newRS, oldRSs } = this.replicaSets(false)
    this.scale(newRS, oldRSs)
    const fresh = this.refresh({ newRS, oldRSs })
    if (this.d.spec?.paused) this.cleanup(fresh.oldRSs)
    this.syncDeploymentStatus(allOf(fresh), fresh.newRS)
  }

  /** kube: syncStatusOnly — a Deployment being deleted only reports. */
  syncStatusOnly(): void {
    const sets = this.replicaSets(false)
    this.syncDeploymentStatus(allOf(sets), sets.newRS)
  }

  /** kube: checkPausedConditions — Progressing Unknown while paused, "resumed" after. */
  checkPausedConditions(): void {
    const d = this.d
    if (!hasProgressDeadline(d)) return
    const cond = getCondition(d.status, 'Progressing')
    if (cond?.reason === TIMED_OUT) return
    const pausedCond = cond?.reason === PAUSED
    const next = structuredClone(d)
    const now = this.env.clock.timestamp()
    if (d.spec?.paused && !pausedCond) {
      setCondition((next.status ??= {}), newCondition('Progressing', 'Unknown', PAUSED, 'Deployment is paused', now))
    } else if (!d.spec?.paused && pausedCond) {
      setCondition((next.status ??= {}), newCondition('Progressing', 'Unknown', RESUMED, 'Deployment is resumed', now))
    } else return
    this.write(next, false, true)
  }

  /**
   * The ReplicaSets as the API holds them now: after our own writes, the informer (fed
   * synchronously by the watch) has the new versions.
   */
  refresh(sets: ReplicaSets): ReplicaSets {
    const latest = (rs: ReplicaSet) => this.env.api.find<ReplicaSet>('ReplicaSet', rs.metadata?.namespace, rs.metadata?.name ?? '') ?? rs
    return { newRS: sets.newRS && latest(sets.newRS), oldRSs: sets.oldRSs.map(latest) }
  }

  // ---- status -----------------------------------------------------------------------------------

  calculateStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentStatus {
    return calculateStatus(this.d, all, newRS, this.env.clock.timestamp())
  }

  /** kube: syncDeploymentStatus — write the status if it differs. */
  syncDeploymentStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined): void {
    const next = structuredClone(this.d)
    next.status = this.calculateStatus(all, newRS)
    this.write(next, false, true)
  }

  /** kube: syncRolloutStatus — status plus the Progressing condition, and the progress deadline. */
  syncRolloutStatus(all: ReplicaSet[], newRS: ReplicaSet | undefined): void {
    const d = this.d
    const status = this.calculateStatus(all, newRS)
    if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing')
    const current = getCondition(d.status, 'Progressing')
    const complete = status.replicas === status.updatedReplicas && current?.reason === NEW_RS_AVAILABLE
    const now = this.env.clock.now()
    const ts = this.env.clock.timestamp()
    if (hasProgressDeadline(d) && !complete) {
      const rsName = newRS?.metadata?.name
      if (deploymentComplete(d, status)) {
        const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${this.name}" has successfully progressed.`
        setCondition(status, newCondition('Progressing', 'True', NEW_RS_AVAILABLE, msg, ts))
      } else if (deploymentProgressing(d, status)) {
        const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${this.name}" is progressing.`
        const cond = newCondition('Progressing', 'True', RS_UPDATED, msg, ts)
        // kube: progress refreshes lastUpdateTime even when the reason is unchanged.
        if (current?.status === 'True') cond.lastTransitionTime = current.lastTransitionTime
        removeCondition(status, 'Progressing')
        setCondition(status, cond)
      } else if (deploymentTimedOut(d, status, now)) {
        const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${this.name}" has timed out progressing.`
        setCondition(status, newCondition('Progressing', 'False', TIMED_OUT, msg, ts))
      }
    }
    const failure = all.map((rs) => rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure')).find((c) => c !== undefined)
    if (failure) {
      setCondition(status, newCondition('ReplicaFailure', failure.status as 'True', failure.reason ?? '', failure.message ?? '', ts))
    } else removeCondition(status, 'ReplicaFailure')

    if (canonicalJson(normalizeStatus(status)) === canonicalJson(d.status ?? {})) {
      this.requeueStuck(status)
      return
    }
    const next = structuredClone(d)
    next.status = status
    this.write(next, false, true)
  }

  /** kube: requeueStuckDeployment — come back when the progress deadline would pass. */
  private requeueStuck(status: DeploymentStatus): void {
    const d = this.d
    const cond = getCondition(d.status, 'Progressing')
    if (!hasProgressDeadline(d) || !cond || deploymentComplete(d, status) || cond.reason === TIMED_OUT) return
    const from = parseTime(cond.lastUpdateTime)
    if (from === undefined) return
    const after = from + (d.spec!.progressDeadlineSeconds ?? 0) * 1000 - this.env.clock.now()
    this.env.requeueAfter(after < 1000 ? 1000 : after + 1000)
  }

  // ---- writes -----------------------------------------------------------------------------------

  /** Writes the Deployment's metadata and/or status, skipping what did not change. */
  write(next: Deployment, metaChanged: boolean, statusChanged: boolean): void {
    const api = this.env.api
    if (metaChanged) {
      const status = next.status
      this.d = api.update(next as KubeObject, this.env.ctx) as Deployment
      next = { ...structuredClone(this.d), status }
    }
    if (statusChanged) {
      next.status = normalizeStatus(next.status ?? {})
      if (canonicalJson(next.status) !== canonicalJson(this.d.status ?? {})) {
        next.metadata = { ...next.metadata, resourceVersion: this.d.metadata?.resourceVersion }
        this.d = api.updateStatus(next as KubeObject, this.env.ctx) as Deployment
      }
    }
  }

  private event(reason: string, message: string): void {
    this.env.events.record(this.d as KubeObject, 'Normal', reason, message, { component: DEPLOYMENT_CONTROLLER })
  }
}

export { normalizeStatus }
