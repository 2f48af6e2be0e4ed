/**
 * The legacy Endpoints controller (kube: pkg/controller/endpoint; deprecated since v1.33 but still
 * running in v1.35). For every Service with a selector it keeps an Endpoints object of the same name:
 * ready pods under `addresses`, the others under `notReadyAddresses` (all under `addresses` with
 * publishNotReadyAddresses), terminating pods left out unless publishNotReadyAddresses, subsets
 * grouped by resolved ports and sorted by IP (kube: RepackSubsets), and the
 * `endpoints.kubernetes.io/last-change-trigger-time` annotation. Endpoints carry no owner
 * reference: the controller deletes them with their Service.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext } from '../../apiserver/types'
import { isNotFound } from '../../apiserver/types'
import { matches, memoSetSelector } from '../../apiserver/labels'
import type { Informer } from '../../informers/informer'
import { CONTROLLER_SYNC_INTERVAL_MS, WorkQueue, keyOf, splitKey } from '../../informers/workqueue'
import { isPodReady } from '../util/pods'
import {
  ANNOTATION_TRIGGER_TIME, endpointHostname, lastChangeTriggerTime, managesEndpoints, resolvePorts, serviceLabels, shouldPodBeInEndpoints,
} from '../endpointslice/podendpoints'

export const ENDPOINT_CONTROLLER = 'endpoint-controller'
/** kube: maxCapacity — an Endpoints object lists at most 1000 addresses, then is marked truncated. */
export const MAX_ENDPOINTS_CAPACITY = 1000
export const ANNOTATION_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity'

export class EndpointsController {
  readonly queue: WorkQueue
  private readonly services: Informer<Service>
  private readonly pods: Informer<Pod>
  private readonly endpoints: Informer<Endpoints>
  private readonly ctx: RequestContext = { actor: ENDPOINT_CONTROLLER }
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, ENDPOINT_CONTROLLER, (key) => this.reconcile(key), {
      minIntervalMs: CONTROLLER_SYNC_INTERVAL_MS,
    })
    this.services = c.informers.for<Service>('Service')
    this.pods = c.informers.for<Pod>('Pod')
    this.endpoints = c.informers.for<Endpoints>('Endpoints')
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.services.addEventHandler({
      add: (svc) => this.queue.add(keyOf(svc)),
      update: (_old, svc) => this.queue.add(keyOf(svc)),
      delete: (svc) => this.queue.add(keyOf(svc)),
    })
    this.pods.addEventHandler({
      add: (pod) => this.enqueueFor(pod),
      update: (old, pod) => {
        if (old.metadata?.labels !== pod.metadata?.labels) this.enqueueFor(old)
        this.enqueueFor(pod)
      },
      delete: (pod) => this.enqueueFor(pod),
    })
    this.endpoints.addEventHandler({ delete: (ep) => this.queue.add(keyOf(ep)) })
  }

  private enqueueFor(pod: Pod): void {
    for (const svc of this.services.list(pod.metadata?.namespace ?? '')) {
      if (!managesEndpoints(svc)) continue
      const sel = memoSetSelector(svc.spec!.selector)
      if (sel !== null && matches(sel, pod.metadata?.labels)) this.queue.add(keyOf(svc))
    }
  }

  reconcile(key: string): void {
    const [namespace, name] = splitKey(key)
    const svc = this.services.get(namespace, name)
    const current = this.endpoints.get(namespace, name)
    if (!svc) {
      // kube: the Service is gone, so are its Endpoints (the `kubernetes` one belongs to the API server).
      if (current && name !== 'kubernetes') this.remove(current)
      return
    }
    if (!managesEndpoints(svc)) return
    const tolerateUnready = svc.spec?.publishNotReadyAddresses === true
    const sel = memoSetSelector(svc.spec!.selector)
    const pods = this.pods.list(namespace ?? '')
      .filter((p) => sel !== null && matches(sel, p.metadata?.labels) && shouldPodBeInEndpoints(p, tolerateUnready))
    const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>()
    for (const pod of pods) {
      const ports: EndpointPort[] = resolvePorts(pod, svc).map((p) => ({
        ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol, ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
      }))
      // kube: a headless Service without ports still lists its pods, in a subset with no ports.
      if (ports.length === 0 && (svc.spec?.ports?.length ?? 0) > 0) continue
      const k = JSON.stringify(ports)
      let g = groups.get(k)
      if (!g) groups.set(k, (g = { ports, ready: [], notReady: [] }))
      const hostname = endpointHostname(pod, svc)
      const addr: EndpointAddress = {
        ip: pod.status!.podIP!,
        ...(hostname ? { hostname } : {}),
        ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
        targetRef: { kind: 'Pod', namespace: pod.metadata!.namespace, name: pod.metadata!.name, uid: pod.metadata!.uid },
      }
      if (tolerateUnready || isPodReady(pod)) g.ready.push(addr)
      else g.notReady.push(addr)
    }
    const byAddress = (a: EndpointAddress, b: EndpointAddress) =>
      a.ip !== b.ip ? (a.ip < b.ip ? -1 : 1) : (a.targetRef?.uid ?? '') < (b.targetRef?.uid ?? '') ? -1 : 1
    let total = 0
    const subsets: EndpointSubset[] = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => {
      total += g.ready.length + g.notReady.length
      return {
        ...(g.ready.length ? { addresses: g.ready.sort(byAddress) } : {}),
        ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byAddress) } : {}),
        ...(g.ports.length ? { ports: g.ports } : {}),
      }
    })
    const labels = serviceLabels(svc)
    const truncated = total > MAX_ENDPOINTS_CAPACITY
    const kept = truncated ? truncate(subsets, MAX_ENDPOINTS_CAPACITY) : subsets
    if (current && JSON.stringify(current.subsets ?? []) === JSON.stringify(kept) &&
      JSON.stringify(current.metadata?.labels ?? {}) === JSON.stringify(labels) &&
      (current.metadata?.annotations?.[ANNOTATION_OVER_CAPACITY] === 'truncated') === truncated) return
    const trigger = lastChangeTriggerTime(svc, pods)
    const annotations: Record<string, string> = { ...(current?.metadata?.annotations ?? {}) }
    if (trigger) annotations[ANNOTATION_TRIGGER_TIME] = trigger
    if (truncated) annotations[ANNOTATION_OVER_CAPACITY] = 'truncated'
    else delete annotations[ANNOTATION_OVER_CAPACITY]
    const next: Endpoints = current
      ? { ...structuredClone(current), metadata: { ...structuredClone(current.metadata), labels, annotations } }
      : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace, labels, annotations } }
    if (!Object.keys(labels).length) delete next.metadata!.labels
    if (!Object.keys(annotations).length) delete next.metadata!.annotations
    if (kept.length) next.subsets = kept
    else delete (next as { subsets?: unknown }).subsets
    if (current) this.c.api.update(next as KubeObject, this.ctx)
    else this.c.api.create(next as KubeObject, this.ctx)
  }

  private remove(ep: Endpoints): void {
    try {
      this.c.api.delete('Endpoints', ep.metadata!.namespace, ep.metadata!.name!, this.ctx)
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }
}

/** kube: truncateEndpoints — keeps `max` addresses, ready ones first, spread across subsets. */
function truncate(subsets: EndpointSubset[], max: number): EndpointSubset[] {
  let left = max
  const out: EndpointSubset[] = []
  for (const ss of subsets) {
    const addresses = (ss.addresses ?? []).slice(0, left)
    left -= addresses.length
    const notReady = (ss.notReadyAddresses ?? []).slice(0, left)
    left -= notReady.length
    if (!addresses.length && !notReady.length) continue
    out.push({ ...(addresses.length ? { addresses } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ...(ss.ports ? { ports: ss.ports } : {}) })
  }
  return out
}
