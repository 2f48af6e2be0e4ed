/**
 * Which pods a ReplicaSet deletes first when it has too many (kube: controller.ActivePodsWithRanks,
 * with the LogarithmicScaleDown and PodDeletionCost behaviour on, as in v1.35). The earlier a
 * pod sorts, the sooner it goes:
 *   1. unassigned < assigned
 *   2. Pending < Unknown < Running
 *   3. not ready < ready
 *   4. lower controller.kubernetes.io/pod-deletion-cost < higher
 *   5. more related pods on the same node < fewer (doubled-up pods go first)
 *   6. ready more recently < ready longer (on a log2 scale of the time since ready)
 *   7. more container restarts < fewer
 *   8. created more recently < created earlier (log2 scale), ties by uid
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { isPodReady, podReadyCondition, isPodActive } from './pods'
import { parseTime } from './time'

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost'

export interface RankedPod {
  pod: Pod
  /** Related pods on the same node. */
  rank: number
}

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 }

function deletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION]
  const n = v === undefined ? 0 : Number(v)
  return Number.isInteger(n) ? n : 0
}

function maxRestarts(pod: Pod): number {
  let max = 0
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0)
  // kube: restartable init containers (sidecars) count too.
  for (const c of pod.status?.initContainerStatuses ?? []) max = Math.max(max, c.restartCount ?? 0)
  return max
}

/** kube: logarithmicRankDiff — compares floor(log2(ns since t)); -1 for "not in the past". */
function logRank(t: number, now: number): number {
  const ns = (now - t) * 1e6
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1
}

/** Zero/absent time sorts first; otherwise the later time sorts first. */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined
  return a > b
}

function compareTimes(a: number | undefined, b: number | undefined, now: number, uidA: string, uidB: string): number {
  if (a === b) return 0
  if (a === undefined || b === undefined) return afterOrZero(a, b) ? -1 : 1
  const diff = logRank(a, now) - logRank(b, now)
  if (diff === 0) return uidA < uidB ? -1 : uidA > uidB ? 1 : 0
  return diff < 0 ? -1 : 1
}

/** Negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: RankedPod, b: RankedPod, now: number): number {
  const pa = a.pod
  const pb = b.pod
  const assignedA = !!pa.spec?.nodeName
  const assignedB = !!pb.spec?.nodeName
  if (assignedA !== assignedB) return assignedA ? 1 : -1
  const phaseA = PHASE_ORDER[pa.status?.phase ?? ''] ?? 0
  const phaseB = PHASE_ORDER[pb.status?.phase ?? ''] ?? 0
  if (phaseA !== phaseB) return phaseA - phaseB
  const readyA = isPodReady(pa)
  const readyB = isPodReady(pb)
  if (readyA !== readyB) return readyA ? 1 : -1
  const costA = deletionCost(pa)
  const costB = deletionCost(pb)
  if (costA !== costB) return costA - costB
  if (a.rank !== b.rank) return b.rank - a.rank
  const uidA = pa.metadata?.uid ?? ''
  const uidB = pb.metadata?.uid ?? ''
  if (readyA && readyB) {
    const c = compareTimes(
      parseTime(podReadyCondition(pa)?.lastTransitionTime),
      parseTime(podReadyCondition(pb)?.lastTransitionTime), now, uidA, uidB)
    if (c !== 0) return c
  }
  const restartsA = maxRestarts(pa)
  const restartsB = maxRestarts(pb)
  if (restartsA !== restartsB) return restartsB - restartsA
  return compareTimes(
    parseTime(pa.metadata?.creationTimestamp),
    parseTime(pb.metadata?.creationTimestamp), now, uidA, uidB)
}

/**
 * kube: getPodsToDelete — the `count` pods to delete from `pods`. `related` are the active pods of
 * this controller and its siblings (the other ReplicaSets of the same Deployment): a pod sharing
 * its node with many of them goes first, which spreads what remains.
 */
export function podsToDelete(pods: Pod[], related: Pod[], count: number, now: number): Pod[] {
  if (count >= pods.length) return pods.slice()
  const onNode = new Map<string, number>()
  for (const p of related) {
    if (!isPodActive(p)) continue
    const n = p.spec?.nodeName ?? ''
    onNode.set(n, (onNode.get(n) ?? 0) + 1)
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }))
  ranked.sort((a, b) => compareForDeletion(a, b, now))
  return ranked.slice(0, count).map((r) => r.pod)
}
