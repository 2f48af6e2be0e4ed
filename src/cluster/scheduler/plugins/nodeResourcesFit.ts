/**
 * NodeResourcesFit (kube: plugins/noderesources/fit.go): Filter checks that the node has room for
 * the pod's requests (cpu, memory, ephemeral-storage, extended resources) and one more pod; Score
 * is the LeastAllocated strategy, the kube default, which spreads pods over emptier nodes.
 */
import { MAX_NODE_SCORE, type ClusterEvent, type FilterPlugin, type FilterStatus, type Rejector, type ScorePlugin } from '../types'
import type { PodInfo, Resources } from '../podinfo'
import type { Allocatable, NodeInfo } from '../nodeinfo'

export const NAME = 'NodeResourcesFit'
// A module-local copy: an imported binding costs a lookup in the hot loop under dev transforms.
const MAX_SCORE = MAX_NODE_SCORE
/** kube: the reasons of fitsRequest, in the order it checks them. */
export const REASON_TOO_MANY_PODS = 'Too many pods'
export const reasonInsufficient = (resource: string) => `Insufficient ${resource}`

/** kube default: ScoringStrategy LeastAllocated over cpu and memory, weight 1 each. */
const CPU_WEIGHT = 1
const MEMORY_WEIGHT = 1

export interface Insufficient {
  resource: string
  reason: string
  requested: number
  used: number
  capacity: number
}

export class NodeResourcesFit implements FilterPlugin<Resources>, ScorePlugin<Resources> {
  readonly name = NAME
  /** kube default: NodeResourcesFit weight 1 */
  readonly weight = 1
  private statuses = new Map<string, FilterStatus>()

  /** kube: Pod/Delete of an assigned pod; Node/Add and UpdateNodeAllocatable when the pod would fit. */
  isSchedulableAfter(pod: PodInfo, event: ClusterEvent): boolean {
    if (event.kind === 'AssignedPodDelete') return true
    if (event.kind === 'AssignedPodAdd') return false
    if (fits(pod.requests, event.node.allocatable, 0).length > 0) return false
    if (event.kind === 'NodeAdd') return true
    return anyRequestedIncreased(pod.requests, event.old.allocatable, event.node.allocatable)
  }

  preFilter(pod: PodInfo): Resources {
    return pod.requests
  }

  filter(req: Resources, _pod: PodInfo, node: NodeInfo): FilterStatus | undefined {
    const insufficient = fitsRequest(req, node)
    if (insufficient.length === 0) return undefined
    // kube v1.34+ (kubernetes#131345): asking for more than the node has in all means even an
    // empty node would not do, so preemption cannot help.
    const hopeless = insufficient.some((r) => r.requested > r.capacity)
    const key = `${hopeless ? 1 : 0}|${insufficient.map((r) => r.reason).join('|')}`
    let status = this.statuses.get(key)
    if (!status) {
      status = Object.freeze({
        code: hopeless ? 'UnschedulableAndUnresolvable' : 'Unschedulable',
        reasons: Object.freeze(insufficient.map((r) => r.reason)),
      } as const)
      this.statuses.set(key, status)
    }
    return status
  }

  filterNodes(req: Resources, pod: PodInfo, nodes: NodeInfo[], n: number, reject: Rejector): number {
    // The common case — room for the pod's cpu and memory — is checked inline, without allocating.
    const cpu = req.milliCPU
    const memory = req.memory
    const simple = !req.scalar
    let kept = 0
    for (let i = 0; i < n; i++) {
      const node = nodes[i]
      if (simple && node.podCount < node.allocPods && cpu <= node.allocMilliCPU - node.reqMilliCPU
        && memory <= node.allocMemory - node.reqMemory) {
        nodes[kept++] = node
        continue
      }
      const status = this.filter(req, pod, node)
      if (status) reject(node, status, NAME)
      else nodes[kept++] = node
    }
    return kept
  }

  preScore(pod: PodInfo): Resources {
    return pod.nonZeroRequests
  }

  /** kube: leastResourceScorer — the weighted mean over resources of free/allocatable × 100, in integers. */
  score(req: Resources, _pod: PodInfo, node: NodeInfo): number {
    // Written out for cpu and memory (the default resources, weight 1 each): this runs per node per pod.
    let score = 0
    let weights = 0
    if (node.allocMilliCPU > 0) {
      score += leastRequestedScore(node.nzMilliCPU + req.milliCPU, node.allocMilliCPU) * CPU_WEIGHT
      weights += CPU_WEIGHT
    }
    if (node.allocMemory > 0) {
      score += leastRequestedScore(node.nzMemory + req.memory, node.allocMemory) * MEMORY_WEIGHT
      weights += MEMORY_WEIGHT
    }
    return weights === 0 ? 0 : Math.trunc(score / weights)
  }

  scoreNodes(req: Resources, pod: PodInfo, nodes: readonly NodeInfo[], n: number, out: Float64Array): void {
    for (let i = 0; i < n; i++) out[i] = this.score(req, pod, nodes[i])
  }
}

/** kube: leastRequestedScore — (capacity - requested) × MaxNodeScore / capacity, 0 when overcommitted. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0
  return Math.trunc(((capacity - requested) * MAX_SCORE) / capacity)
}

/** kube: noderesources.fitsRequest — every resource the node lacks for the pod, in kube's order. */
export function fitsRequest(req: Resources, node: NodeInfo): Insufficient[] {
  return fits(req, node.allocatable, node.podCount, node.requested)
}

function fits(req: Resources, alloc: Allocatable, podCount: number, used: Resources = ZERO): Insufficient[] {
  const out: Insufficient[] = []
  if (podCount + 1 > alloc.pods) {
    out.push({ resource: 'pods', reason: REASON_TOO_MANY_PODS, requested: 1, used: podCount, capacity: alloc.pods })
  }
  if (req.milliCPU === 0 && req.memory === 0 && !req.scalar) return out
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resource: 'cpu', reason: reasonInsufficient('cpu'), requested: req.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU })
  }
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
    out.push({ resource: 'memory', reason: reasonInsufficient('memory'), requested: req.memory, used: used.memory, capacity: alloc.memory })
  }
  if (req.scalar) {
    // ephemeral-storage comes first in kube's order, then extended resources.
    const names = Object.keys(req.scalar).sort((a, b) => (a === 'ephemeral-storage' ? -1 : b === 'ephemeral-storage' ? 1 : 0))
    for (const name of names) {
      const want = req.scalar[name]
      const capacity = alloc.scalar?.[name] ?? 0
      const inUse = used.scalar?.[name] ?? 0
      if (want > 0 && want > capacity - inUse) {
        out.push({ resource: name, reason: reasonInsufficient(name), requested: want, used: inUse, capacity })
      }
    }
  }
  return out
}

const ZERO: Resources = { milliCPU: 0, memory: 0 }

function anyRequestedIncreased(req: Resources, old: Allocatable, now: Allocatable): boolean {
  if (now.pods > old.pods) return true
  if (req.milliCPU > 0 && now.milliCPU > old.milliCPU) return true
  if (req.memory > 0 && now.memory > old.memory) return true
  for (const k in req.scalar ?? {}) if ((now.scalar?.[k] ?? 0) > (old.scalar?.[k] ?? 0)) return true
  return false
}
