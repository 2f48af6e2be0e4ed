/**
 * A simulated cloud LoadBalancer provider behind kube's service controller
 * (k8s.io/cloud-provider/controllers/service). A Service of type LoadBalancer gets the
 * `service.kubernetes.io/load-balancer-cleanup` finalizer and the EnsuringLoadBalancer event at
 * once; the "cloud" then takes a short seeded delay (kubectl shows EXTERNAL-IP `<pending>`
 * meanwhile) before status.loadBalancer.ingress[0].ip is set from the pool 172.18.255.200-250
 * (the range kind users give MetalLB or cloud-provider-kind) and EnsuredLoadBalancer is recorded.
 * Deleting the Service, or changing its type, releases the address and removes the finalizer.
 */
import type { Service } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext } from '../../apiserver/types'
import { isConflict, isNotFound } from '../../apiserver/types'
import type { TimerId } from '../../clock'
import type { Informer } from '../../informers/informer'
import { WorkQueue, keyOf, splitKey } from '../../informers/workqueue'

export const SERVICE_CONTROLLER = 'service-controller'
/** kube: servicehelper.LoadBalancerCleanupFinalizer. */
export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup'
export const LB_POOL_FIRST = '172.18.255.200'
export const LB_POOL_SIZE = 51
/** Simulated cloud: provisioning a load balancer takes 1-3 s (a cloud takes longer; kind's provider about this). */
export const LB_PROVISION_MIN_MS = 1000
export const LB_PROVISION_MAX_MS = 3000

const poolIP = (i: number) => `172.18.255.${200 + i}`

export class ServiceLBController {
  readonly queue: WorkQueue
  private readonly services: Informer<Service>
  private readonly ctx: RequestContext = { actor: SERVICE_CONTROLLER }
  /** Pool address -> Service uid. */
  private readonly owners = new Map<string, string>()
  private readonly provisioning = new Map<string, TimerId>()
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, SERVICE_CONTROLLER, (key) => this.reconcile(key))
    this.services = c.informers.for<Service>('Service')
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.services.addEventHandler({
      add: (svc) => this.queue.add(keyOf(svc)),
      update: (_old, svc) => this.queue.add(keyOf(svc)),
      delete: (svc) => this.queue.add(keyOf(svc)),
    })
  }

  reconcile(key: string): void {
    const [namespace, name] = splitKey(key)
    const svc = this.services.get(namespace, name)
    if (!svc) return this.forget(key)
    const wantsLB = svc.spec?.type === 'LoadBalancer' && !svc.metadata?.deletionTimestamp
    const hasFinalizer = svc.metadata?.finalizers?.includes(LB_CLEANUP_FINALIZER) ?? false
    if (!wantsLB) {
      if (!hasFinalizer && !this.ownedBy(svc)) return
      this.event(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer')
      this.forget(key, svc.metadata?.uid)
      if (svc.status?.loadBalancer?.ingress?.length && !svc.metadata?.deletionTimestamp) {
        this.c.api.patch('Service', namespace, name!, { status: { loadBalancer: { ingress: null } } }, this.ctx, { subresource: 'status' })
      }
      if (hasFinalizer) this.setFinalizers(svc, (svc.metadata!.finalizers ?? []).filter((f) => f !== LB_CLEANUP_FINALIZER))
      this.event(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer')
      return
    }
    const ip = svc.status?.loadBalancer?.ingress?.[0]?.ip
    if (ip) {
      // Addresses survive a controller restart: what the status shows is taken.
      if (this.isPoolIP(ip) && !this.owners.has(ip)) this.owners.set(ip, svc.metadata!.uid!)
      return
    }
    if (this.provisioning.has(key)) return
    if (!hasFinalizer) this.setFinalizers(svc, [...(svc.metadata?.finalizers ?? []), LB_CLEANUP_FINALIZER])
    this.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer')
    const delay = this.c.clock.random.between(LB_PROVISION_MIN_MS, LB_PROVISION_MAX_MS)
    const uid = svc.metadata!.uid!
    this.provisioning.set(key, this.c.clock.schedule(delay, () => this.provisioned(key, uid), `${SERVICE_CONTROLLER} ${key}`))
  }

  private provisioned(key: string, uid: string): void {
    this.provisioning.delete(key)
    const [namespace, name] = splitKey(key)
    const svc = this.services.get(namespace, name)
    if (!svc || svc.metadata?.uid !== uid || svc.spec?.type !== 'LoadBalancer' || svc.metadata?.deletionTimestamp) return
    const ip = this.allocate(uid)
    if (!ip) {
      this.event(svc, 'Warning', 'SyncLoadBalancerFailed', 'Error syncing load balancer: failed to ensure load balancer: no available IPs in pool 172.18.255.200-172.18.255.250')
      return
    }
    // kube: the API server defaults ipMode to VIP for an ingress with an ip.
    this.c.api.patch('Service', namespace, name!, { status: { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } }, this.ctx, { subresource: 'status' })
    this.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer')
  }

  private allocate(uid: string): string | undefined {
    for (let i = 0; i < LB_POOL_SIZE; i++) {
      const ip = poolIP(i)
      if (!this.owners.has(ip)) {
        this.owners.set(ip, uid)
        return ip
      }
    }
    return undefined
  }

  private isPoolIP(ip: string): boolean {
    const m = /^172\.18\.255\.(\d+)$/.exec(ip)
    return !!m && +m[1] >= 200 && +m[1] < 200 + LB_POOL_SIZE
  }

  private ownedBy(svc: Service): boolean {
    return [...this.owners.values()].includes(svc.metadata?.uid ?? '')
  }

  private forget(key: string, uid?: string): void {
    const timer = this.provisioning.get(key)
    if (timer !== undefined) this.c.clock.cancel(timer)
    this.provisioning.delete(key)
    if (uid === undefined) {
      // The Service is gone: free whatever no live Service holds.
      const live = new Set(this.services.list().map((s) => s.metadata?.uid))
      for (const [ip, owner] of this.owners) if (!live.has(owner)) this.owners.delete(ip)
      return
    }
    for (const [ip, owner] of this.owners) if (owner === uid) this.owners.delete(ip)
  }

  private setFinalizers(svc: Service, finalizers: string[]): void {
    const next = structuredClone(svc) as Service
    next.metadata!.finalizers = finalizers
    try {
      this.c.api.update(next as KubeObject, this.ctx)
    } catch (e) {
      if (isConflict(e)) return this.queue.add(keyOf(svc))
      if (!isNotFound(e)) throw e
    }
  }

  private event(svc: Service, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.events.record(svc as KubeObject, type, reason, message, { component: SERVICE_CONTROLLER })
  }
}
