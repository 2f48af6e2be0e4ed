/**
 * NodeAffinity (kube: plugins/nodeaffinity): Filter keeps the nodes that match spec.nodeSelector
 * and requiredDuringSchedulingIgnoredDuringExecution (any one of its terms); Score adds the weights
 * of the preferredDuringSchedulingIgnoredDuringExecution terms a node matches.
 */
import {
  SKIP, unresolvable, type ClusterEvent, type FilterPlugin, type FilterStatus, type Rejector, type ScorePlugin, type Skip,
} from '../types'
import type { PodInfo } from '../podinfo'
import type { NodeInfo, NodeView } from '../nodeinfo'
import { compileTerm, defaultNormalizeScore, type TermMatcher } from './helpers'

export const NAME = 'NodeAffinity'
/** kube: nodeaffinity.ErrReasonPod */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector"

const REJECTED = unresolvable(ERR_REASON_POD)

/** The pod's required placement: its nodeSelector and the terms of which one must match. */
export interface RequiredAffinity {
  selector: [string, string][]
  terms?: TermMatcher[]
}

export interface PreferredAffinity {
  terms: { weight: number; match: TermMatcher }[]
}

export function requiredAffinity(pod: PodInfo): RequiredAffinity | undefined {
  const spec = pod.pod.spec
  const selector = Object.entries(spec?.nodeSelector ?? {})
  const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  if (selector.length === 0 && !required) return undefined
  return { selector, terms: required ? (required.nodeSelectorTerms ?? []).map(compileTerm) : undefined }
}

export function matchesRequired(req: RequiredAffinity, node: NodeView): boolean {
  for (const [k, v] of req.selector) if (node.labels[k] !== v) return false
  if (!req.terms) return true
  for (const t of req.terms) if (t(node)) return true
  return false
}

export class NodeAffinity implements FilterPlugin<RequiredAffinity>, ScorePlugin<PreferredAffinity> {
  readonly name = NAME
  /** kube default: NodeAffinity weight 2 */
  readonly weight = 2

  /** kube: Node/Add | UpdateNodeLabel — queue when the node (now) matches the pod's required affinity. */
  isSchedulableAfter(pod: PodInfo, event: ClusterEvent): boolean {
    if (event.kind === 'AssignedPodDelete' || event.kind === 'AssignedPodAdd') return false
    const req = requiredAffinity(pod)
    if (!req) return event.kind === 'NodeAdd'
    if (!matchesRequired(req, event.node)) return false
    return event.kind === 'NodeAdd' || !matchesRequired(req, event.old)
  }

  /** kube: Skip when the pod has neither a nodeSelector nor a required node affinity. */
  preFilter(pod: PodInfo): RequiredAffinity | Skip {
    return requiredAffinity(pod) ?? SKIP
  }

  filter(req: RequiredAffinity, _pod: PodInfo, node: NodeInfo): FilterStatus | undefined {
    return matchesRequired(req, node) ? undefined : REJECTED
  }

  filterNodes(req: RequiredAffinity, _pod: PodInfo, nodes: NodeInfo[], n: number, reject: Rejector): number {
    let kept = 0
    for (let i = 0; i < n; i++) {
      const node = nodes[i]
      if (matchesRequired(req, node)) nodes[kept++] = node
      else reject(node, REJECTED, NAME)
    }
    return kept
  }

  /** kube: Skip when there are no preferred terms. */
  preScore(pod: PodInfo): PreferredAffinity | Skip {
    const preferred = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []
    const terms = preferred
      .filter((p) => p.weight !== 0)
      .map((p) => ({ weight: p.weight, match: compileTerm(p.preference) }))
    return terms.length === 0 ? SKIP : { terms }
  }

  score(pref: PreferredAffinity, _pod: PodInfo, node: NodeInfo): number {
    let sum = 0
    for (const t of pref.terms) if (t.match(node)) sum += t.weight
    return sum
  }

  scoreNodes(pref: PreferredAffinity, pod: PodInfo, nodes: readonly NodeInfo[], n: number, out: Float64Array): void {
    for (let i = 0; i < n; i++) out[i] = this.score(pref, pod, nodes[i])
  }

  normalize(scores: Float64Array, n: number): void {
    defaultNormalizeScore(scores, n, false)
  }
}
