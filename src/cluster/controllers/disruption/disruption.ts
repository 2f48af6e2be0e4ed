/**
 * The disruption controller (kube: pkg/controller/disruption). For every PodDisruptionBudget it
 * counts the pods the budget selects and keeps the status the eviction API decides by:
 *  - expectedPods: the scale of the pods' controllers (Deployment, ReplicaSet, StatefulSet), or the
 *    number of selected pods when the budget is an integer minAvailable;
 *  - desiredHealthy: minAvailable (an int, or a percentage of expectedPods rounded up), or
 *    expectedPods - maxUnavailable (a percentage rounds up);
 *  - currentHealthy: selected pods that are Ready, not being deleted, and not just evicted;
 *  - disruptionsAllowed = currentHealthy - desiredHealthy (never below 0), and the
 *    DisruptionAllowed condition.
 * Pods the eviction API noted in disruptedPods stop counting as healthy until they are deleted,
 * or for 2 minutes if they never are.
 */
import type { Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext } from '../../apiserver/types'
import { setDisruptionAllowed } from '../../apiserver/eviction'
import { fromLabelSelector, matches } from '../../apiserver/labels'
import type { Informer } from '../../informers/informer'
import { CONTROLLER_SYNC_INTERVAL_MS, WorkQueue, keyOf, splitKey } from '../../informers/workqueue'
import { getControllerOf } from '../util/controllerref'
import { canonicalJson } from '../util/hash'
import { scaledValue } from '../util/intstr'
import { isPodReady } from '../util/pods'
import { parseTime } from '../util/time'

export const DISRUPTION_CONTROLLER = 'disruption-controller'
/** kube: DeletionTimeout — an eviction not followed by a deletion within 2 minutes is forgotten. */
export const DELETION_TIMEOUT_MS = 2 * 60_000

class ExpectedScaleError extends Error {}

export class DisruptionController {
  readonly queue: WorkQueue
  private readonly pdbs: Informer<PodDisruptionBudget>
  private readonly pods: Informer<Pod>
  private readonly replicaSets: Informer<ReplicaSet>
  private readonly deployments: Informer<Deployment>
  private readonly statefulSets?: Informer<StatefulSet>
  private readonly ctx: RequestContext = { actor: DISRUPTION_CONTROLLER }
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, DISRUPTION_CONTROLLER, (key) => this.reconcile(key), {
      minIntervalMs: CONTROLLER_SYNC_INTERVAL_MS,
    })
    this.pdbs = c.informers.for<PodDisruptionBudget>('PodDisruptionBudget')
    this.pods = c.informers.for<Pod>('Pod')
    this.replicaSets = c.informers.for<ReplicaSet>('ReplicaSet')
    this.deployments = c.informers.for<Deployment>('Deployment')
    // StatefulSets may not be served (yet): the finder is skipped then.
    if (c.api.resolveKind('StatefulSet')) this.statefulSets = c.informers.for<StatefulSet>('StatefulSet')
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.pdbs.addEventHandler({
      add: (pdb) => this.queue.add(keyOf(pdb)),
      update: (_old, pdb) => this.queue.add(keyOf(pdb)),
    })
    this.pods.addEventHandler({
      add: (pod) => this.enqueueFor(pod),
      update: (old, pod) => {
        if (old.metadata?.labels !== pod.metadata?.labels) this.enqueueFor(old)
        this.enqueueFor(pod)
      },
      delete: (pod) => this.enqueueFor(pod),
    })
  }

  /** kube: getPdbForPod — budgets are few; a pod in a namespace without any costs one lookup. */
  private enqueueFor(pod: Pod): void {
    const budgets = this.pdbs.list(pod.metadata?.namespace ?? '')
    for (const pdb of budgets) {
      const sel = fromLabelSelector(pdb.spec?.selector)
      if (sel !== null && matches(sel, pod.metadata?.labels)) this.queue.add(keyOf(pdb))
    }
  }

  // ---- sync -------------------------------------------------------------------------------------

  reconcile(key: string): void {
    const [namespace, name] = splitKey(key)
    const pdb = this.pdbs.get(namespace, name)
    if (!pdb) return
    const sel = fromLabelSelector(pdb.spec?.selector)
    const pods = sel === null ? [] : this.pods.list(namespace ?? '').filter((p) => matches(sel, p.metadata?.labels))
    if (pods.length === 0) this.event(pdb, 'Normal', 'NoPods', 'No matching pods found')
    let expected: { expectedCount: number; desiredHealthy: number }
    try {
      expected = this.expectedPodCount(pdb, pods)
    } catch (e) {
      if (!(e instanceof ExpectedScaleError)) throw e
      this.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${e.message}`)
      return this.failSafe(pdb, e.message)
    }
    const now = this.c.clock.now()
    const { disrupted, recheckAt } = this.disruptedPods(pdb, pods, now)
    const currentHealthy = pods.filter((p) => !p.metadata?.deletionTimestamp && !disrupted[p.metadata!.name!] && isPodReady(p)).length
    let allowed = currentHealthy - expected.desiredHealthy
    if (expected.expectedCount <= 0 || allowed <= 0) allowed = 0
    const status: PodDisruptionBudgetStatus = {
      observedGeneration: pdb.metadata?.generation,
      ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
      disruptionsAllowed: allowed,
      currentHealthy,
      desiredHealthy: expected.desiredHealthy,
      expectedPods: expected.expectedCount,
      conditions: structuredClone(pdb.status?.conditions ?? []),
    }
    setDisruptionAllowed(status, this.c.clock.timestamp())
    this.writeStatus(pdb, status)
    if (recheckAt !== undefined) this.queue.addAfter(key, recheckAt - now)
  }

  /** kube: getExpectedPodCount. */
  private expectedPodCount(pdb: PodDisruptionBudget, pods: Pod[]): { expectedCount: number; desiredHealthy: number } {
    const { maxUnavailable, minAvailable } = pdb.spec ?? {}
    if (maxUnavailable !== undefined) {
      const expectedCount = this.expectedScale(pdb, pods)
      const unavailable = scaledValue(maxUnavailable, expectedCount, true)
      return { expectedCount, desiredHealthy: Math.max(0, expectedCount - unavailable) }
    }
    if (minAvailable !== undefined) {
      if (typeof minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: minAvailable }
      const expectedCount = this.expectedScale(pdb, pods)
      return { expectedCount, desiredHealthy: scaledValue(minAvailable, expectedCount, true) }
    }
    return { expectedCount: 0, desiredHealthy: 0 }
  }

  /** kube: getExpectedScale — the sum of the desired replicas of the pods' controllers. */
  private expectedScale(pdb: PodDisruptionBudget, pods: Pod[]): number {
    const scales = new Map<string, number>()
    for (const pod of pods) {
      const ref = getControllerOf(pod as KubeObject)
      if (!ref) {
        const msg = `found no controller ref for pod "${pod.metadata?.name}"`
        this.event(pdb, 'Warning', 'NoControllerRef', msg)
        throw new ExpectedScaleError(msg)
      }
      const found = this.controllerScale(pod.metadata?.namespace, ref)
      if (!found) {
        const msg = `found no controllers for pod "${pod.metadata?.name}"`
        this.event(pdb, 'Warning', 'NoControllers', msg)
        throw new ExpectedScaleError(msg)
      }
      scales.set(found.uid, found.scale)
    }
    let total = 0
    for (const n of scales.values()) total += n
    return total
  }

  /** kube: the finders — a ReplicaSet's Deployment, a bare ReplicaSet, a StatefulSet. */
  private controllerScale(namespace: string | undefined, ref: { kind: string; name: string; uid: string }): { uid: string; scale: number } | undefined {
    if (ref.kind === 'ReplicaSet') {
      const rs = this.replicaSets.get(namespace, ref.name)
      if (!rs || rs.metadata?.uid !== ref.uid) return undefined
      const owner = getControllerOf(rs as KubeObject)
      if (owner?.kind === 'Deployment') {
        const d = this.deployments.get(namespace, owner.name)
        if (!d || d.metadata?.uid !== owner.uid) return undefined
        return { uid: owner.uid, scale: d.spec?.replicas ?? 1 }
      }
      return { uid: ref.uid, scale: rs.spec?.replicas ?? 1 }
    }
    if (ref.kind === 'StatefulSet' && this.statefulSets) {
      const sts = this.statefulSets.get(namespace, ref.name)
      if (!sts || sts.metadata?.uid !== ref.uid) return undefined
      return { uid: ref.uid, scale: sts.spec?.replicas ?? 1 }
    }
    return undefined
  }

  /**
   * kube: buildDisruptedPodMap — keep the evicted pods that still exist undeleted and whose
   * eviction is recent; say when the oldest one expires.
   */
  private disruptedPods(pdb: PodDisruptionBudget, pods: Pod[], now: number): { disrupted: Record<string, string>; recheckAt?: number } {
    const byName = new Map(pods.map((p) => [p.metadata!.name!, p]))
    const disrupted: Record<string, string> = {}
    let recheckAt: number | undefined
    for (const [name, at] of Object.entries(pdb.status?.disruptedPods ?? {})) {
      const pod = byName.get(name)
      if (!pod || pod.metadata?.deletionTimestamp) continue
      const expires = (parseTime(at) ?? now) + DELETION_TIMEOUT_MS
      if (expires < now) continue
      disrupted[name] = at
      recheckAt = recheckAt === undefined ? expires : Math.min(recheckAt, expires)
    }
    return { disrupted, recheckAt: recheckAt === undefined ? undefined : recheckAt + 1 }
  }

  /** kube: failSafe — when the budget cannot be computed, allow no disruption. */
  private failSafe(pdb: PodDisruptionBudget, message: string): void {
    const status = structuredClone(pdb.status ?? {}) as PodDisruptionBudgetStatus
    status.disruptionsAllowed = 0
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed')
    const prev = pdb.status?.conditions?.find((c) => c.type === 'DisruptionAllowed')
    conditions.push({
      type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message,
      observedGeneration: status.observedGeneration,
      lastTransitionTime: prev?.status === 'False' ? prev.lastTransitionTime : this.c.clock.timestamp(),
    })
    ;(status as { conditions?: typeof conditions }).conditions = conditions
    this.writeStatus(pdb, status)
  }

  private writeStatus(pdb: PodDisruptionBudget, status: PodDisruptionBudgetStatus): void {
    if (canonicalJson(status) === canonicalJson(pdb.status ?? {})) return
    const next = structuredClone(pdb) as PodDisruptionBudget & { status: PodDisruptionBudgetStatus }
    next.status = status
    this.c.api.updateStatus(next as KubeObject, this.ctx)
  }

  private event(pdb: PodDisruptionBudget, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.events.record(pdb as KubeObject, type, reason, message, { component: DISRUPTION_CONTROLLER })
  }
}
