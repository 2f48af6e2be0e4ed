/**
 * NodeName (kube: plugins/nodename): a pod that names its node (spec.nodeName) fits only there.
 * Pods the scheduler sees have no nodeName, so this filter matters only for completeness.
 */
import { SKIP, unresolvable, type ClusterEvent, type FilterPlugin, type FilterStatus, type Rejector, type Skip } from '../types'
import type { PodInfo } from '../podinfo'
import type { NodeInfo } from '../nodeinfo'

export const NAME = 'NodeName'
/** kube: nodename.ErrReason */
export const ERR_REASON = "node(s) didn't match the requested node name"

const REJECTED = unresolvable(ERR_REASON)

export class NodeName implements FilterPlugin<string> {
  readonly name = NAME

  isSchedulableAfter(pod: PodInfo, event: ClusterEvent): boolean {
    return event.kind === 'NodeAdd' && event.node.name === pod.pod.spec?.nodeName
  }

  preFilter(pod: PodInfo): string | Skip {
    return pod.pod.spec?.nodeName || SKIP
  }

  filter(nodeName: string, _pod: PodInfo, node: NodeInfo): FilterStatus | undefined {
    return node.name === nodeName ? undefined : REJECTED
  }

  filterNodes(nodeName: string, _pod: PodInfo, nodes: NodeInfo[], n: number, reject: Rejector): number {
    let kept = 0
    for (let i = 0; i < n; i++) {
      const node = nodes[i]
      if (node.name === nodeName) nodes[kept++] = node
      else reject(node, REJECTED, NAME)
    }
    return kept
  }
}
