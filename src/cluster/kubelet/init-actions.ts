/**
 * kube: computeInitContainerActions and the start part of computePodActions (kuberuntime_manager.go,
 * SidecarContainers GA since v1.33). Init containers run in order, each to completion; a sidecar
 * (restartPolicy Always) must have started — its startup probe passed — before the next one
 * starts, and keeps running. App containers start once every init container is done.
 */
import { completed, type ContainerRun } from './container-run'

export interface SyncState {
  initContainers: ContainerRun[]
  containers: ContainerRun[]
  initialized: boolean
  /** A stopped or never-started container that may start now (back-off over, policy allows). */
  due(c: ContainerRun): boolean
}

export interface SyncDecision {
  /** The container to start next, if any. */
  start?: ContainerRun
  /** Every init container completed and every sidecar started (latches). */
  initialized: boolean
}

export function nextAction(s: SyncState): SyncDecision {
  if (!s.initialized) {
    for (const c of s.initContainers) {
      if (c.sidecar) {
        if (c.state === 'running') {
          if (!c.started) return { initialized: false }
          continue
        }
        return { start: s.due(c) ? c : undefined, initialized: false }
      }
      if (completed(c)) continue
      if (c.state === 'running') return { initialized: false }
      return { start: s.due(c) ? c : undefined, initialized: false }
    }
  }
  // Initialized: a sidecar that died is restarted beside the app containers, without blocking them.
  for (const c of s.initContainers) if (c.sidecar && s.due(c)) return { start: c, initialized: true }
  for (const c of s.containers) if (s.due(c)) return { start: c, initialized: true }
  return { initialized: true }
}
