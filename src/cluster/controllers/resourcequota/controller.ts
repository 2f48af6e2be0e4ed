/**
 * kube: pkg/controller/resourcequota. A quota's status says what it allows (`hard`, copied from the
 * spec) and what its namespace uses (`used`), which `kubectl get quota` and `describe quota` print.
 * Keys are namespaces: any pod change there recounts that namespace's quotas, at most every 50 ms.
 */
import type { Pod, ResourceQuota } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../../component'
import { isConflict, isNotFound, type RequestContext } from '../../apiserver/types'
import type { Informer } from '../../informers/informer'
import { CONTROLLER_SYNC_INTERVAL_MS, WorkQueue } from '../../informers/workqueue'
import { sumUsage, usedFor } from '../../apiserver/admission/resourcequota'
import { addUsage, countedKinds, objectUsage } from '../../apiserver/admission/resourcequota-objects'
import type { KubeObject } from '../../apiserver/types'

export const RESOURCE_QUOTA_CONTROLLER = 'resourcequota-controller'

export class ResourceQuotaController {
  readonly queue: WorkQueue
  private readonly quotas: Informer<ResourceQuota>
  private readonly pods: Informer<Pod>
  private readonly ctx: RequestContext = { actor: RESOURCE_QUOTA_CONTROLLER }
  private started = false
  /** Kinds a quota counts whose changes this controller follows (informers made on first need). */
  private readonly watched = new Set<string>()

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, RESOURCE_QUOTA_CONTROLLER, (ns) => this.reconcile(ns), { minIntervalMs: CONTROLLER_SYNC_INTERVAL_MS })
    this.quotas = c.informers.for<ResourceQuota>('ResourceQuota')
    this.pods = c.informers.for<Pod>('Pod')
  }

  start(): void {
    if (this.started) return
    this.started = true
    const quota = (q: ResourceQuota) => {
      this.watchCountedKinds(q)
      this.queue.add(q.metadata!.namespace!)
    }
    // A quota's own deletion changes `resourcequotas` in the others.
    this.quotas.addEventHandler({ add: quota, update: (_old, q) => quota(q), delete: (q) => this.queue.add(q.metadata!.namespace!) })
    // Only a namespace with a quota pays for a pod event.
    const pod = (p: Pod) => { if (this.quotas.list(p.metadata!.namespace).length) this.queue.add(p.metadata!.namespace!) }
    this.pods.addEventHandler({ add: pod, update: (_old, p) => pod(p), delete: pod })
    for (const q of this.quotas.list()) quota(q)
  }

  private readonly resolve = (resource: string) => this.c.api.resolveKind(resource)?.kind

  /** kube: the quota monitor starts an informer for each resource a quota counts. */
  private watchCountedKinds(q: ResourceQuota): void {
    for (const kind of countedKinds(q.spec?.hard ?? {}, this.resolve)) {
      if (this.watched.has(kind) || kind === 'ResourceQuota') continue
      this.watched.add(kind)
      const changed = (o: KubeObject) => {
        const ns = o.metadata?.namespace
        if (ns && this.quotas.list(ns).length) this.queue.add(ns)
      }
      this.c.informers.for<KubeObject>(kind).addEventHandler({ add: changed, update: (_old, o) => changed(o), delete: changed })
    }
  }

  /** kube: syncResourceQuota — write status only when hard or used changed. */
  reconcile(namespace: string): void {
    const quotas = this.quotas.list(namespace)
    if (quotas.length === 0) return
    const usage = sumUsage(this.pods.list(namespace))
    const kinds = new Set(quotas.flatMap((q) => [...countedKinds(q.spec?.hard ?? {}, this.resolve)]))
    for (const kind of kinds) {
      const info = this.c.api.resolveKind(kind)
      if (!info) continue
      for (const o of this.c.informers.for<KubeObject>(kind).list(namespace)) addUsage(usage, objectUsage(info, o))
    }
    for (const q of quotas) {
      const hard = { ...(q.spec?.hard ?? {}) }
      const used = usedFor(q, usage)
      if (sameList(q.status?.hard, hard) && sameList(q.status?.used, used)) continue
      const next = structuredClone(q) as ResourceQuota
      next.status = { hard, used }
      try {
        this.c.api.updateStatus(next, this.ctx)
      } catch (e) {
        if (isConflict(e)) this.queue.add(namespace)
        else if (!isNotFound(e)) throw e
      }
    }
  }
}

function sameList(a: Record<string, unknown> | undefined, b: Record<string, string>): boolean {
  if (!a) return false
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => String(a[k]) === b[k])
}
