/** kubectl get pods: printPod in k8s.io/kubernetes/pkg/printers/internalversion. */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1'
import { since } from '../../duration'
import type { Columns } from './types'

export interface PodSummary {
  ready: string
  status: string
  restarts: string
}

const hasCondition = (conds: PodCondition[] | undefined, type: string) =>
  (conds ?? []).some((c) => c.type === type && c.status === 'True')

/** The STATUS, READY and RESTARTS cells, computed as kubectl does from container statuses. */
export function summarizePod(pod: Pod, now: number): PodSummary {
  const spec = pod.spec ?? { containers: [] }
  const status = pod.status ?? {}
  let restarts = 0
  let sidecarRestarts = 0
  let total = spec.containers.length
  let ready = 0
  let lastRestart = 0
  let lastSidecarRestart = 0
  let reason = status.reason || status.phase || ''
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated'
  }
  const initSpecs = new Map((spec.initContainers ?? []).map((c) => [c.name, c]))
  const isSidecar = (name: string) => initSpecs.get(name)?.restartPolicy === 'Always'
  for (const c of spec.initContainers ?? []) if (c.restartPolicy === 'Always') total++

  let initializing = false
  const initStatuses = status.initContainerStatuses ?? []
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]
    restarts += c.restartCount ?? 0
    const finished = c.lastState?.terminated?.finishedAt
    if (finished) lastRestart = Math.max(lastRestart, Date.parse(finished))
    if (isSidecar(c.name)) {
      sidecarRestarts += c.restartCount ?? 0
      if (finished) lastSidecarRestart = Math.max(lastSidecarRestart, Date.parse(finished))
    }
    const term = c.state?.terminated
    if (term && term.exitCode === 0) continue
    if (isSidecar(c.name) && c.started) {
      if (c.ready) ready++
      continue
    }
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`
    }
    initializing = true
    break
  }

  if (!initializing || hasCondition(status.conditions, 'Initialized')) {
    restarts = sidecarRestarts
    lastRestart = lastSidecarRestart
    let hasRunning = false
    const statuses = status.containerStatuses ?? []
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]
      restarts += c.restartCount ?? 0
      const finished = c.lastState?.terminated?.finishedAt
      if (finished) lastRestart = Math.max(lastRestart, Date.parse(finished))
      const { waiting, terminated, running } = c.state ?? {}
      if (waiting?.reason) reason = waiting.reason
      else if (terminated?.reason) reason = terminated.reason
      else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`
      else if (c.ready && running) {
        hasRunning = true
        ready++
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(status.conditions, 'Ready') ? 'Running' : 'NotReady'
    }
  }

  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed'
  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown'
  else if (pod.metadata?.deletionTimestamp && !terminal) reason = 'Terminating'

  const restartsText = restarts !== 0 && lastRestart > 0
    ? `${restarts} (${since(new Date(lastRestart).toISOString(), now)} ago)`
    : String(restarts)
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText }
}

export const podColumns: Columns<Pod> = {
  headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row(pod, now) {
    const s = summarizePod(pod, now)
    return [pod.metadata?.name ?? '', s.ready, s.status, s.restarts, since(pod.metadata?.creationTimestamp, now)]
  },
  wideRow(pod) {
    const gates = pod.spec?.readinessGates ?? []
    let readiness = '<none>'
    if (gates.length) {
      const trueConds = gates.filter((g) => hasCondition(pod.status?.conditions, g.conditionType)).length
      readiness = `${trueConds}/${gates.length}`
    }
    return [
      pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readiness,
    ]
  },
}
