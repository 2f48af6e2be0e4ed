/**
 * DefaultPreemption, the PostFilter plugin (kube: plugins/defaultpreemption and
 * framework/preemption): when a pod fits nowhere, find a node where evicting pods of lower
 * priority makes it fit, evicting as few and as unimportant pods as possible.
 *
 * 1. The pod must be eligible: not preemptionPolicy Never, and not already waiting for pods it
 *    preempted to terminate on its nominated node.
 * 2. Only nodes that failed for a resolvable reason are tried (not taints, node affinity, ...).
 * 3. On each, every lower-priority pod is taken off; if the pod still does not fit, the node is
 *    out. Otherwise pods are put back, most important first (PodDisruptionBudget-protected ones
 *    before the others), as long as the pod still fits: those that cannot go back are the victims.
 * 4. Of the candidate nodes the one with the fewest PDB violations wins, then the lowest highest
 *    victim priority, the lowest sum of priorities, the fewest victims, the latest start.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1'
import type { Random } from '../random'
import type { Handle } from './handle'
import type { NodeInfo } from './nodeinfo'
import type { PodInfo } from './podinfo'
import type { FilterStatus } from './types'
import { fromLabelSelector, matches } from '../apiserver/labels'
import { NO_PREEMPTION_VICTIMS, PREEMPTION_NOT_HELPFUL, PREEMPTION_POLICY_NEVER, preemptionMessage } from './fitError'

/** kube default: DefaultPreemptionArgs.minCandidateNodesPercentage 10 */
export const MIN_CANDIDATE_NODES_PERCENTAGE = 10
/** kube default: DefaultPreemptionArgs.minCandidateNodesAbsolute 100 */
export const MIN_CANDIDATE_NODES_ABSOLUTE = 100
/** kube: PodEligibleToPreemptOthers when victims are still terminating on the nominated node. */
export const TERMINATING_ON_NOMINATED_NODE = 'not eligible due to a terminating pod on the nominated node.'
/** kube: v1.DisruptionTarget condition reason set on victims. */
export const REASON_PREEMPTION_BY_SCHEDULER = 'PreemptionByScheduler'

/** What preemption needs from the cycle: filters over one node, and pods on and off it. */
export interface DryRun {
  filter(node: NodeInfo): FilterStatus | undefined
  removePod(victim: PodInfo, node: NodeInfo): void
  addPod(victim: PodInfo, node: NodeInfo): void
}

export interface Rejected {
  node: NodeInfo
  status: FilterStatus
}

export interface PreemptionResult {
  /** The PostFilter message when no node can be made to fit (`preemption: …`). */
  message?: string
  nominatedNode?: string
  victims?: PodInfo[]
}

interface Candidate {
  node: NodeInfo
  victims: PodInfo[]
  pdbViolations: number
}

/** kube: podTerminatingByPreemption */
export function terminatingByPreemption(pod: Pod | undefined): boolean {
  if (!pod?.metadata?.deletionTimestamp) return false
  const c = pod.status?.conditions?.find((x) => x.type === 'DisruptionTarget')
  return c?.status === 'True' && c.reason === REASON_PREEMPTION_BY_SCHEDULER
}

export class DefaultPreemption {
  constructor(private readonly handle: Handle, private readonly random: Random) {}

  preempt(pod: PodInfo, numAllNodes: number, rejected: Rejected[], dry: DryRun): PreemptionResult {
    const ineligible = this.ineligible(pod, rejected)
    if (ineligible) return { message: `preemption: ${ineligible}` }

    const potential = rejected.filter((r) => r.status.code !== 'UnschedulableAndUnresolvable')
    const perNode = new Map<NodeInfo, { reasons: readonly string[] }>()
    const candidates: Candidate[] = []
    if (potential.length > 0) {
      const offset = this.random.int(potential.length)
      const want = numCandidates(potential.length)
      const pdbs = this.handle.list<PodDisruptionBudget>('PodDisruptionBudget')
      for (let i = 0; i < potential.length && candidates.length < want; i++) {
        const node = potential[(offset + i) % potential.length].node
        const r = this.selectVictimsOnNode(pod, node, dry, pdbs)
        if ('status' in r) perNode.set(node, r.status)
        else candidates.push(r)
      }
    }
    if (candidates.length === 0) {
      // Nodes never tried (unresolvable ones) count as "not helpful".
      const statuses = [...perNode.values()]
      for (let i = statuses.length; i < numAllNodes; i++) statuses.push({ reasons: [PREEMPTION_NOT_HELPFUL] })
      return { message: preemptionMessage(numAllNodes, statuses) }
    }
    const best = this.pickOne(candidates)
    return { nominatedNode: best.node.name, victims: best.victims }
  }

  /** kube: PodEligibleToPreemptOthers */
  private ineligible(pod: PodInfo, rejected: Rejected[]): string | undefined {
    if (pod.pod.spec?.preemptionPolicy === 'Never') return PREEMPTION_POLICY_NEVER
    const nominated = pod.pod.status?.nominatedNodeName
    if (!nominated) return undefined
    // A nominated node that can never fit the pod is given up: preempt elsewhere.
    const status = rejected.find((r) => r.node.name === nominated)?.status
    if (status?.code === 'UnschedulableAndUnresolvable') return undefined
    const node = this.handle.node(nominated)
    if (!node) return undefined
    for (const p of node.pods.values()) {
      if (p.priority < pod.priority && terminatingByPreemption(this.handle.currentPod(p.namespace, p.name))) {
        return TERMINATING_ON_NOMINATED_NODE
      }
    }
    return undefined
  }

  /** kube: SelectVictimsOnNode — the node is restored before returning. */
  private selectVictimsOnNode(pod: PodInfo, node: NodeInfo, dry: DryRun, pdbs: PodDisruptionBudget[]): Candidate | { status: { reasons: readonly string[] } } {
    const potential = [...node.pods.values()].filter((p) => p.priority < pod.priority)
    if (potential.length === 0) return { status: { reasons: [NO_PREEMPTION_VICTIMS] } }
    for (const v of potential) dry.removePod(v, node)
    const still = dry.filter(node)
    if (still) {
      for (const v of potential) dry.addPod(v, node)
      return { status: still }
    }
    potential.sort((a, b) => this.moreImportant(a, b))
    const { violating, nonViolating } = splitByPdbViolation(potential, pdbs)
    const victims: PodInfo[] = []
    let pdbViolations = 0
    const reprieve = (p: PodInfo): boolean => {
      dry.addPod(p, node)
      if (!dry.filter(node)) return true
      dry.removePod(p, node)
      victims.push(p)
      return false
    }
    for (const p of violating) if (!reprieve(p)) pdbViolations++
    for (const p of nonViolating) reprieve(p)
    if (violating.length > 0 && nonViolating.length > 0) victims.sort((a, b) => this.moreImportant(a, b))
    // Restore the node: the victims go back too, the cycle's view must stay the cluster's.
    for (const v of victims) dry.addPod(v, node)
    return { node, victims, pdbViolations }
  }

  /** kube: util.MoreImportantPod as a sort order — higher priority first, then the earlier start. */
  private moreImportant(a: PodInfo, b: PodInfo): number {
    if (a.priority !== b.priority) return b.priority - a.priority
    return this.startTime(a) - this.startTime(b)
  }

  private startTime(p: PodInfo): number {
    const t = this.handle.currentPod(p.namespace, p.name)?.status?.startTime ?? p.pod.status?.startTime
    return t ? Date.parse(t) : Number.MAX_SAFE_INTEGER
  }

  /** kube: pickOneNodeForPreemption */
  private pickOne(candidates: Candidate[]): Candidate {
    for (const c of candidates) if (c.victims.length === 0) return c
    const criteria: ((c: Candidate) => number)[] = [
      (c) => -c.pdbViolations,
      (c) => -c.victims[0].priority,
      // kube shifts priorities by MaxInt32+1 so that the sum rewards fewer victims too.
      (c) => -c.victims.reduce((s, v) => s + v.priority + 2_147_483_648, 0),
      (c) => -c.victims.length,
      (c) => this.earliestStartOfHighest(c),
    ]
    let pool = candidates
    for (const score of criteria) {
      if (pool.length === 1) break
      let best = -Infinity
      let next: Candidate[] = []
      for (const c of pool) {
        const s = score(c)
        if (s > best) {
          best = s
          next = [c]
        } else if (s === best) next.push(c)
      }
      pool = next
    }
    return pool[0]
  }

  /** kube: GetEarliestPodStartTime over the highest-priority victims; a later start is better. */
  private earliestStartOfHighest(c: Candidate): number {
    const top = c.victims[0].priority
    let earliest = Infinity
    for (const v of c.victims) if (v.priority === top) earliest = Math.min(earliest, this.startTime(v))
    return earliest
  }
}

/** kube: calculateNumCandidates */
export function numCandidates(numNodes: number): number {
  let n = Math.trunc((numNodes * MIN_CANDIDATE_NODES_PERCENTAGE) / 100)
  if (n < MIN_CANDIDATE_NODES_ABSOLUTE) n = MIN_CANDIDATE_NODES_ABSOLUTE
  return Math.min(n, numNodes)
}

/** kube: filterPodsWithPDBViolation — a pod whose eviction would take a budget below zero violates it. */
function splitByPdbViolation(pods: PodInfo[], pdbs: PodDisruptionBudget[]): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0)
  const violating: PodInfo[] = []
  const nonViolating: PodInfo[] = []
  for (const p of pods) {
    const labels = p.pod.metadata?.labels
    let violated = false
    if (labels && Object.keys(labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        if (pdb.metadata?.namespace !== p.namespace) return
        const sel = fromLabelSelector(pdb.spec?.selector)
        // A PDB with a nil or empty selector matches nothing.
        if (!sel || sel.length === 0 || !matches(sel, labels)) return
        if (pdb.status?.disruptedPods && p.name in pdb.status.disruptedPods) return
        if (--allowed[i] < 0) violated = true
      })
    }
    ;(violated ? violating : nonViolating).push(p)
  }
  return { violating, nonViolating }
}
