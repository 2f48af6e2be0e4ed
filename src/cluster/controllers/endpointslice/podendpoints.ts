/**
 * What a pod contributes to a Service's endpoints, shared by the EndpointSlice and Endpoints
 * controllers (kube: pkg/controller/util/endpoint and staging/src/k8s.io/endpointslice/utils.go).
 */
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1'
import { isPodReady, podReadyCondition } from '../util/pods'
import { parseTime } from '../util/time'


/** kube: discovery.LabelServiceName and LabelManagedBy. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name'
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by'
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io'
/** kube: v1.IsHeadlessService label on a headless Service's slices and Endpoints. */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless'
/** kube: v1.EndpointsLastChangeTriggerTime. */
export const ANNOTATION_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time'

/**
 * kube: ShouldPodBeInEndpoints — a pod needs an IP; a pod that finished for good (phase Failed or
 * Succeeded with restartPolicy Never, or Succeeded with OnFailure) is out; a terminating pod is out
 * unless the caller includes terminating pods.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase
  const policy = pod.spec?.restartPolicy ?? 'Always'
  if (policy === 'Never' && (phase === 'Failed' || phase === 'Succeeded')) return false
  if (policy === 'OnFailure' && phase === 'Succeeded') return false
  if (!pod.status?.podIP) return false
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false
  return true
}

/**
 * kube: podutil.FindPort — a numeric targetPort is taken as is; a named one is the containerPort of
 * the container port with that name and the Service port's protocol. Undefined when the pod has none.
 */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port
  if (typeof target === 'number') return target
  if (/^[0-9]+$/.test(target)) return parseInt(target, 10)
  const protocol = port.protocol ?? 'TCP'
  for (const c of pod.spec?.containers ?? []) {
    for (const cp of c.ports ?? []) {
      if (cp.name === target && (cp.protocol ?? 'TCP') === protocol) return cp.containerPort
    }
  }
  return undefined
}

export interface ResolvedPort {
  name: string
  port: number
  protocol: string
  appProtocol?: string
}

/** The Service's ports as this pod serves them (ports the pod cannot resolve are left out). */
export function resolvePorts(pod: Pod, svc: Service): ResolvedPort[] {
  const out: ResolvedPort[] = []
  for (const p of svc.spec?.ports ?? []) {
    const port = findPort(pod, p)
    if (port === undefined) continue
    out.push({ name: p.name ?? '', port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) })
  }
  return out
}

/** kube: an endpoint carries a hostname when the pod names one and its subdomain is the Service. */
export function endpointHostname(pod: Pod, svc: Service): string | undefined {
  const h = pod.spec?.hostname
  return h && pod.spec?.subdomain === svc.metadata?.name && pod.metadata?.namespace === svc.metadata?.namespace ? h : undefined
}

/**
 * kube (v1.35): ready = publishNotReadyAddresses, or the pod is Ready and not terminating;
 * serving = the pod is Ready (whether or not terminating); terminating = deletionTimestamp is set.
 */
export function endpointConditions(pod: Pod, svc: Service): { ready: boolean; serving: boolean; terminating: boolean } {
  const terminating = !!pod.metadata?.deletionTimestamp
  const podReady = isPodReady(pod)
  return { ready: svc.spec?.publishNotReadyAddresses === true || (podReady && !terminating), serving: podReady, terminating }
}

/**
 * kube: the endpoints trigger time of a Service's sync — when the newest of its inputs changed: the
 * Service's creation, each pod's last Ready transition (or creation).
 */
export function lastChangeTriggerTime(svc: Service, pods: Pod[]): string | undefined {
  let best = svc.metadata?.creationTimestamp
  let bestMs = parseTime(best) ?? 0
  for (const p of pods) {
    const t = podReadyCondition(p)?.lastTransitionTime ?? p.metadata?.creationTimestamp
    const ms = parseTime(t)
    if (t && ms !== undefined && ms > bestMs) {
      best = t
      bestMs = ms
    }
  }
  return best
}

/** kube: the Service labels, plus the headless marker for `clusterIP: None`. */
export function serviceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}) }
  if (svc.spec?.clusterIP === 'None') labels[LABEL_HEADLESS] = ''
  return labels
}

/** A Service gets controller-managed endpoints when it has a selector and is not ExternalName. */
export function managesEndpoints(svc: Service): boolean {
  return !!svc.spec?.selector && Object.keys(svc.spec.selector).length > 0 && svc.spec.type !== 'ExternalName'
}
