/**
 * kube: the kubelet's generateAPIPodStatus and getPhase — the pod status the kubelet reports,
 * computed from what its runtime knows about the pod's sandbox and containers.
 */
import type {
  Container, ContainerState, ContainerStateTerminated, ContainerStateWaiting, ContainerStatus, Pod, PodCondition, PodStatus,
} from 'kubernetes-types/core/v1'
import type { Time } from 'kubernetes-types/meta/v1'
import { qosClass } from '../apiserver/kinds/qos'
import { podPhase } from './pod-phase'

export interface ContainerView {
  name: string
  state: 'waiting' | 'running' | 'terminated'
  reason?: string
  message?: string
  exitCode?: number
  startedAt?: number
  finishedAt?: number
  containerID?: string
  /** What containerStatuses[].image shows: the spec's image until pulled, then the normalized name. */
  image: string
  imageID: string
  restartCount: number
  /** containerStatuses[].ready and .started, as the prober reports them. */
  ready: boolean
  started: boolean
  last?: { exitCode: number; reason: string; startedAt?: number; finishedAt: number; containerID?: string }
}

export interface PodView {
  pod: Pod
  hostIP: string
  podIP?: string
  sandboxReady: boolean
  startTime?: number
  containers: ContainerView[]
  initContainers: (ContainerView & { sidecar: boolean })[]
  /** Every init container completed and every sidecar started, once (the Initialized condition). */
  initialized: boolean
  /** qosClass(pod.spec), when the caller has it at hand (it is the same for every status of a spec). */
  qosClass?: string
}

const OWN_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'])

/** One of the kubelet's own conditions, its transition time kept while its status is unchanged. */
function condition(prev: PodCondition[] | undefined, now: string, type: string, status: 'True' | 'False', reason?: string, message?: string): PodCondition {
  let old: PodCondition | undefined
  if (prev) for (const c of prev) if (c.type === type) { old = c; break }
  const cond: PodCondition = {
    type,
    status,
    lastProbeTime: null as unknown as Time,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
  }
  if (reason) cond.reason = reason
  if (message) cond.message = message
  return cond
}

function readyCondition(prev: PodCondition[] | undefined, now: string, type: string, terminal: boolean, unready: string[], gate?: string): PodCondition {
  if (terminal) return condition(prev, now, type, 'False', 'PodCompleted')
  if (unready.length) return condition(prev, now, type, 'False', 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`)
  // kube: GeneratePodReadyCondition also waits for the pod's readiness gates.
  if (gate) return condition(prev, now, type, 'False', 'ReadinessGatesNotReady', gate)
  return condition(prev, now, type, 'True')
}

/** kube: GeneratePodInitializedCondition — init containers not completed, sidecars not started. */
function initializedCondition(prev: PodCondition[] | undefined, now: string, v: PodView): PodCondition {
  if (v.initialized) return condition(prev, now, 'Initialized', 'True')
  const incomplete: string[] = []
  for (const c of v.initContainers) {
    if (c.sidecar ? !c.started : !(c.state === 'terminated' && c.exitCode === 0)) incomplete.push(c.name)
  }
  if (!incomplete.length) return condition(prev, now, 'Initialized', 'True')
  return condition(prev, now, 'Initialized', 'False', 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.join(' ')}]`)
}

function readinessGateMessage(pod: Pod): string | undefined {
  for (const g of pod.spec?.readinessGates ?? []) {
    const c = pod.status?.conditions?.find((x) => x.type === g.conditionType)
    if (!c) return `corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`
    if (c.status !== 'True') return `the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}`
  }
  return undefined
}

export function buildPodStatus(v: PodView, timestamp: (ms: number) => string, nowMs: number): PodStatus {
  const prev = v.pod.status ?? {}
  const prevConditions = prev.conditions
  const phase = podPhase(v)
  const terminal = phase === 'Succeeded' || phase === 'Failed'
  const now = timestamp(nowMs)
  const unready: string[] = []
  // kube: sidecars count for readiness too (GenerateContainersReadyCondition).
  for (const c of v.initContainers) if (c.sidecar && !c.ready) unready.push(c.name)
  for (const c of v.containers) if (!c.ready) unready.push(c.name)
  const gate = v.pod.spec?.readinessGates?.length ? readinessGateMessage(v.pod) : undefined
  const conditions: PodCondition[] = [
    condition(prevConditions, now, 'PodReadyToStartContainers', v.sandboxReady && !terminal ? 'True' : 'False'),
    initializedCondition(prevConditions, now, v),
    readyCondition(prevConditions, now, 'Ready', terminal, unready, gate),
    readyCondition(prevConditions, now, 'ContainersReady', terminal, unready),
  ]
  if (prevConditions) for (const c of prevConditions) if (!OWN_CONDITIONS.has(c.type)) conditions.push(c)
  const containerStatuses: ContainerStatus[] = []
  const hasInit = v.initContainers.length > 0
  const specs = v.pod.spec?.containers ?? []
  for (const c of v.containers) containerStatuses.push(containerStatus(specs, c, timestamp, hasInit))
  const status: PodStatus = {
    conditions,
    containerStatuses,
    hostIP: v.hostIP,
    hostIPs: [{ ip: v.hostIP }],
  }
  if (hasInit) {
    const initSpecs = v.pod.spec?.initContainers ?? []
    status.initContainerStatuses = v.initContainers.map((c) => containerStatus(initSpecs, c, timestamp, true))
  }
  status.phase = phase
  if (v.podIP) {
    status.podIP = v.podIP
    status.podIPs = [{ ip: v.podIP }]
  }
  status.qosClass = v.qosClass ?? qosClass(v.pod.spec!)
  if (v.startTime !== undefined) status.startTime = timestamp(v.startTime)
  return status
}

/** kube: convertToAPIContainerStatuses; a container not yet run waits as PodInitializing in a pod with init containers. */
function containerStatus(specs: Container[], c: ContainerView, timestamp: (ms: number) => string, hasInit: boolean): ContainerStatus {
  let state: ContainerState
  if (c.state === 'running') state = { running: { startedAt: timestamp(c.startedAt!) } }
  else if (c.state === 'terminated') {
    const terminated: ContainerStateTerminated = {} as ContainerStateTerminated
    if (c.containerID) terminated.containerID = c.containerID
    terminated.exitCode = c.exitCode ?? 0
    terminated.finishedAt = timestamp(c.finishedAt!)
    if (c.message) terminated.message = c.message
    terminated.reason = c.reason ?? (c.exitCode === 0 ? 'Completed' : 'Error')
    if (c.startedAt !== undefined) terminated.startedAt = timestamp(c.startedAt)
    state = { terminated }
  } else {
    const waiting: ContainerStateWaiting = {}
    if (c.message) waiting.message = c.message
    waiting.reason = c.reason ?? (hasInit ? 'PodInitializing' : 'ContainerCreating')
    state = { waiting }
  }
  let spec: Container | undefined
  for (const s of specs) if (s.name === c.name) { spec = s; break }
  const out = {} as ContainerStatus
  // A container waiting to restart still reports the id of its last run.
  const id = c.state === 'waiting' ? c.last?.containerID : c.containerID
  if (id) out.containerID = id
  out.image = c.image
  out.imageID = c.imageID
  if (c.last) {
    const last: ContainerStateTerminated = {} as ContainerStateTerminated
    if (c.last.containerID) last.containerID = c.last.containerID
    last.exitCode = c.last.exitCode
    last.finishedAt = timestamp(c.last.finishedAt)
    last.reason = c.last.reason
    if (c.last.startedAt !== undefined) last.startedAt = timestamp(c.last.startedAt)
    out.lastState = { terminated: last }
  } else out.lastState = {}
  out.name = c.name
  out.ready = c.ready
  out.restartCount = c.restartCount
  out.started = c.started
  out.state = state
  if (spec?.volumeMounts?.length) {
    out.volumeMounts = spec.volumeMounts.map((m) => ({
      mountPath: m.mountPath,
      name: m.name,
      ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
    }))
  }
  return out
}
