/**
 * The Deployment controller (kube: pkg/controller/deployment). A Deployment owns ReplicaSets, one
 * per pod template it has had; the one matching the current template is "new", the rest are
 * "old". Each sync claims the ReplicaSets, then either scales (a change of `replicas`, or a
 * paused Deployment) or rolls out by the strategy, and reports status and conditions.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext } from '../../apiserver/types'
import { fromLabelSelector, matches } from '../../apiserver/labels'
import { INDEX_OWNER_UID, ownerUidIndex, type Informer } from '../../informers/informer'
import { CONTROLLER_SYNC_INTERVAL_MS, WorkQueue, keyOf, splitKey } from '../../informers/workqueue'
import { INDEX_ORPHANS_BY_NAMESPACE, getControllerOf, newControllerRef, orphansByNamespaceIndex } from '../util/controllerref'
import { canonicalJson } from '../util/hash'
import { claimObjects } from '../util/refmanager'
import { rolloutRecreate } from './recreate'
import { rolloutRolling } from './rolling'
import { DEPLOYMENT_CONTROLLER, DeploymentSync, normalizeStatus } from './sync'

export { DEPLOYMENT_CONTROLLER }

export class DeploymentController {
  readonly queue: WorkQueue
  private readonly dInformer: Informer<Deployment>
  private readonly rsInformer: Informer<ReplicaSet>
  private readonly podInformer: Informer<Pod>
  private readonly ctx: RequestContext = { actor: DEPLOYMENT_CONTROLLER }
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, DEPLOYMENT_CONTROLLER, (key) => this.reconcile(key), {
      minIntervalMs: CONTROLLER_SYNC_INTERVAL_MS,
    })
    this.dInformer = c.informers.for<Deployment>('Deployment')
    this.rsInformer = c.informers.for<ReplicaSet>('ReplicaSet')
    this.podInformer = c.informers.for<Pod>('Pod')
    this.rsInformer.addIndex(INDEX_OWNER_UID, ownerUidIndex)
    this.rsInformer.addIndex(INDEX_ORPHANS_BY_NAMESPACE, orphansByNamespaceIndex)
    this.podInformer.addIndex(INDEX_OWNER_UID, ownerUidIndex)
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.dInformer.addEventHandler({
      add: (d) => this.queue.add(keyOf(d)),
      update: (_old, d) => this.queue.add(keyOf(d)),
      delete: (d) => this.queue.add(keyOf(d)),
    })
    this.rsInformer.addEventHandler({
      add: (rs) => this.onReplicaSet(undefined, rs),
      update: (old, rs) => this.onReplicaSet(old, rs),
      delete: (rs) => this.enqueueController(rs),
    })
    this.podInformer.addEventHandler({ delete: (pod) => this.onPodDelete(pod) })
  }

  // ---- event handlers ---------------------------------------------------------------------------

  private onReplicaSet(old: ReplicaSet | undefined, rs: ReplicaSet): void {
    if (old && old.metadata?.resourceVersion === rs.metadata?.resourceVersion) return
    const oldRef = old && getControllerOf(old as KubeObject)
    const ref = getControllerOf(rs as KubeObject)
    if (old && oldRef && oldRef.uid !== ref?.uid) this.enqueueController(old)
    if (ref) return this.enqueueController(rs)
    const labelsChanged = !old || canonicalJson(old.metadata?.labels) !== canonicalJson(rs.metadata?.labels)
    if (labelsChanged || oldRef) for (const d of this.deploymentsMatching(rs)) this.queue.add(keyOf(d))
  }

  /** kube: a Recreate rollout waits for old pods to be gone; their deletion is its cue. */
  private onPodDelete(pod: Pod): void {
    const rsRef = getControllerOf(pod)
    if (rsRef?.kind !== 'ReplicaSet') return
    const rs = this.rsInformer.get(pod.metadata?.namespace, rsRef.name)
    if (!rs || rs.metadata?.uid !== rsRef.uid) return
    const d = this.resolve(rs.metadata?.namespace, getControllerOf(rs as KubeObject))
    if (d?.spec?.strategy?.type === 'Recreate') this.queue.add(keyOf(d))
  }

  private enqueueController(rs: ReplicaSet): void {
    const d = this.resolve(rs.metadata?.namespace, getControllerOf(rs as KubeObject))
    if (d) this.queue.add(keyOf(d))
  }

  private resolve(namespace: string | undefined, ref: OwnerReference | undefined): Deployment | undefined {
    if (ref?.kind !== 'Deployment') return undefined
    const d = this.dInformer.get(namespace, ref.name)
    return d?.metadata?.uid === ref.uid ? d : undefined
  }

  /** kube: getDeploymentsForReplicaSet — Deployments whose selector matches an orphan ReplicaSet. */
  private deploymentsMatching(rs: ReplicaSet): Deployment[] {
    return this.dInformer.list(rs.metadata?.namespace ?? '').filter((d) => {
      const sel = fromLabelSelector(d.spec?.selector)
      return !!sel && sel.length > 0 && matches(sel, rs.metadata?.labels)
    })
  }

  // ---- sync -------------------------------------------------------------------------------------

  reconcile(key: string): void {
    const [namespace, name] = splitKey(key)
    const d = this.dInformer.get(namespace, name)
    if (!d) return
    const selector = fromLabelSelector(d.spec?.selector) ?? []
    if (selector.length === 0) return this.selectingAll(d)

    const rsList = this.claimReplicaSets(d, selector)
    const s = new DeploymentSync({
      api: this.c.api,
      clock: this.c.clock,
      events: this.c.events,
      ctx: this.ctx,
      requeueAfter: (ms) => this.queue.addAfter(key, ms),
      podsOf: (rs) => this.podInformer.byIndex(INDEX_OWNER_UID, rs.metadata?.uid ?? '')
        .filter((p) => getControllerOf(p)?.uid === rs.metadata?.uid),
    }, d, rsList)

    if (d.metadata?.deletionTimestamp) return s.syncStatusOnly()
    s.checkPausedConditions()
    if (s.d.spec?.paused) return s.sync()
    if (s.isScalingEvent()) return s.sync()
    if (s.d.spec?.strategy?.type === 'Recreate') rolloutRecreate(s)
    else rolloutRolling(s)
  }

  private claimReplicaSets(d: Deployment, selector: ReturnType<typeof fromLabelSelector> & object): ReplicaSet[] {
    const uid = d.metadata?.uid ?? ''
    return claimObjects<ReplicaSet>({
      api: this.c.api, ctx: this.ctx, owner: d as KubeObject,
      ownerRef: newControllerRef(d as KubeObject, 'apps/v1', 'Deployment'),
      selector,
      owned: this.rsInformer.byIndex(INDEX_OWNER_UID, uid) as KubeObject[],
      orphans: this.rsInformer.byIndex(INDEX_ORPHANS_BY_NAMESPACE, d.metadata?.namespace ?? '') as KubeObject[],
      canAdopt: () => {
        const fresh = this.c.api.find<Deployment>('Deployment', d.metadata?.namespace, d.metadata?.name ?? '')
        return !!fresh && fresh.metadata?.uid === uid && !fresh.metadata?.deletionTimestamp
      },
    })
  }

  /** kube: an empty selector would select every pod; the controller refuses and says so. */
  private selectingAll(d: Deployment): void {
    this.c.events.record(d as KubeObject, 'Warning', 'SelectingAll',
      'This deployment is selecting all pods. A non-empty selector is required.', { component: DEPLOYMENT_CONTROLLER })
    if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
      const next = structuredClone(d)
      next.status = normalizeStatus({ ...(next.status ?? {}), observedGeneration: d.metadata?.generation })
      this.c.api.updateStatus(next as KubeObject, this.ctx)
    }
  }
}
