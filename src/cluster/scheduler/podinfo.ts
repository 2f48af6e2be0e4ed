/**
 * What the scheduler needs from a pod, computed once when the pod enters the queue or the cache:
 * its effective resource requests (kube: k8s.io/component-helpers/resource.PodRequests) and the
 * "non-zero" requests used for scoring (kube: schedutil.GetNonzeroRequests).
 */
import type { Container, Pod, Toleration } from 'kubernetes-types/core/v1'
import { parseBytes, parseCpuMillis } from '../apiserver/quantity'

/** kube: schedutil.DefaultMilliCPURequest — what scoring assumes for a container without a cpu request. */
export const DEFAULT_MILLI_CPU_REQUEST = 100
/** kube: schedutil.DefaultMemoryRequest (200 MB, binary) */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024

/** cpu in millicores, everything else in base units. */
export type ResourceList = Record<string, number>

export interface Resources {
  milliCPU: number
  memory: number
  /** ephemeral-storage and extended resources (`nvidia.com/gpu`), only those requested. */
  scalar?: ResourceList
}

export interface PodInfo {
  readonly pod: Pod
  readonly uid: string
  /** `namespace/name` */
  readonly key: string
  readonly namespace: string
  readonly name: string
  /** kube: corev1helpers.PodPriority — spec.priority, 0 when unset. */
  readonly priority: number
  readonly requests: Resources
  /** Requests with kube's defaults for containers that set none: what LeastAllocated scores. */
  readonly nonZeroRequests: Resources
  readonly tolerations: readonly Toleration[]
}

export function newPodInfo(pod: Pod): PodInfo {
  const meta = pod.metadata ?? {}
  const namespace = meta.namespace ?? 'default'
  const name = meta.name ?? ''
  return {
    pod,
    uid: meta.uid ?? `${namespace}/${name}`,
    key: `${namespace}/${name}`,
    namespace,
    name,
    priority: pod.spec?.priority ?? 0,
    requests: toResources(podRequests(pod, false)),
    nonZeroRequests: toResources(podRequests(pod, true)),
    tolerations: pod.spec?.tolerations ?? [],
  }
}

function toResources(list: ResourceList): Resources {
  const { cpu = 0, memory = 0, ...rest } = list
  const out: Resources = { milliCPU: cpu, memory }
  for (const k in rest) if (rest[k] > 0) (out.scalar ??= {})[k] = rest[k]
  return out
}

/**
 * kube: resource.PodRequests. App containers run together, so their requests add up; init
 * containers run one after another, so only the largest counts — except restartable ("sidecar")
 * init containers, which keep running and add to everything started after them. The pod needs the
 * larger of the two, plus its overhead.
 */
export function podRequests(pod: Pod, nonMissing: boolean): ResourceList {
  const spec = pod.spec
  const reqs: ResourceList = {}
  for (const c of spec?.containers ?? []) add(reqs, containerRequests(c, nonMissing))

  let sidecars: ResourceList = {}
  const initMax: ResourceList = {}
  for (const c of spec?.initContainers ?? []) {
    let r = containerRequests(c, nonMissing)
    if (c.restartPolicy === 'Always') {
      add(reqs, r)
      sidecars = sum(sidecars, r)
      r = sidecars
    } else {
      r = sum(r, sidecars)
    }
    max(initMax, r)
  }
  max(reqs, initMax)

  for (const [k, q] of Object.entries(spec?.overhead ?? {})) add(reqs, { [k]: quantity(k, q) })
  return reqs
}

function containerRequests(c: Container, nonMissing: boolean): ResourceList {
  // API defaulting copies limits into missing requests; read them the same way.
  const out: ResourceList = {}
  const requests = c.resources?.requests ?? {}
  const limits = c.resources?.limits ?? {}
  for (const k of new Set([...Object.keys(limits), ...Object.keys(requests)])) {
    const q = requests[k] ?? limits[k]
    if (q !== undefined) out[k] = quantity(k, q)
  }
  if (nonMissing) {
    // kube: only a missing request is defaulted; an explicit 0 stays 0.
    if (!('cpu' in out)) out.cpu = DEFAULT_MILLI_CPU_REQUEST
    if (!('memory' in out)) out.memory = DEFAULT_MEMORY_REQUEST
  }
  return out
}

function quantity(resource: string, q: string | number): number {
  try {
    return resource === 'cpu' ? parseCpuMillis(q) : parseBytes(q)
  } catch {
    return 0 // validation rejects malformed quantities; never fail scheduling on one
  }
}

function add(into: ResourceList, r: ResourceList): void {
  for (const k in r) into[k] = (into[k] ?? 0) + r[k]
}

function sum(a: ResourceList, b: ResourceList): ResourceList {
  const out = { ...a }
  add(out, b)
  return out
}

function max(into: ResourceList, r: ResourceList): void {
  for (const k in r) if (!(k in into) || r[k] > into[k]) into[k] = r[k]
}

export function isAssigned(pod: Pod): boolean {
  return !!pod.spec?.nodeName
}

/** kube: the scheduler's informer ignores terminal pods; their resources are free again. */
export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase
  return phase === 'Succeeded' || phase === 'Failed'
}
