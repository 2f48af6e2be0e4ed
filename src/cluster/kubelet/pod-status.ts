/**
 * kube: the kubelet's generateAPIPodStatus and getPhase — the pod status the kubelet reports,
 * computed from what its runtime knows about the pod's sandbox and containers.
 */
import type { ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1'
import type { Time } from 'kubernetes-types/meta/v1'
import { qosClass } from '../apiserver/kinds/qos'

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
  last?: { exitCode: number; reason: string; startedAt?: number; finishedAt: number; containerID?: string }
}

export interface PodView {
  pod: Pod
  hostIP: string
  podIP?: string
  sandboxReady: boolean
  startTime?: number
  containers: ContainerView[]
}

type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed'

/** kube: getPhase, for pods without init or sidecar containers. */
export function podPhase(pod: Pod, containers: ContainerView[]): Phase {
  let waiting = 0
  let running = 0
  let stopped = 0
  let succeeded = 0
  for (const c of containers) {
    if (c.state === 'running') running++
    else if (c.state === 'terminated') {
      stopped++
      if (c.exitCode === 0) succeeded++
    } else if (c.last) {
      // Waiting to restart after having run: counts as stopped with its last exit.
      stopped++
      if (c.last.exitCode === 0) succeeded++
    } else waiting++
  }
  const policy = pod.spec?.restartPolicy ?? 'Always'
  if (waiting > 0) return 'Pending'
  if (running > 0) return 'Running'
  if (stopped > 0) {
    if (policy === 'Always') return 'Running'
    if (stopped === succeeded) return 'Succeeded'
    if (policy === 'Never') return 'Failed'
    return 'Running'
  }
  return 'Pending'
}

const OWN_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'])

export function buildPodStatus(v: PodView, timestamp: (ms: number) => string, nowMs: number): PodStatus {
  const prev = v.pod.status ?? {}
  const phase = podPhase(v.pod, v.containers)
  const terminal = phase === 'Succeeded' || phase === 'Failed'
  const now = timestamp(nowMs)
  const cond = (type: string, status: 'True' | 'False', reason?: string, message?: string): PodCondition => {
    const old = prev.conditions?.find((c) => c.type === type)
    return {
      type,
      status,
      lastProbeTime: null as unknown as Time,
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    }
  }
  const unready = v.containers.filter((c) => c.state !== 'running').map((c) => c.name)
  const readyCond = (type: string) =>
    terminal ? cond(type, 'False', 'PodCompleted')
      : unready.length ? cond(type, 'False', 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`)
        : cond(type, 'True')
  const conditions: PodCondition[] = [
    cond('PodReadyToStartContainers', v.sandboxReady && !terminal ? 'True' : 'False'),
    cond('Initialized', 'True'),
    readyCond('Ready'),
    readyCond('ContainersReady'),
    ...(prev.conditions ?? []).filter((c) => !OWN_CONDITIONS.has(c.type)),
  ]
  const status: PodStatus = {
    conditions,
    containerStatuses: v.containers.map((c) => containerStatus(v.pod, c, timestamp)),
    hostIP: v.hostIP,
    hostIPs: [{ ip: v.hostIP }],
    phase,
    ...(v.podIP ? { podIP: v.podIP, podIPs: [{ ip: v.podIP }] } : {}),
    qosClass: qosClass(v.pod.spec!),
    ...(v.startTime !== undefined ? { startTime: timestamp(v.startTime) } : {}),
  }
  return status
}

function containerStatus(pod: Pod, c: ContainerView, timestamp: (ms: number) => string): ContainerStatus {
  let state: ContainerState
  if (c.state === 'running') state = { running: { startedAt: timestamp(c.startedAt!) } }
  else if (c.state === 'terminated') {
    state = {
      terminated: {
        ...(c.containerID ? { containerID: c.containerID } : {}),
        exitCode: c.exitCode ?? 0,
        finishedAt: timestamp(c.finishedAt!),
        ...(c.message ? { message: c.message } : {}),
        reason: c.reason ?? (c.exitCode === 0 ? 'Completed' : 'Error'),
        ...(c.startedAt !== undefined ? { startedAt: timestamp(c.startedAt) } : {}),
      },
    }
  } else state = { waiting: { ...(c.message ? { message: c.message } : {}), reason: c.reason ?? 'ContainerCreating' } }
  const spec = pod.spec?.containers.find((s) => s.name === c.name)
  return {
    // A container waiting to restart still reports the id of its last run.
    ...(() => {
      const id = c.state === 'waiting' ? c.last?.containerID : c.containerID
      return id ? { containerID: id } : {}
    })(),
    image: c.image,
    imageID: c.imageID,
    lastState: c.last
      ? {
        terminated: {
          ...(c.last.containerID ? { containerID: c.last.containerID } : {}),
          exitCode: c.last.exitCode,
          finishedAt: timestamp(c.last.finishedAt),
          reason: c.last.reason,
          ...(c.last.startedAt !== undefined ? { startedAt: timestamp(c.last.startedAt) } : {}),
        },
      }
      : {},
    name: c.name,
    ready: c.state === 'running',
    restartCount: c.restartCount,
    started: c.state === 'running',
    state,
    ...(spec?.volumeMounts?.length
      ? {
        volumeMounts: spec.volumeMounts.map((m) => ({
          mountPath: m.mountPath,
          name: m.name,
          ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
        })),
      }
      : {}),
  }
}
