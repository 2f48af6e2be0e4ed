/**
 * The replica count a Resource metric asks for (kube: pkg/controller/podautoscaler/replica_calculator.go,
 * GetResourceReplicas and GetRawResourceReplicas). desired = ceil(ratio × ready pods), unless the
 * ratio is within the 10% tolerance. Pods are grouped first: deleted, failed and pending pods are
 * ignored; pods with no metric are "missing" (assumed at 100% of request on a scale down and at 0%
 * on a scale up); for cpu, pods not yet ready, or measured before they became ready during their
 * first 5 minutes, are "unready" and count as 0% when the ratio says scale up.
 */
import type { Pod } from 'kubernetes-types/core/v1'

// kube default: --horizontal-pod-autoscaler-tolerance 0.1.
export const TOLERANCE = 0.1
// kube default: --horizontal-pod-autoscaler-cpu-initialization-period 5m.
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000
// kube default: --horizontal-pod-autoscaler-initial-readiness-delay 30s.
export const INITIAL_READINESS_DELAY_MS = 30_000

/** A pod's measured usage of the resource: millicores for cpu, bytes for memory. */
export interface PodMetric {
  value: number
  timestamp: number
  windowMs: number
}

export interface ReplicaProposal {
  replicas: number
  /** Utilization in percent of the request (Utilization targets). */
  utilization?: number
  /** The average usage per pod, in the metric's unit (millicores or bytes). */
  averageValue: number
}

export type Target = { type: 'Utilization'; averageUtilization: number } | { type: 'AverageValue'; averageValue: number }

export class ReplicaCalcError extends Error {}

const parseTime = (t: string | undefined) => (t ? Date.parse(t) : undefined)

interface Groups {
  ready: number
  unready: Set<string>
  missing: Set<string>
  ignored: Set<string>
}

function groupPods(pods: Pod[], metrics: Map<string, PodMetric>, resource: string, now: number): Groups {
  const g: Groups = { ready: 0, unready: new Set(), missing: new Set(), ignored: new Set() }
  for (const pod of pods) {
    const name = pod.metadata!.name!
    const phase = pod.status?.phase
    if (pod.metadata?.deletionTimestamp || phase === 'Failed' || phase === 'Pending') {
      g.ignored.add(name)
      continue
    }
    const metric = metrics.get(name)
    if (!metric) {
      g.missing.add(name)
      continue
    }
    if (resource === 'cpu') {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')
      const start = parseTime(pod.status?.startTime)
      let unready: boolean
      if (!ready || start === undefined) unready = true
      else {
        const changed = parseTime(ready.lastTransitionTime) ?? 0
        if (start + CPU_INITIALIZATION_PERIOD_MS > now) {
          // Within its initialization period a pod counts only once measured entirely while ready.
          unready = ready.status === 'False' || metric.timestamp < changed + metric.windowMs
        } else {
          // Later, only a pod that has never been ready (readiness flipped within the initial delay).
          unready = ready.status === 'False' && start + INITIAL_READINESS_DELAY_MS > changed
        }
      }
      if (unready) {
        g.unready.add(name)
        continue
      }
    }
    g.ready++
  }
  return g
}

/** kube: calculatePodRequests — every container must request the resource. */
export function podRequests(pods: Pod[], resource: string, parse: (q: string) => number): Map<string, number> {
  const out = new Map<string, number>()
  for (const pod of pods) {
    let sum = 0
    for (const c of pod.spec?.containers ?? []) {
      const q = c.resources?.requests?.[resource]
      if (q === undefined) throw new ReplicaCalcError(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata!.name}`)
      sum += parse(String(q))
    }
    out.set(pod.metadata!.name!, sum)
  }
  return out
}

/** kube: GetResourceUtilizationRatio (utilization truncated to a whole percent, as int32). */
function utilizationRatio(metrics: Map<string, PodMetric>, requests: Map<string, number>, target: number) {
  let used = 0
  let requested = 0
  let n = 0
  for (const [name, m] of metrics) {
    const r = requests.get(name)
    if (r === undefined) continue
    used += m.value
    requested += r
    n++
  }
  if (requested === 0) throw new ReplicaCalcError('no metrics returned matched known pods')
  const utilization = Math.trunc((used * 100) / requested)
  return { ratio: utilization / target, utilization, average: used / n }
}

function averageRatio(metrics: Map<string, PodMetric>, target: number) {
  let used = 0
  for (const m of metrics.values()) used += m.value
  const average = used / metrics.size
  return { ratio: average / target, utilization: undefined, average }
}

/**
 * The proposal for one Resource metric. `metrics` are the pods' usage by pod name; `requests` are
 * needed for Utilization targets only.
 */
export function resourceReplicas(args: {
  currentReplicas: number
  target: Target
  resource: string
  pods: Pod[]
  metrics: Map<string, PodMetric>
  requests?: Map<string, number>
  now: number
}): ReplicaProposal {
  const { currentReplicas, target, resource, pods, now } = args
  if (pods.length === 0) throw new ReplicaCalcError('no pods returned by selector while calculating replica count')
  const metrics = new Map(args.metrics)
  const g = groupPods(pods, metrics, resource, now)
  for (const name of [...g.ignored, ...g.unready]) metrics.delete(name)
  if (metrics.size === 0) throw new ReplicaCalcError('did not receive metrics for targeted pods (pods might be unready)')
  const ratioOf = (m: Map<string, PodMetric>) => (target.type === 'Utilization'
    ? utilizationRatio(m, args.requests!, target.averageUtilization)
    : averageRatio(m, target.averageValue))
  const first = ratioOf(metrics)
  const proposal = (replicas: number): ReplicaProposal => ({ replicas, utilization: first.utilization, averageValue: first.average })
  const scaleUpWithUnready = g.unready.size > 0 && first.ratio > 1
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (Math.abs(1 - first.ratio) <= TOLERANCE) return proposal(currentReplicas)
    return proposal(Math.ceil(first.ratio * g.ready))
  }
  const stamp = { timestamp: now, windowMs: 0 }
  if (g.missing.size > 0) {
    for (const name of g.missing) {
      let value = 0
      if (first.ratio < 1) {
        // A scale down assumes the missing pods use all they asked for (or the target, when above 100%).
        value = target.type === 'Utilization'
          ? ((args.requests?.get(name) ?? 0) * Math.max(100, target.averageUtilization)) / 100
          : target.averageValue
      }
      if (first.ratio !== 1) metrics.set(name, { value, ...stamp })
    }
  }
  if (scaleUpWithUnready) for (const name of g.unready) metrics.set(name, { value: 0, ...stamp })
  const next = ratioOf(metrics)
  if (Math.abs(1 - next.ratio) <= TOLERANCE || (first.ratio < 1 && next.ratio > 1) || (first.ratio > 1 && next.ratio < 1)) {
    return proposal(currentReplicas)
  }
  const replicas = Math.ceil(next.ratio * metrics.size)
  if ((next.ratio < 1 && replicas > currentReplicas) || (next.ratio > 1 && replicas < currentReplicas)) return proposal(currentReplicas)
  return proposal(replicas)
}
