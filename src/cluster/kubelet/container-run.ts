/**
 * What the kubelet knows about one container of a pod: the spec, the current instance (its
 * program, files, memory, logs) and the back-off entries. One record per container name, kept
 * across restarts, as the kubelet's runtime cache is keyed.
 */
import type { Container, ContainerStatus } from 'kubernetes-types/core/v1'
import type { Program, Step } from '../images'
import type { LogBuffer } from './container-logs'
import type { ContainerView } from './pod-status'

export interface ContainerRun extends ContainerView {
  spec: Container
  /** Listed in spec.initContainers. */
  init: boolean
  /** An init container with restartPolicy Always (kube: a restartable init container). */
  sidecar: boolean
  program?: Program
  steps?: Iterator<Step>
  /** The current instance's writable layer with the pod's volumes mounted: path → content. */
  fs?: Map<string, string>
  /** The environment the kubelet gave the current instance (kube: generateContainerConfig). */
  env?: Record<string, string>
  /** The spec with `$(VAR)` expanded in its command and args. */
  runSpec?: Container
  memoryBytes: number
  logs?: LogBuffer
  previousLogs?: LogBuffer
  /** Results of the startup and readiness probes (true when the container has none). */
  startupOk: boolean
  readinessOk: boolean
  /** A kill is under way (preStop hook, then SIGTERM until the grace period ends). */
  stopping: boolean
  /** Next crash-loop back-off; 0 when the container has no back-off entry. */
  crashBackoffMs: number
  pullBackoffMs: number
  /** The container may not be started before this time (back-off), or never (Infinity). */
  blockedUntil: number
  /** Bumped to invalidate this container's pending timers (program, probes, pulls). */
  epoch: number
}

export function newRun(spec: Container, init: boolean, s: ContainerStatus | undefined): ContainerRun {
  return {
    spec, name: spec.name, init, sidecar: init && spec.restartPolicy === 'Always',
    state: 'waiting', image: spec.image ?? '', imageID: '', restartCount: s?.restartCount ?? 0,
    ready: false, started: false, startupOk: !spec.startupProbe, readinessOk: !spec.readinessProbe,
    stopping: false, memoryBytes: 0, crashBackoffMs: 0, pullBackoffMs: 0, blockedUntil: 0, epoch: 0,
  }
}

/**
 * The status flags: a regular init container is `started` while it runs and `ready` once it
 * completed (kube: prober_manager.UpdatePodStatus); others are started once their startup probe
 * passed and ready once their readiness probe did.
 */
export function refreshFlags(c: ContainerRun): void {
  const running = c.state === 'running'
  if (c.init && !c.sidecar) {
    c.started = running
    c.ready = c.state === 'terminated' && c.exitCode === 0
    return
  }
  c.started = running && c.startupOk
  c.ready = c.started && c.readinessOk
}

/** The exit code the container would restart after: its current one, or its last run's. */
export function lastExit(c: ContainerRun): number | undefined {
  return c.state === 'terminated' ? c.exitCode : c.last?.exitCode
}

/** A regular init container that ran to completion. */
export function completed(c: ContainerRun): boolean {
  return c.state === 'terminated' && c.exitCode === 0
}

/**
 * After a reboot the runtime has lost every container: a running one died with the node
 * (containerd reports exit code 255, reason Unknown), and the kubelet's back-off is forgotten.
 */
export function restoreAfterReboot(c: ContainerRun, s: ContainerStatus, now: number, willRestart: (c: ContainerRun) => boolean): void {
  const parse = (t: string | undefined) => (t ? Date.parse(t) : undefined)
  const t = s.state?.terminated ?? s.lastState?.terminated
  if (s.state?.running) {
    c.last = { exitCode: 255, reason: 'Unknown', startedAt: parse(s.state.running.startedAt), finishedAt: now, containerID: s.containerID }
  } else if (t) {
    c.last = { exitCode: t.exitCode, reason: t.reason ?? 'Error', startedAt: parse(t.startedAt), finishedAt: parse(t.finishedAt) ?? now, containerID: t.containerID }
  }
  c.containerID = c.last?.containerID
  if (c.last && !willRestart(c)) {
    Object.assign(c, { state: 'terminated', exitCode: c.last.exitCode, reason: c.last.reason, startedAt: c.last.startedAt, finishedAt: c.last.finishedAt })
    c.last = undefined
  }
  refreshFlags(c)
}
