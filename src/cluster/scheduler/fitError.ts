/**
 * The FailedScheduling message (kube: framework.FitError.Error() and the PostFilter messages),
 * v1.35 format:
 *
 *   0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims
 *   to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling,
 *   3 No preemption victims found for incoming pod.
 *
 * Each part counts reasons over nodes ("<count> <reason>") and sorts those strings as Go's
 * sort.Strings does (byte order, so "10 …" sorts before "2 …"). The PostFilter part is what the
 * PostFilter plugins say, joined with ", ": DynamicResources first (it runs before DefaultPreemption
 * in the default profile since DRA went GA in 1.34; a pod without claims gets "no new claims to
 * deallocate"), then DefaultPreemption, which dry-runs evicting lower-priority pods.
 */
import type { FilterStatus } from './types'

/** kube: framework.NoNodeAvailableMsg */
export const noNodeAvailable = (n: number) => `0/${n} nodes are available`
/** kube: ErrNoNodesAvailable, when the cluster has no nodes at all. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods'
/** kube: dynamicresources PostFilter for a pod without resource claims. */
export const DRA_NOTHING_TO_DEALLOCATE = 'no new claims to deallocate'
/** kube: defaultpreemption — nodes rejected as UnschedulableAndUnresolvable. */
export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling'
/** kube: SelectVictimsOnNode when the node has no pod of lower priority. */
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod'
/** kube: PodEligibleToPreemptOthers for preemptionPolicy: Never. */
export const PREEMPTION_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.'

/** `<count> <reason>` for every reason, sorted as Go's sort.Strings. */
export function reasonHistogram(statuses: Iterable<{ reasons: readonly string[] }>): string[] {
  const counts = new Map<string, number>()
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1)
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort(byteOrder)
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** kube: FitError.Error() — `0/N nodes are available: <reasons>.` then the PostFilter message. */
export function fitErrorMessage(numAllNodes: number, statuses: Iterable<FilterStatus>, postFilterMsg: string): string {
  let msg = `${noNodeAvailable(numAllNodes)}:`
  const hist = reasonHistogram(statuses)
  if (hist.length) msg += ` ${hist.join(', ')}.`
  // kube: SeparatorFormat " %v." — the PostFilter message already ends in "." so kube prints "..".
  if (postFilterMsg) msg += ` ${postFilterMsg}.`
  return msg
}

/**
 * kube: FitError.Error() when a PreFilter plugin rejected the pod (Diagnosis.PreFilterMsg): its
 * reasons once, without per-node counts, e.g. `0/4 nodes are available: pod has unbound immediate
 * PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`
 */
export function preFilterFitErrorMessage(numAllNodes: number, reasons: readonly string[], postFilterMsg: string): string {
  let msg = `${noNodeAvailable(numAllNodes)}: ${reasons.join(', ')}.`
  // The same SeparatorFormat as fitErrorMessage.
  if (postFilterMsg) msg += ` ${postFilterMsg}.`
  return msg
}

/**
 * kube: DefaultPreemption's message when no node can be made to fit by evicting pods.
 * `perNode` holds, for every node, the preemption dry-run's reasons for it.
 */
export function preemptionMessage(numAllNodes: number, perNode: Iterable<{ reasons: readonly string[] }>): string {
  const hist = reasonHistogram(perNode)
  return `preemption: ${noNodeAvailable(numAllNodes)}: ${hist.join(', ')}.`
}

/** The PostFilter plugins' messages joined as the framework does (`, `). */
export function postFilterMessage(preemption: string): string {
  return `${DRA_NOTHING_TO_DEALLOCATE}, ${preemption}`
}
