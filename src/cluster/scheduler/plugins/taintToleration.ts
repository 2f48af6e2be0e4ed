/**
 * TaintToleration (kube: plugins/tainttoleration): Filter rejects a node with a NoSchedule or
 * NoExecute taint the pod does not tolerate; Score prefers nodes with fewer untolerated
 * PreferNoSchedule taints.
 */
import type { Toleration } from 'kubernetes-types/core/v1'
import { unresolvable, type ClusterEvent, type FilterPlugin, type FilterStatus, type Rejector, type ScorePlugin } from '../types'
import type { PodInfo } from '../podinfo'
import type { NodeInfo, NodeView } from '../nodeinfo'
import { defaultNormalizeScore, findUntoleratedTaint, isDoNotScheduleTaint, tolerationsTolerateTaint } from './helpers'

export const NAME = 'TaintToleration'
/**
 * kube v1.35: the taint's key and value are no longer shown (kubernetes#134740, also in 1.34.2);
 * earlier releases printed `node(s) had untolerated taint {key: value}`.
 */
export const ERR_REASON_UNTOLERATED = 'node(s) had untolerated taint(s)'

const REJECTED = unresolvable(ERR_REASON_UNTOLERATED)

export class TaintToleration implements FilterPlugin<void>, ScorePlugin<readonly Toleration[]> {
  readonly name = NAME
  /** kube default: TaintToleration weight 3 */
  readonly weight = 3

  /** kube: Node/Add | UpdateNodeTaint — queue when the node went from untolerated to tolerated. */
  isSchedulableAfter(pod: PodInfo, event: ClusterEvent): boolean {
    if (event.kind === 'AssignedPodDelete' || event.kind === 'AssignedPodAdd') return false
    const untolerated = (n: NodeView) => findUntoleratedTaint(n.taints, pod.tolerations, isDoNotScheduleTaint) !== undefined
    const was = event.kind === 'NodeAdd' ? true : untolerated(event.old)
    return was && !untolerated(event.node)
  }

  filter(_state: void, pod: PodInfo, node: NodeInfo): FilterStatus | undefined {
    if (node.taints.length === 0) return undefined
    return findUntoleratedTaint(node.taints, pod.tolerations, isDoNotScheduleTaint) ? REJECTED : undefined
  }

  filterNodes(_state: void, pod: PodInfo, nodes: NodeInfo[], n: number, reject: Rejector): number {
    let kept = 0
    for (let i = 0; i < n; i++) {
      const node = nodes[i]
      const status = node.taints.length === 0 ? undefined : this.filter(undefined, pod, node)
      if (status) reject(node, status, NAME)
      else nodes[kept++] = node
    }
    return kept
  }

  /** Only tolerations that can tolerate PreferNoSchedule (or every effect) count. */
  preScore(pod: PodInfo): readonly Toleration[] {
    return pod.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule')
  }

  /** The number of untolerated PreferNoSchedule taints: fewer is better (normalised in reverse). */
  score(tolerations: readonly Toleration[], _pod: PodInfo, node: NodeInfo): number {
    let n = 0
    for (const taint of node.taints) {
      if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint)) n++
    }
    return n
  }

  scoreNodes(tolerations: readonly Toleration[], pod: PodInfo, nodes: readonly NodeInfo[], n: number, out: Float64Array): void {
    for (let i = 0; i < n; i++) {
      const node = nodes[i]
      out[i] = node.taints.length === 0 ? 0 : this.score(tolerations, pod, node)
    }
  }

  normalize(scores: Float64Array, n: number): void {
    defaultNormalizeScore(scores, n, true)
  }
}
