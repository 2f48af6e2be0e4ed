/**
 * The namespace controller of kube-controller-manager (kube: pkg/controller/namespace). A deleted
 * namespace stays Terminating while spec.finalizers holds `kubernetes`; this controller deletes
 * everything in it (pods gracefully), reports the deletion conditions, and once nothing is left
 * removes its finalizer through the finalize subresource, which makes the namespace go.
 */
import type { Namespace, Pod } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext } from '../../apiserver/types'
import { isConflict, isNotFound } from '../../apiserver/types'
import { deepEqual } from '../../apiserver/objects'
import type { Informer } from '../../informers/informer'
import { WorkQueue } from '../../informers/workqueue'
import { parseTime } from '../util/time'
import { nextConditions, problems, type ContentTotals } from './conditions'
import { FINALIZER_KUBERNETES, finalizeNamespace } from './finalize'

export const NAMESPACE_CONTROLLER = 'namespace-controller'

/**
 * kube default: namespaceDeletionGracePeriod — a namespace event is processed 5 s after it arrives,
 * so creations racing the deletion land before the content is listed.
 */
export const NAMESPACE_DELETION_GRACE_PERIOD_MS = 5_000

/** kube: finalizerEstimateSeconds — the wait when remaining content is held by finalizers. */
const FINALIZER_ESTIMATE_SECONDS = 5

export class NamespaceController {
  readonly queue: WorkQueue
  private readonly namespaces: Informer<Namespace>
  private readonly ctx: RequestContext = { actor: NAMESPACE_CONTROLLER }
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, NAMESPACE_CONTROLLER, (key) => this.reconcile(key))
    this.namespaces = c.informers.for<Namespace>('Namespace')
  }

  start(): void {
    if (this.started) return
    this.started = true
    const enqueue = (ns: Namespace) => {
      if (ns.metadata?.deletionTimestamp) this.queue.addAfter(ns.metadata.name!, NAMESPACE_DELETION_GRACE_PERIOD_MS)
    }
    this.namespaces.addEventHandler({ add: enqueue, update: (_old, ns) => enqueue(ns) })
  }

  /** kube: namespacedResourcesDeleter.Delete — one pass over a terminating namespace. */
  reconcile(name: string): void {
    let ns = this.namespaces.get(undefined, name)
    if (!ns?.metadata?.deletionTimestamp || !ns.spec?.finalizers?.includes(FINALIZER_KUBERNETES)) return
    try {
      ns = this.ensureTerminating(ns)
      const { estimate, totals } = this.deleteAllContent(ns)
      ns = this.writeConditions(ns, totals)
      const left = totals.remaining.size > 0 || totals.errors.length > 0
      // kube: with content remaining, look again after estimate/2 + 1 seconds.
      if (estimate > 0 || left) return this.queue.addAfter(name, (Math.floor(Math.max(estimate, 1) / 2) + 1) * 1000)
      finalizeNamespace(this.c.api, ns, FINALIZER_KUBERNETES, this.ctx)
    } catch (e) {
      if (isNotFound(e)) return
      if (isConflict(e)) return this.queue.add(name)
      throw e
    }
  }

  /** kube: updateNamespaceStatusFunc — phase Terminating, should the registry not have set it. */
  private ensureTerminating(ns: Namespace): Namespace {
    if (ns.status?.phase === 'Terminating') return ns
    const next = structuredClone(ns)
    next.status = { ...next.status, phase: 'Terminating' }
    return this.c.api.updateStatus(next, this.ctx)
  }

  /** Deletes every namespaced object, then counts what is still there. */
  private deleteAllContent(ns: Namespace): { estimate: number; totals: ContentTotals } {
    const name = ns.metadata!.name!
    const deletedAt = parseTime(ns.metadata!.deletionTimestamp) ?? this.c.clock.now()
    const totals: ContentTotals = { remaining: new Map(), finalizers: new Map(), errors: [] }
    let estimate = 0
    for (const info of this.c.api.kinds()) {
      if (!info.namespaced) continue
      const items = this.c.api.list<KubeObject>(info.kind, { namespace: name })
      if (!items.length) continue
      let kindEstimate = info.kind === 'Pod' ? podsEstimate(items as Pod[], deletedAt, this.c.clock.now()) : 0
      for (const o of items) {
        if (o.metadata?.deletionTimestamp) continue
        try {
          // kube: DeleteCollection with background propagation and each object's own grace period.
          this.c.api.delete(info.kind, name, o.metadata!.name!, this.ctx, { propagationPolicy: 'Background' })
        } catch (e) {
          if (!isNotFound(e)) totals.errors.push(`${info.resource}${info.group ? '.' + info.group : ''}: ${(e as Error).message}`)
        }
      }
      const left = this.c.api.list<KubeObject>(info.kind, { namespace: name })
      if (!left.length) continue
      totals.remaining.set(`${info.resource}.${info.group}`, left.length)
      let held = false
      for (const o of left) {
        for (const f of o.metadata?.finalizers ?? []) {
          totals.finalizers.set(f, (totals.finalizers.get(f) ?? 0) + 1)
          held = true
        }
      }
      if (kindEstimate === 0 && held) kindEstimate = FINALIZER_ESTIMATE_SECONDS
      estimate = Math.max(estimate, kindEstimate)
    }
    return { estimate, totals }
  }

  private writeConditions(ns: Namespace, totals: ContentTotals): Namespace {
    const conditions = nextConditions(ns.status?.conditions, problems(totals), this.c.clock.timestamp())
    if (deepEqual(conditions, ns.status?.conditions ?? [])) return ns
    const next = structuredClone(ns)
    next.status = { ...next.status, conditions }
    return this.c.api.updateStatus(next, this.ctx)
  }
}

/**
 * kube: estimateGracefulTerminationForPods — the longest grace period of the pods that have not
 * finished, or 0 once that long has passed since the namespace was deleted.
 */
function podsEstimate(pods: Pod[], deletedAt: number, now: number): number {
  let estimate = 0
  for (const p of pods) {
    if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue
    estimate = Math.max(estimate, p.spec?.terminationGracePeriodSeconds ?? 0)
  }
  return now - deletedAt >= estimate * 1000 ? 0 : estimate
}
