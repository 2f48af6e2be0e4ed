/**
 * A pod's status as a learner reads it, following the STATUS column of `kubectl get pods`
 * (kube: printers' printPod): the reason of a waiting/terminated container wins over the phase,
 * and a pod being deleted shows Terminating.
 */
import type { Pod } from 'kubernetes-types/core/v1'

export type PodTone = 'pending' | 'creating' | 'running' | 'terminating' | 'failed' | 'succeeded'

export interface PodView {
  status: string
  tone: PodTone
  ready: string
  restarts: number
}

const FAILED_REASONS = /Err|BackOff|Error|Invalid|OOMKilled|Evicted|Failed|NodeLost|Unknown/

export function podView(pod: Pod): PodView {
  const containers = pod.status?.containerStatuses ?? []
  const total = pod.spec?.containers?.length ?? containers.length
  const readyCount = containers.filter((c) => c.ready).length
  const restarts = containers.reduce((n, c) => n + (c.restartCount ?? 0), 0)
  let status = pod.status?.reason || pod.status?.phase || 'Pending'
  for (const c of containers) {
    const waiting = c.state?.waiting?.reason
    const terminated = c.state?.terminated
    if (waiting) status = waiting
    else if (terminated) status = terminated.reason || (terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`)
    if (waiting || terminated) break
  }
  if (pod.metadata?.deletionTimestamp) status = pod.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating'
  return { status, tone: toneOf(status, pod), ready: `${readyCount}/${total}`, restarts }
}

function toneOf(status: string, pod: Pod): PodTone {
  if (status === 'Terminating') return 'terminating'
  if (status === 'Running') return 'running'
  if (status === 'Completed' || pod.status?.phase === 'Succeeded') return 'succeeded'
  if (status === 'Pending') return 'pending'
  if (FAILED_REASONS.test(status) || pod.status?.phase === 'Failed') return 'failed'
  return 'creating'
}

export const TONE_ICON: Record<PodTone, string> = {
  pending: '…',
  creating: '◐',
  running: '●',
  terminating: '✕',
  failed: '!',
  succeeded: '✓',
}
