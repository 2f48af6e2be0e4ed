/**
 * The EndpointSlice controller (kube: pkg/controller/endpointslice). For every Service with a
 * selector it keeps EndpointSlices named `<service>-<5 chars>` listing one endpoint per selected pod
 * that has an IP: addresses [podIP], the ready/serving/terminating conditions, nodeName, zone and a
 * targetRef, with the Service ports resolved against the pod (named target ports per pod).
 * Slices are owned by their Service, so the garbage collector removes them with it.
 */
import type { Node, Pod, Service } from 'kubernetes-types/core/v1'
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext } from '../../apiserver/types'
import { isNotFound } from '../../apiserver/types'
import { matches, memoSetSelector } from '../../apiserver/labels'
import type { Informer } from '../../informers/informer'
import { CONTROLLER_SYNC_INTERVAL_MS, WorkQueue, keyOf, splitKey } from '../../informers/workqueue'
import { newControllerRef } from '../util/controllerref'
import {
  ANNOTATION_TRIGGER_TIME, ENDPOINTSLICE_CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME,
  endpointConditions, endpointHostname, lastChangeTriggerTime, managesEndpoints, resolvePorts, serviceLabels, shouldPodBeInEndpoints,
} from './podendpoints'
import { type DesiredGroup, planSlices, portsKey } from './reconciler'

export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller'
export const INDEX_SLICE_SERVICE = 'endpointslice/service'
const ZONE_LABEL = 'topology.kubernetes.io/zone'

export class EndpointSliceController {
  readonly queue: WorkQueue
  private readonly services: Informer<Service>
  private readonly pods: Informer<Pod>
  private readonly nodes: Informer<Node>
  private readonly slices: Informer<EndpointSlice>
  private readonly ctx: RequestContext = { actor: ENDPOINTSLICE_CONTROLLER }
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, ENDPOINTSLICE_CONTROLLER, (key) => this.reconcile(key), {
      minIntervalMs: CONTROLLER_SYNC_INTERVAL_MS,
    })
    this.services = c.informers.for<Service>('Service')
    this.pods = c.informers.for<Pod>('Pod')
    this.nodes = c.informers.for<Node>('Node')
    this.slices = c.informers.for<EndpointSlice>('EndpointSlice')
    this.slices.addIndex(INDEX_SLICE_SERVICE, (s) => {
      const svc = s.metadata?.labels?.[LABEL_SERVICE_NAME]
      return svc && s.metadata?.labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME ? [`${s.metadata?.namespace}/${svc}`] : []
    })
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.services.addEventHandler({
      add: (svc) => this.queue.add(keyOf(svc)),
      update: (_old, svc) => this.queue.add(keyOf(svc)),
    })
    this.pods.addEventHandler({
      add: (pod) => this.enqueueFor(pod),
      update: (old, pod) => {
        if (old.metadata?.labels !== pod.metadata?.labels) this.enqueueFor(old)
        this.enqueueFor(pod)
      },
      delete: (pod) => this.enqueueFor(pod),
    })
    // A slice changed or removed by someone else is put back.
    this.slices.addEventHandler({
      update: (_old, s) => this.enqueueOwner(s),
      delete: (s) => this.enqueueOwner(s),
    })
  }

  private enqueueOwner(s: EndpointSlice): void {
    const svc = s.metadata?.labels?.[LABEL_SERVICE_NAME]
    if (svc && s.metadata?.labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME) this.queue.add(`${s.metadata?.namespace}/${svc}`)
  }

  /** kube: getPodServiceMemberships — Services in a namespace are few; each selector is matched. */
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
    // A deleted Service's slices go with it through their owner reference (garbage collector).
    if (!svc || svc.metadata?.deletionTimestamp || !managesEndpoints(svc)) return
    const sel = memoSetSelector(svc.spec!.selector)
    const pods = this.pods.list(namespace ?? '')
      .filter((p) => sel !== null && matches(sel, p.metadata?.labels) && shouldPodBeInEndpoints(p, true))
      .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
    const desired = new Map<string, DesiredGroup>()
    for (const pod of pods) {
      const ports: EndpointPort[] = resolvePorts(pod, svc)
      const k = portsKey(ports)
      let group = desired.get(k)
      if (!group) desired.set(k, (group = { ports, endpoints: new Map() }))
      group.endpoints.set(pod.metadata!.uid!, this.endpointFor(pod, svc))
    }
    if (desired.size === 0) desired.set(portsKey([]), { ports: [], endpoints: new Map() })
    const existing = this.slices.byIndex(INDEX_SLICE_SERVICE, key)
    const plan = planSlices(existing, desired)
    const labels = { ...serviceLabels(svc), [LABEL_SERVICE_NAME]: svc.metadata!.name!, [LABEL_MANAGED_BY]: ENDPOINTSLICE_CONTROLLER_NAME }
    const trigger = lastChangeTriggerTime(svc, pods)
    for (const s of plan.delete) this.remove(s)
    for (const u of plan.update) {
      const next = structuredClone(u.slice) as EndpointSlice
      next.metadata!.labels = labels
      setTrigger(next, trigger)
      ;(next as { ports: EndpointPort[] }).ports = u.ports
      ;(next as { endpoints: Endpoint[] }).endpoints = u.endpoints
      this.c.api.update(next as KubeObject, this.ctx)
    }
    for (const s of plan.keep) {
      // Labels follow the Service's (kube: the reconciler rewrites a slice whose labels drifted).
      if (JSON.stringify(s.metadata?.labels) === JSON.stringify(labels)) continue
      const next = structuredClone(s) as EndpointSlice
      next.metadata!.labels = labels
      this.c.api.update(next as KubeObject, this.ctx)
    }
    for (const n of plan.create) {
      const slice: EndpointSlice = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${svc.metadata!.name}-`,
          namespace,
          labels,
          ownerReferences: [newControllerRef(svc as KubeObject, 'v1', 'Service')],
        },
        addressType: 'IPv4',
        endpoints: n.endpoints,
        ports: n.ports,
      }
      setTrigger(slice, trigger)
      this.c.api.create(slice as KubeObject, this.ctx)
    }
  }

  private endpointFor(pod: Pod, svc: Service): Endpoint {
    const nodeName = pod.spec?.nodeName
    const zone = nodeName ? this.nodes.get(undefined, nodeName)?.metadata?.labels?.[ZONE_LABEL] : undefined
    const hostname = endpointHostname(pod, svc)
    return {
      addresses: [pod.status!.podIP!],
      conditions: endpointConditions(pod, svc),
      ...(hostname ? { hostname } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata!.namespace, name: pod.metadata!.name, uid: pod.metadata!.uid },
      ...(nodeName ? { nodeName } : {}),
      ...(zone ? { zone } : {}),
    }
  }

  private remove(s: EndpointSlice): void {
    try {
      this.c.api.delete('EndpointSlice', s.metadata!.namespace, s.metadata!.name!, this.ctx)
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }
}

function setTrigger(obj: { metadata?: { annotations?: Record<string, string> } }, trigger: string | undefined): void {
  if (!trigger) return
  obj.metadata!.annotations = { ...(obj.metadata!.annotations ?? {}), [ANNOTATION_TRIGGER_TIME]: trigger }
}
