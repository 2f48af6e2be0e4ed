/**
 * InterPodAffinity (kube: plugins/interpodaffinity): places a pod relative to the pods already
 * running, by topology domain (the value of the term's topologyKey label on their nodes).
 *
 * Filter, in kube's order:
 * 1. required podAffinity — every term needs a matching pod in the node's domain
 *    (`node(s) didn't match pod affinity rules`, unresolvable by preemption);
 * 2. required podAntiAffinity — no term may have a matching pod in the node's domain
 *    (`node(s) didn't match pod anti-affinity rules`);
 * 3. existing pods' required anti-affinity — no running pod whose term matches this pod may share
 *    the domain (`node(s) didn't satisfy existing pods anti-affinity rules`).
 * PreFilter counts matching pods per topology pair once; Filter then reads a map per node.
 *
 * Score adds, per topology pair, the weights of the preferred terms on both sides (and 1 for each
 * existing pod's required affinity term the pod matches, kube's hardPodAffinityWeight), subtracts
 * anti-affinity weights, and scales min..max to 0..100.
 */
import {
  SKIP, unresolvable, unschedulable, type ClusterEvent, type FilterPlugin, type FilterStatus, type Rejector,
  type ScorePlugin, type Skip,
} from '../types'
import { MAX_NODE_SCORE } from '../types'
import type { PodInfo } from '../podinfo'
import type { NodeInfo } from '../nodeinfo'
import type { Handle } from '../handle'
import { keepFeasible } from './helpers'
import { affinityOf, termMatches, usesNamespaceSelector, type AffinityTerm, type PodAffinityInfo } from './affinityTerms'

export const NAME = 'InterPodAffinity'
/** kube: interpodaffinity.ErrReasonAffinityRulesNotMatch */
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules"
/** kube: ErrReasonAntiAffinityRulesNotMatch */
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules"
/** kube: ErrReasonExistingAntiAffinityRulesNotMatch */
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules"
/** kube default: InterPodAffinityArgs.hardPodAffinityWeight 1 */
export const HARD_POD_AFFINITY_WEIGHT = 1

const AFFINITY_REJECTED = unresolvable(ERR_REASON_AFFINITY)
const ANTI_REJECTED = unschedulable(ERR_REASON_ANTI_AFFINITY)
const EXISTING_REJECTED = unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY)

/** Counts by topology pair, `key\0value`. */
type PairCounts = Map<string, number>
const pair = (key: string, value: string) => `${key}\0${value}`

export interface FilterState {
  terms: PodAffinityInfo
  nsLabels: Readonly<Record<string, string>> | undefined
  nsLabelsOf: (namespace: string) => Readonly<Record<string, string>> | undefined
  /** Pods matching all required affinity terms, by the terms' topology pairs. */
  affinityCounts: PairCounts
  /** Pods matching each required anti-affinity term, by its topology pair. */
  antiAffinityCounts: PairCounts
  /** Existing pods whose required anti-affinity term matches this pod, by the term's topology pair. */
  existingAntiAffinityCounts: PairCounts
}

export interface ScoreState {
  /** topologyKey → value → score */
  topologyScore: Map<string, Map<string, number>>
}

function bump(m: PairCounts, key: string, value: string | undefined, by: number): void {
  if (value === undefined) return
  const k = pair(key, value)
  const n = (m.get(k) ?? 0) + by
  if (n === 0) m.delete(k)
  else m.set(k, n)
}

export class InterPodAffinity implements FilterPlugin<FilterState>, ScorePlugin<ScoreState> {
  readonly name = NAME
  /** kube default: InterPodAffinity weight 2 */
  readonly weight = 2

  constructor(private readonly handle: Handle) {}

  /** kube: assigned Pod/Add|Delete|UpdatePodLabel and Node/Add|UpdateNodeLabel may change the counts. */
  isSchedulableAfter(_pod: PodInfo, event: ClusterEvent): boolean {
    if (event.kind === 'NodeUpdate') return JSON.stringify(event.old.labels) !== JSON.stringify(event.node.labels)
    return true
  }

  preFilter(pod: PodInfo): FilterState | Skip {
    const terms = affinityOf(pod)
    const nsLabels = this.handle.namespaceLabels(pod.namespace)
    const existingAntiAffinityCounts = this.existingAntiAffinityCounts(pod, nsLabels)
    if (existingAntiAffinityCounts.size === 0 && terms.requiredAffinity.length === 0 && terms.requiredAntiAffinity.length === 0) {
      return SKIP
    }
    const affinityCounts: PairCounts = new Map()
    const antiAffinityCounts: PairCounts = new Map()
    if (terms.requiredAffinity.length > 0) this.countByTopology(terms.requiredAffinity, affinityCounts)
    for (const t of terms.requiredAntiAffinity) this.countByTopology([t], antiAffinityCounts)
    const nsLabelsOf = (ns: string) => this.handle.namespaceLabels(ns)
    return { terms, nsLabels, nsLabelsOf, affinityCounts, antiAffinityCounts, existingAntiAffinityCounts }
  }

  /** kube: getExistingAntiAffinityCounts, over the pods that carry required anti-affinity only. */
  private existingAntiAffinityCounts(pod: PodInfo, nsLabels: Readonly<Record<string, string>> | undefined): PairCounts {
    const out: PairCounts = new Map()
    for (const { info, node } of this.handle.podsWithRequiredAntiAffinity()) {
      const labels = this.handle.node(node)?.labels
      if (!labels) continue
      for (const t of affinityOf(info).requiredAntiAffinity) {
        if (termMatches(t, pod, nsLabels)) bump(out, t.topologyKey, labels[t.topologyKey], 1)
      }
    }
    return out
  }

  /**
   * kube: getIncomingAffinityAntiAffinityCounts. A pod counts when it matches every one of `terms`;
   * then each term's topology pair on the pod's node counts it once.
   */
  private countByTopology(terms: AffinityTerm[], out: PairCounts): void {
    const perNode = this.matchingPerNode(terms)
    for (const [nodeName, n] of perNode) {
      const labels = this.handle.node(nodeName)?.labels
      if (!labels) continue
      for (const t of terms) bump(out, t.topologyKey, labels[t.topologyKey], n)
    }
  }

  /** Node → pods matching every one of `terms`: kept counts when no namespaceSelector is involved. */
  private matchingPerNode(terms: AffinityTerm[]): ReadonlyMap<string, number> {
    const match = (p: PodInfo) => {
      for (const t of terms) if (!termMatches(t, p, t.namespaceSelector ? this.handle.namespaceLabels(p.namespace) : undefined)) return false
      return true
    }
    if (!terms.some(usesNamespaceSelector)) return this.handle.countMatching(`ipa\0${terms.map((t) => t.key).join('\0')}`, match)
    const out = new Map<string, number>()
    for (const { info, node } of this.handle.pods()) if (match(info)) out.set(node, (out.get(node) ?? 0) + 1)
    return out
  }

  filter(s: FilterState, pod: PodInfo, node: NodeInfo): FilterStatus | undefined {
    if (!satisfiesAffinity(s, pod, node)) return AFFINITY_REJECTED
    if (!satisfiesAntiAffinity(s, node)) return ANTI_REJECTED
    if (!satisfiesExistingAntiAffinity(s, node)) return EXISTING_REJECTED
    return undefined
  }

  filterNodes(s: FilterState, pod: PodInfo, nodes: NodeInfo[], n: number, reject: Rejector): number {
    return keepFeasible(nodes, n, reject, NAME, (node) => this.filter(s, pod, node))
  }

  /** kube: preFilterState.updateWithPod, for preemption's dry run. */
  addPod(s: FilterState, pod: PodInfo, added: PodInfo, node: NodeInfo): void {
    updateWithPod(s, pod, added, node, 1)
  }

  removePod(s: FilterState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void {
    updateWithPod(s, pod, removed, node, -1)
  }

  preScore(pod: PodInfo, _nodes: readonly NodeInfo[], n: number): ScoreState | Skip {
    if (n === 0) return SKIP
    const terms = affinityOf(pod)
    const nsLabels = this.handle.namespaceLabels(pod.namespace)
    const topologyScore = new Map<string, Map<string, number>>()
    const add = (key: string, value: string | undefined, by: number) => {
      if (value === undefined || by === 0) return
      let m = topologyScore.get(key)
      if (!m) topologyScore.set(key, (m = new Map()))
      m.set(value, (m.get(value) ?? 0) + by)
    }
    // The pod's own preferred terms, against every pod (kept per-node counts).
    for (const [list, sign] of [[terms.preferredAffinity, 1], [terms.preferredAntiAffinity, -1]] as const) {
      for (const t of list) {
        for (const [nodeName, count] of this.matchingPerNode([t])) {
          add(t.topologyKey, this.handle.node(nodeName)?.labels[t.topologyKey], sign * t.weight * count)
        }
      }
    }
    // Existing pods' terms that match this pod (kube: processExistingPod).
    for (const { info, node } of this.handle.podsWithAffinity()) {
      const labels = this.handle.node(node)?.labels
      if (!labels) continue
      const a = affinityOf(info)
      for (const t of a.requiredAffinity) if (termMatches(t, pod, nsLabels)) add(t.topologyKey, labels[t.topologyKey], HARD_POD_AFFINITY_WEIGHT)
      for (const t of a.preferredAffinity) if (termMatches(t, pod, nsLabels)) add(t.topologyKey, labels[t.topologyKey], t.weight)
      for (const t of a.preferredAntiAffinity) if (termMatches(t, pod, nsLabels)) add(t.topologyKey, labels[t.topologyKey], -t.weight)
    }
    for (const [k, m] of topologyScore) {
      for (const [v, x] of m) if (x === 0) m.delete(v)
      if (m.size === 0) topologyScore.delete(k)
    }
    return topologyScore.size === 0 ? SKIP : { topologyScore }
  }

  score(s: ScoreState, _pod: PodInfo, node: NodeInfo): number {
    let score = 0
    for (const [key, values] of s.topologyScore) {
      const v = node.labels[key]
      if (v !== undefined) score += values.get(v) ?? 0
    }
    return score
  }

  scoreNodes(s: ScoreState, pod: PodInfo, nodes: readonly NodeInfo[], n: number, out: Float64Array): void {
    for (let i = 0; i < n; i++) out[i] = this.score(s, pod, nodes[i])
  }

  /** kube: min..max scaled to 0..MaxNodeScore; all equal gives 0. */
  normalize(scores: Float64Array, n: number): void {
    let min = Infinity
    let max = -Infinity
    for (let i = 0; i < n; i++) {
      if (scores[i] > max) max = scores[i]
      if (scores[i] < min) min = scores[i]
    }
    const diff = max - min
    for (let i = 0; i < n; i++) scores[i] = diff > 0 ? Math.trunc((MAX_NODE_SCORE * (scores[i] - min)) / diff) : 0
  }
}

/** kube: satisfyPodAffinity — the first pod of a group that has affinity to itself may start anywhere. */
function satisfiesAffinity(s: FilterState, pod: PodInfo, node: NodeInfo): boolean {
  let podsExist = true
  for (const t of s.terms.requiredAffinity) {
    const v = node.labels[t.topologyKey]
    if (v === undefined) return false // every topology label must be on the node
    if ((s.affinityCounts.get(pair(t.topologyKey, v)) ?? 0) <= 0) podsExist = false
  }
  if (podsExist) return true
  return s.affinityCounts.size === 0 && s.terms.requiredAffinity.every((t) => termMatches(t, pod, s.nsLabels))
}

/** kube: satisfyPodAntiAffinity */
function satisfiesAntiAffinity(s: FilterState, node: NodeInfo): boolean {
  if (s.antiAffinityCounts.size === 0) return true
  for (const t of s.terms.requiredAntiAffinity) {
    const v = node.labels[t.topologyKey]
    if (v !== undefined && (s.antiAffinityCounts.get(pair(t.topologyKey, v)) ?? 0) > 0) return false
  }
  return true
}

/** kube: satisfyExistingPodsAntiAffinity — any of the node's label pairs may be a blocked domain. */
function satisfiesExistingAntiAffinity(s: FilterState, node: NodeInfo): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true
  for (const key in node.labels) if ((s.existingAntiAffinityCounts.get(pair(key, node.labels[key])) ?? 0) > 0) return false
  return true
}

function updateWithPod(s: FilterState, pod: PodInfo, other: PodInfo, node: NodeInfo, by: 1 | -1): void {
  const labels = node.labels
  for (const t of affinityOf(other).requiredAntiAffinity) {
    if (termMatches(t, pod, s.nsLabels)) bump(s.existingAntiAffinityCounts, t.topologyKey, labels[t.topologyKey], by)
  }
  const nsOf = (t: AffinityTerm) => (t.namespaceSelector ? s.nsLabelsOf(other.namespace) : undefined)
  const req = s.terms.requiredAffinity
  if (req.length > 0 && req.every((t) => termMatches(t, other, nsOf(t)))) {
    for (const t of req) bump(s.affinityCounts, t.topologyKey, labels[t.topologyKey], by)
  }
  for (const t of s.terms.requiredAntiAffinity) {
    if (termMatches(t, other, nsOf(t))) bump(s.antiAffinityCounts, t.topologyKey, labels[t.topologyKey], by)
  }
}
