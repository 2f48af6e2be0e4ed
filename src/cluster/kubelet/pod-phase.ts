/**
 * kube: the kubelet's getPhase (pkg/kubelet/kubelet_pods.go, v1.35), with init and sidecar
 * containers: pending while a regular init container has not completed or a sidecar has not
 * started; Failed at once when an init container failed under restartPolicy Never; a stopped
 * sidecar counts neither as running nor as stopped.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { ContainerView } from './pod-status'

export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed'

export interface PhaseInput {
  pod: Pod
  initContainers: (ContainerView & { sidecar: boolean })[]
  containers: ContainerView[]
  initialized: boolean
}

export function podPhase({ pod, initContainers, containers, initialized }: PhaseInput): Phase {
  const policy = pod.spec?.restartPolicy ?? 'Always'
  let pendingInit = 0
  let pendingSidecars = 0
  let failedInit = 0
  let running = 0
  let waiting = 0
  let stopped = 0
  let succeeded = 0
  for (const c of initContainers) {
    if (c.sidecar) {
      if (c.state === 'running') {
        if (!c.started) pendingSidecars++
        running++
      } else if (c.state === 'waiting' && !c.last) {
        pendingSidecars++
        waiting++
      }
      continue
    }
    if (c.state === 'running') pendingInit++
    else if (c.state === 'terminated') {
      if (c.exitCode !== 0) failedInit++
    } else if (c.last) {
      if (c.last.exitCode !== 0) failedInit++
    } else pendingInit++
  }
  for (const c of containers) {
    if (c.state === 'running') running++
    else if (c.state === 'terminated') {
      stopped++
      if (c.exitCode === 0) succeeded++
    } else if (c.last) {
      // Waiting to restart after having run: counts as stopped with its last exit.
      stopped++
    } else waiting++
  }
  if (failedInit > 0 && policy === 'Never') return 'Failed'
  if (pendingInit > 0 || (pendingSidecars > 0 && !initialized) || waiting > 0) return 'Pending'
  if (running > 0) return 'Running'
  if (stopped > 0) {
    if (policy === 'Always') return 'Running'
    if (stopped === succeeded) return 'Succeeded'
    if (policy === 'Never') return 'Failed'
    return 'Running'
  }
  return 'Pending'
}
