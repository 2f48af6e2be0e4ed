/**
 * PodTopologySpread (kube: plugins/podtopologyspread): spreads matching pods evenly over topology
 * domains (zones, nodes, ...).
 *
 * Filter (whenUnsatisfiable: DoNotSchedule): placing the pod in a domain may not make
 * `matching pods there + 1 - the fewest in any eligible domain` exceed maxSkew; with fewer eligible
 * domains than minDomains the fewest counts as 0. Eligible nodes carry every constraint's key and
 * pass the inclusion policies (nodeAffinityPolicy Honor and nodeTaintsPolicy Ignore by default).
 *
 * Score (ScheduleAnyway): fewer matching pods in the node's domains is better, each constraint
 * weighted by log(number of domains + 2). A pod with no constraints of its own gets the system
 * defaults when a Service, ReplicationController, ReplicaSet or StatefulSet selects it: hostname
 * with maxSkew 3 and zone with maxSkew 5, both ScheduleAnyway.
 */
import type {
  Pod, ReplicationController, Service, TopologySpreadConstraint,
} from 'kubernetes-types/core/v1'
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1'
import {
  MAX_NODE_SCORE, SKIP, unresolvable, unschedulable, type ClusterEvent, type FilterPlugin, type FilterStatus,
  type Rejector, type ScorePlugin, type Skip,
} from '../types'
import type { PodInfo } from '../podinfo'
import type { NodeInfo } from '../nodeinfo'
import type { Handle } from '../handle'
import { fromLabelSelector, matches, selectorFromSet, type Selector } from '../../apiserver/labels'
import { matchesRequired, requiredAffinity, type RequiredAffinity } from './nodeAffinity'
import { findUntoleratedTaint, isDoNotScheduleTaint, keepFeasible } from './helpers'

export const NAME = 'PodTopologySpread'
/** kube: podtopologyspread.ErrReasonConstraintsNotMatch */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints"
/** kube: ErrReasonNodeLabelNotMatch */
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`

export const LABEL_HOSTNAME = 'kubernetes.io/hostname'
export const LABEL_ZONE = 'topology.kubernetes.io/zone'

/** kube: systemDefaultConstraints (defaultingType System, the default). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
]

/** Controllers whose default constraints are kept. */
const MAX_OWNERS_KEPT = 256

const SKEW_REJECTED = unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH)
const LABEL_REJECTED = unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH)

export interface Constraint {
  maxSkew: number
  topologyKey: string
  minDomains: number
  honorNodeAffinity: boolean
  honorNodeTaints: boolean
  /** null matches nothing (no labelSelector). */
  selector: Selector | null
  /** Names `namespace + selector` for the handle's per-node counts. */
  countKey: string
}

export interface FilterState {
  constraints: Constraint[]
  /** Per constraint: domain value → matching pods. */
  counts: Map<string, number>[]
  /** Per constraint: the fewest matching pods in any domain. */
  min: number[]
  selfMatch: boolean[]
  required?: RequiredAffinity
}

export interface ScoreState {
  constraints: Constraint[]
  ignored: Set<NodeInfo>
  /** Per constraint (not hostname): domain value → matching pods. */
  counts: Map<string, number>[]
  /** Per constraint (hostname): node name → matching pods. */
  perNode: (ReadonlyMap<string, number> | undefined)[]
  weights: number[]
}

export class PodTopologySpread implements FilterPlugin<FilterState>, ScorePlugin<ScoreState> {
  readonly name = NAME
  /** kube default: PodTopologySpread weight 2 */
  readonly weight = 2

  private readonly byOwner = new Map<string, { version: number; constraints: Constraint[] }>()

  constructor(private readonly handle: Handle) {}

  /** kube: assigned Pod/Add|Delete matching a constraint, Node/Add|UpdateNodeLabel|UpdateNodeTaint. */
  isSchedulableAfter(pod: PodInfo, event: ClusterEvent): boolean {
    if (event.kind === 'NodeAdd' || event.kind === 'NodeUpdate') return true
    if (!event.pod) return true
    const other = event.pod
    return this.constraints(pod, 'DoNotSchedule').some((c) => matchesFor(c, pod.namespace)(other))
  }

  preFilter(pod: PodInfo): FilterState | Skip {
    const constraints = this.constraints(pod, 'DoNotSchedule')
    if (constraints.length === 0) return SKIP
    const required = requiredAffinity(pod)
    const domains = constraints.map(() => new Map<string, number>())
    const perNode = constraints.map((c) => this.handle.countMatching(c.countKey, matchesFor(c, pod.namespace)))
    for (const node of this.handle.nodes()) {
      if (!hasAllKeys(node, constraints)) continue
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i]
        if (!included(c, pod, node, required)) continue
        const v = node.labels[c.topologyKey]
        domains[i].set(v, (domains[i].get(v) ?? 0) + (perNode[i].get(node.name) ?? 0))
      }
    }
    const labels = pod.pod.metadata?.labels
    return {
      constraints,
      counts: domains,
      min: domains.map(minOf),
      selfMatch: constraints.map((c) => c.selector !== null && matches(c.selector, labels)),
      required,
    }
  }

  filter(s: FilterState, _pod: PodInfo, node: NodeInfo): FilterStatus | undefined {
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i]
      const v = node.labels[c.topologyKey]
      if (v === undefined) return LABEL_REJECTED
      const min = s.counts[i].size < c.minDomains ? 0 : s.min[i]
      const skew = (s.counts[i].get(v) ?? 0) + (s.selfMatch[i] ? 1 : 0) - min
      if (skew > c.maxSkew) return SKEW_REJECTED
    }
    return undefined
  }

  filterNodes(s: FilterState, pod: PodInfo, nodes: NodeInfo[], n: number, reject: Rejector): number {
    return keepFeasible(nodes, n, reject, NAME, (node) => this.filter(s, pod, node))
  }

  /** kube: preFilterState.updateWithPod, for preemption's dry run. */
  addPod(s: FilterState, pod: PodInfo, added: PodInfo, node: NodeInfo): void {
    this.update(s, pod, added, node, 1)
  }

  removePod(s: FilterState, pod: PodInfo, removed: PodInfo, node: NodeInfo): void {
    this.update(s, pod, removed, node, -1)
  }

  private update(s: FilterState, pod: PodInfo, other: PodInfo, node: NodeInfo, by: 1 | -1): void {
    if (!hasAllKeys(node, s.constraints)) return
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i]
      if (!included(c, pod, node, s.required) || !matchesFor(c, pod.namespace)(other)) continue
      const v = node.labels[c.topologyKey]
      s.counts[i].set(v, (s.counts[i].get(v) ?? 0) + by)
      s.min[i] = minOf(s.counts[i])
    }
  }

  /** kube: PreScore and initPreScoreState. */
  preScore(pod: PodInfo, nodes: readonly NodeInfo[], n: number): ScoreState | Skip {
    if (n === 0) return SKIP
    const constraints = this.constraints(pod, 'ScheduleAnyway')
    if (constraints.length === 0) return SKIP
    // System defaults apply where their key exists; a pod's own constraints need every key.
    const requireAll = (pod.pod.spec?.topologySpreadConstraints?.length ?? 0) > 0
    const required = requiredAffinity(pod)
    const ignored = new Set<NodeInfo>()
    const domains = constraints.map(() => new Map<string, number>())
    for (let j = 0; j < n; j++) {
      const node = nodes[j]
      if (requireAll && !hasAllKeys(node, constraints)) {
        ignored.add(node)
        continue
      }
      for (let i = 0; i < constraints.length; i++) {
        const key = constraints[i].topologyKey
        if (key === LABEL_HOSTNAME) continue
        // kube counts a missing label as the domain "" too (it only sizes the weight).
        const v = node.labels[key] ?? ''
        if (!domains[i].has(v)) domains[i].set(v, 0)
      }
    }
    const weights = constraints.map((c, i) =>
      Math.log((c.topologyKey === LABEL_HOSTNAME ? n - ignored.size : domains[i].size) + 2))
    const perNode = constraints.map((c) =>
      c.topologyKey === LABEL_HOSTNAME ? this.handle.countMatching(c.countKey, matchesFor(c, pod.namespace)) : undefined)
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]
      if (c.topologyKey === LABEL_HOSTNAME) continue
      // No feasible node has the key: nothing to count (kube counts the "" domain, never read).
      if (domains[i].size === 0 || (domains[i].size === 1 && domains[i].has(''))) continue
      // Only nodes with matching pods add anything: walk those.
      for (const [nodeName, count] of this.handle.countMatching(c.countKey, matchesFor(c, pod.namespace))) {
        const node = this.handle.node(nodeName)
        if (!node) continue
        if (requireAll && !hasAllKeys(node, constraints)) continue
        if (!included(c, pod, node, required)) continue
        const v = node.labels[c.topologyKey]
        if (v === undefined || !domains[i].has(v)) continue
        domains[i].set(v, domains[i].get(v)! + count)
      }
    }
    return { constraints, ignored, counts: domains, perNode, weights }
  }

  score(s: ScoreState, _pod: PodInfo, node: NodeInfo): number {
    if (s.ignored.size > 0 && s.ignored.has(node)) return 0
    let score = 0
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i]
      const v = node.labels[c.topologyKey]
      if (v === undefined) continue
      const cnt = c.topologyKey === LABEL_HOSTNAME ? (s.perNode[i]?.get(node.name) ?? 0) : (s.counts[i].get(v) ?? 0)
      // kube: scoreForCount
      score += cnt * s.weights[i] + (c.maxSkew - 1)
    }
    return Math.round(score)
  }

  /** score() for many nodes, one constraint at a time (the hot loop of every Deployment's pods). */
  scoreNodes(s: ScoreState, _pod: PodInfo, nodes: readonly NodeInfo[], n: number, out: Float64Array): void {
    out.fill(0, 0, n)
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i]
      const key = c.topologyKey
      const w = s.weights[i]
      const base = c.maxSkew - 1
      if (key === LABEL_HOSTNAME) {
        const per = s.perNode[i]!
        for (let j = 0; j < n; j++) {
          const node = nodes[j]
          if (node.labels[key] !== undefined) out[j] += (per.get(node.name) ?? 0) * w + base
        }
        continue
      }
      const counts = s.counts[i]
      // No feasible node has the key: it adds nothing anywhere.
      if (counts.size === 0 || (counts.size === 1 && counts.has(''))) continue
      for (let j = 0; j < n; j++) {
        const v = nodes[j].labels[key]
        if (v !== undefined) out[j] += (counts.get(v) ?? 0) * w + base
      }
    }
    const ignored = s.ignored
    for (let j = 0; j < n; j++) out[j] = ignored.size > 0 && ignored.has(nodes[j]) ? 0 : Math.round(out[j])
  }

  /** kube: NormalizeScore — fewer is better: MaxNodeScore × (max + min - score) / max. */
  normalize(scores: Float64Array, n: number, s: ScoreState, nodes: readonly NodeInfo[]): void {
    let min = Infinity
    let max = 0
    for (let i = 0; i < n; i++) {
      if (s.ignored.has(nodes[i])) continue
      if (scores[i] < min) min = scores[i]
      if (scores[i] > max) max = scores[i]
    }
    for (let i = 0; i < n; i++) {
      if (s.ignored.has(nodes[i])) scores[i] = 0
      else if (max === 0) scores[i] = MAX_NODE_SCORE
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max)
    }
  }

  /**
   * The system defaults for this pod. Pods of one controller share its template's labels, so the
   * result is kept per controller until a Service changes.
   */
  private defaultConstraints(pod: PodInfo): Constraint[] {
    const owner = pod.pod.metadata?.ownerReferences?.find((r) => r.controller)?.uid
    const version = this.handle.version('Service')
    const key = owner ? `${pod.namespace}\0${owner}` : undefined
    const hit = key ? this.byOwner.get(key) : undefined
    if (hit && hit.version === version) return hit.constraints
    const selector = defaultSelector(pod.pod, this.handle)
    const constraints = selector.length === 0 ? NO_CONSTRAINTS : SYSTEM_DEFAULT_CONSTRAINTS.map((c) => compile(pod, c, selector))
    if (key) {
      if (this.byOwner.size >= MAX_OWNERS_KEPT) this.byOwner.delete(this.byOwner.keys().next().value!)
      this.byOwner.set(key, { version, constraints })
    }
    return constraints
  }

  /** kube: getConstraints — the pod's own of one kind, or the system defaults when it has none. */
  constraints(pod: PodInfo, when: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
    const memo = memoFor(pod)
    const cached = memo[when]
    if (cached) return cached
    const own = pod.pod.spec?.topologySpreadConstraints ?? []
    let out: Constraint[]
    if (own.length > 0) {
      out = own.filter((c) => c.whenUnsatisfiable === when).map((c) => compile(pod, c, fromLabelSelector(c.labelSelector)))
    } else if (when === 'ScheduleAnyway') {
      out = this.defaultConstraints(pod)
    } else out = []
    memo[when] = out
    return out
  }
}

const NO_CONSTRAINTS: Constraint[] = []

const memos = new WeakMap<PodInfo, Partial<Record<'DoNotSchedule' | 'ScheduleAnyway', Constraint[]>>>()
function memoFor(pod: PodInfo) {
  let m = memos.get(pod)
  if (!m) memos.set(pod, (m = {}))
  return m
}

function compile(pod: PodInfo, c: TopologySpreadConstraint, selector: Selector | null): Constraint {
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    minDomains: c.minDomains ?? 1,
    honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorNodeTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
    selector,
    countKey: `pts\0${pod.namespace}\0${JSON.stringify(selector)}`,
  }
}

/** kube: countPodsMatchSelector — same namespace, selector matches, not being deleted. */
function matchesFor(c: Constraint, namespace: string): (p: PodInfo) => boolean {
  const selector = c.selector
  return (p) => selector !== null && p.namespace === namespace && !p.pod.metadata?.deletionTimestamp
    && matches(selector, p.pod.metadata?.labels)
}

/** kube: nodeLabelsMatchSpreadConstraints */
function hasAllKeys(node: NodeInfo, constraints: Constraint[]): boolean {
  for (const c of constraints) if (!(c.topologyKey in node.labels)) return false
  return true
}

/** kube: matchNodeInclusionPolicies */
function included(c: Constraint, pod: PodInfo, node: NodeInfo, required: RequiredAffinity | undefined): boolean {
  if (c.honorNodeAffinity && required && !matchesRequired(required, node)) return false
  if (c.honorNodeTaints && findUntoleratedTaint(node.taints, pod.tolerations, isDoNotScheduleTaint)) return false
  return true
}

function minOf(m: Map<string, number>): number {
  let min = Infinity
  for (const v of m.values()) if (v < min) min = v
  return min
}

/**
 * kube: helper.DefaultSelector — the selectors of the Services that select the pod, merged, plus
 * that of its controlling ReplicationController, ReplicaSet or StatefulSet.
 */
export function defaultSelector(pod: Pod, handle: Handle): Selector {
  const ns = pod.metadata?.namespace ?? 'default'
  const labels = pod.metadata?.labels ?? {}
  const set: Record<string, string> = {}
  for (const svc of handle.list<Service>('Service', ns)) {
    const sel = svc.spec?.selector
    if (sel && Object.keys(sel).length > 0 && matches(selectorFromSet(sel), labels)) Object.assign(set, sel)
  }
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller)
  if (!owner) return selectorFromSet(set)
  if (owner.kind === 'ReplicationController' && owner.apiVersion === 'v1') {
    const rc = handle.get<ReplicationController>('ReplicationController', ns, owner.name)
    if (rc) Object.assign(set, rc.spec?.selector ?? {})
    return selectorFromSet(set)
  }
  let extra: Selector | null = null
  if (owner.kind === 'ReplicaSet' && owner.apiVersion === 'apps/v1') {
    const rs = handle.get<ReplicaSet>('ReplicaSet', ns, owner.name)
    if (rs) extra = fromLabelSelector(rs.spec?.selector)
  } else if (owner.kind === 'StatefulSet' && owner.apiVersion === 'apps/v1') {
    const ss = handle.get<StatefulSet>('StatefulSet', ns, owner.name)
    if (ss) extra = fromLabelSelector(ss.spec?.selector)
  }
  return [...selectorFromSet(set), ...(extra ?? [])]
}
