/**
 * NodeResourcesBalancedAllocation (kube: plugins/noderesources/balanced_allocation.go): prefers the
 * node whose cpu and memory would be used in the most equal proportion after placing the pod, so
 * one resource is not exhausted while the other sits idle.
 */
import { MAX_NODE_SCORE, SKIP, type ScorePlugin, type Skip } from '../types'
import type { PodInfo, Resources } from '../podinfo'
import type { NodeInfo } from '../nodeinfo'

export const NAME = 'NodeResourcesBalancedAllocation'
// A module-local copy: an imported binding costs a lookup in the hot loop under dev transforms.
const MAX_SCORE = MAX_NODE_SCORE

export class NodeResourcesBalancedAllocation implements ScorePlugin<Resources> {
  readonly name = NAME
  /** kube default: NodeResourcesBalancedAllocation weight 1 */
  readonly weight = 1

  /** kube: a pod that requests nothing (BestEffort) is skipped: it would not change the balance. */
  preScore(pod: PodInfo): Resources | Skip {
    const r = pod.requests
    return r.milliCPU === 0 && r.memory === 0 ? SKIP : r
  }

  /** kube: balancedResourceScorer over the actual requests (useRequested): (1 - std of the fractions) × 100. */
  score(req: Resources, _pod: PodInfo, node: NodeInfo): number {
    if (node.allocMilliCPU === 0 || node.allocMemory === 0) return MAX_SCORE // one fraction: no spread
    const cpu = Math.min(1, (node.reqMilliCPU + req.milliCPU) / node.allocMilliCPU)
    const memory = Math.min(1, (node.reqMemory + req.memory) / node.allocMemory)
    // With two resources the standard deviation is half their difference.
    const std = Math.abs((cpu - memory) / 2)
    return Math.trunc((1 - std) * MAX_SCORE)
  }

  scoreNodes(req: Resources, pod: PodInfo, nodes: readonly NodeInfo[], n: number, out: Float64Array): void {
    for (let i = 0; i < n; i++) out[i] = this.score(req, pod, nodes[i])
  }
}
