/**
 * Helpers shared by the plugins: toleration matching (kube: k8s.io/component-helpers/scheduling/
 * corev1), node selector terms (component-helpers/scheduling/corev1/nodeaffinity) and the default
 * score normalisation (framework/plugins/helper/normalize_score.go).
 */
import type { NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration } from 'kubernetes-types/core/v1'
import { MAX_NODE_SCORE, type FilterStatus, type Rejector } from '../types'
import type { NodeInfo, NodeView } from '../nodeinfo'

/** kube: Toleration.ToleratesTaint — empty effect/key match all; empty operator means Equal. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false
  if (t.key && t.key !== taint.key) return false
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '')
    case 'Exists':
      return true
    default:
      return false
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true
  return false
}

/** kube: helper.DoNotScheduleTaintsFilterFunc — the taints the Filter phase cares about. */
export const isDoNotScheduleTaint = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute'

/** kube: FindMatchingUntoleratedTaint — the first taint (in node order) the pod does not tolerate. */
export function findUntoleratedTaint(
  taints: readonly Taint[], tolerations: readonly Toleration[], filter: (t: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints) {
    if (filter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint
  }
  return undefined
}

/**
 * A compiled NodeSelectorTerm: its matchExpressions against labels, matchFields against the node
 * name (the only field kube supports). A term with neither matches no node.
 */
export type TermMatcher = (node: NodeView) => boolean

export function compileTerm(term: NodeSelectorTerm): TermMatcher {
  const exprs = term.matchExpressions ?? []
  const fields = term.matchFields ?? []
  if (exprs.length === 0 && fields.length === 0) return () => false
  return (node) => {
    for (const r of exprs) if (!requirementMatches(r, node.labels[r.key], r.key in node.labels)) return false
    for (const r of fields) {
      if (r.key !== 'metadata.name') return false
      if (!requirementMatches(r, node.name, true)) return false
    }
    return true
  }
}

/** kube: labels.Requirement.Matches with the node-affinity operators (Gt/Lt compare integers). */
function requirementMatches(r: NodeSelectorRequirement, value: string | undefined, has: boolean): boolean {
  const values = r.values ?? []
  switch (r.operator) {
    case 'In':
      return has && values.includes(value!)
    case 'NotIn':
      return !has || !values.includes(value!)
    case 'Exists':
      return has
    case 'DoesNotExist':
      return !has
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false
      const have = Number.parseInt(value!, 10)
      const want = Number.parseInt(values[0], 10)
      if (!Number.isInteger(have) || !Number.isInteger(want)) return false
      return r.operator === 'Gt' ? have > want : have < want
    }
    default:
      return false
  }
}

/**
 * kube: helper.DefaultNormalizeScore — scales scores so the highest becomes MAX_NODE_SCORE
 * (integer arithmetic); `reverse` turns "fewer is better" counts into scores.
 */
export function defaultNormalizeScore(scores: Float64Array, n: number, reverse: boolean): void {
  const MAX = MAX_NODE_SCORE
  let max = 0
  for (let i = 0; i < n; i++) if (scores[i] > max) max = scores[i]
  if (max === 0) {
    if (reverse) scores.fill(MAX, 0, n)
    return
  }
  for (let i = 0; i < n; i++) {
    let s = Math.trunc((MAX * scores[i]) / max)
    if (reverse) s = MAX - s
    scores[i] = s
  }
}

/**
 * The batched Filter loop most plugins share: keeps the nodes `check` passes at the front of `nodes`,
 * reports the others to `reject` under the plugin's name, and returns how many were kept.
 */
export function keepFeasible(
  nodes: NodeInfo[], n: number, reject: Rejector, plugin: string, check: (node: NodeInfo) => FilterStatus | undefined,
): number {
  let kept = 0
  for (let i = 0; i < n; i++) {
    const node = nodes[i]
    const status = check(node)
    if (status) reject(node, status, plugin)
    else nodes[kept++] = node
  }
  return kept
}
