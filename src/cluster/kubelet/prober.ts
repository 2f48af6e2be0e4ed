/**
 * The prober workers of one container instance (kube: pkg/kubelet/prober/worker.go). Each probe
 * ticks every periodSeconds from the moment the pod was first synced, is skipped until the
 * container has run initialDelaySeconds, and changes its result only after successThreshold
 * successes or failureThreshold failures in a row. Every failure is an `Unhealthy` event.
 * Liveness and readiness wait for the startup probe; a failed liveness or startup result puts
 * the worker on hold until the container is restarted.
 */
import type { Probe } from 'kubernetes-types/core/v1'
import type { ContainerRun } from './container-run'
import { checkProbe, failureThreshold, probePeriodMs, successThreshold, type ProbeTarget } from './probe-check'

export type ProbeType = 'Liveness' | 'Readiness' | 'Startup'

export interface ProberHost {
  now(): number
  /** Calls fn after ms unless the container's instance changed meanwhile. */
  afterFor(c: ContainerRun, ms: number, fn: () => void): void
  target(c: ContainerRun): ProbeTarget
  unhealthy(c: ContainerRun, type: ProbeType, output: string): void
  /** The probe's result flipped (readiness, startup) or reached failure (liveness, startup). */
  result(c: ContainerRun, type: ProbeType, ok: boolean): void
}

/** Starts the probes of a container that has just started; `origin` is the pod's first sync. */
export function startProbes(host: ProberHost, c: ContainerRun, origin: number): void {
  const spec = c.spec
  if (spec.startupProbe) worker(host, c, 'Startup', spec.startupProbe, origin)
  if (spec.livenessProbe) worker(host, c, 'Liveness', spec.livenessProbe, origin)
  if (spec.readinessProbe) worker(host, c, 'Readiness', spec.readinessProbe, origin)
}

function worker(host: ProberHost, c: ContainerRun, type: ProbeType, probe: Probe, origin: number): void {
  const period = probePeriodMs(probe)
  const delayS = probe.initialDelaySeconds ?? 0
  const startedAt = c.startedAt ?? host.now()
  // The first tick of the pod's ticker at which the container is old enough.
  const firstAllowed = startedAt + delayS * 1000
  const k = Math.max(0, Math.ceil((firstAllowed - origin) / period))
  let lastOk: boolean | undefined
  let run = 0
  const tick = () => {
    if (c.state !== 'running' || c.stopping || (type === 'Startup' && c.startupOk)) return
    // Liveness and readiness wait for the startup probe.
    if (type === 'Startup' || c.startupOk) {
      const r = checkProbe(probe, host.target(c))
      if (!r.ok) host.unhealthy(c, type, r.output)
      run = r.ok === lastOk ? run + 1 : 1
      lastOk = r.ok
      const reached = r.ok ? run >= successThreshold(probe) : run >= failureThreshold(probe)
      if (reached) {
        if (type === 'Readiness') {
          if (r.ok !== c.readinessOk) host.result(c, type, r.ok)
        } else if (!r.ok || (type === 'Startup' && !c.startupOk)) {
          host.result(c, type, r.ok)
          // kube: on hold after a liveness/startup failure, until the container restarts.
          if (!r.ok) return
        }
      }
    }
    host.afterFor(c, period, tick)
  }
  host.afterFor(c, Math.max(0, origin + k * period - host.now()), tick)
}
