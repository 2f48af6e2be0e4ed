/** Taint and toleration matching (kube: v1 Toleration.ToleratesTaint, GetMatchingTolerations). */
import type { Taint, Toleration } from 'kubernetes-types/core/v1'
import { toleratesTaint } from '../../scheduler/plugins/helpers'

// kube: the taints the node lifecycle controller puts on unhealthy nodes.
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable'
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready'
// kube: TaintNodesByCondition — a cordoned node (spec.unschedulable) carries this NoSchedule taint.
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable'

// One toleration rule for the whole cluster (kube: v1 Toleration.ToleratesTaint), shared with the
// scheduler and the DaemonSet controller.
export const tolerates = toleratesTaint

/** Whether every taint is tolerated, and the tolerations that do it. */
export function matchingTolerations(taints: Taint[], tolerations: Toleration[]): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = []
  for (const taint of taints) {
    const match = tolerations.filter((t) => tolerates(t, taint))
    if (!match.length) return { all: false, used: [] }
    used.push(...match)
  }
  return { all: true, used }
}

/** kube: getMinTolerationTime — ms, 0 for "now", -1 for "forever". */
export function minTolerationMs(used: Toleration[]): number {
  if (!used.length) return 0
  let min = Infinity
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue
    if (t.tolerationSeconds <= 0) return 0
    min = Math.min(min, t.tolerationSeconds)
  }
  return min === Infinity ? -1 : min * 1000
}

export const noExecute = (taints: Taint[] | undefined): Taint[] => (taints ?? []).filter((t) => t.effect === 'NoExecute')
