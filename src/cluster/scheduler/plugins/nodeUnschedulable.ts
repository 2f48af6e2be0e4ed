/**
 * NodeUnschedulable (kube: plugins/nodeunschedulable): a cordoned node (spec.unschedulable) takes
 * no new pods, unless the pod tolerates the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { Taint } from 'kubernetes-types/core/v1'
import { unresolvable, type ClusterEvent, type FilterPlugin, type FilterStatus, type Rejector } from '../types'
import type { PodInfo } from '../podinfo'
import type { NodeInfo, NodeView } from '../nodeinfo'
import { tolerationsTolerateTaint } from './helpers'

export const NAME = 'NodeUnschedulable'
/** kube: nodeunschedulable.ErrReasonUnschedulable */
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable'

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }
const REJECTED = unresolvable(ERR_REASON_UNSCHEDULABLE)

export class NodeUnschedulable implements FilterPlugin<void> {
  readonly name = NAME

  /** kube: Node/Add and Node/UpdateNodeTaint — queue when the node is (now) schedulable. */
  isSchedulableAfter(pod: PodInfo, event: ClusterEvent): boolean {
    if (event.kind === 'AssignedPodDelete' || event.kind === 'AssignedPodAdd') return false
    const admits = (n: NodeView) => !n.unschedulable || tolerationsTolerateTaint(pod.tolerations, UNSCHEDULABLE_TAINT)
    return event.kind === 'NodeAdd' ? admits(event.node) : !admits(event.old) && admits(event.node)
  }

  filter(_state: void, pod: PodInfo, node: NodeInfo): FilterStatus | undefined {
    if (!node.unschedulable) return undefined
    return tolerationsTolerateTaint(pod.tolerations, UNSCHEDULABLE_TAINT) ? undefined : REJECTED
  }

  filterNodes(_state: void, pod: PodInfo, nodes: NodeInfo[], n: number, reject: Rejector): number {
    let kept = 0
    for (let i = 0; i < n; i++) {
      const node = nodes[i]
      const status = node.unschedulable ? this.filter(undefined, pod, node) : undefined
      if (status) reject(node, status, NAME)
      else nodes[kept++] = node
    }
    return kept
  }
}
