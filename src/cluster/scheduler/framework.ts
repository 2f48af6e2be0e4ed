/**
 * One scheduling cycle for one pod (kube: pkg/scheduler/schedule_one.go): PreFilter, then Filter
 * over the nodes until enough feasible ones are found (the adaptive percentage of nodes to score,
 * starting where the previous cycle stopped), then PreScore, Score, NormalizeScore, the weighted
 * sum, and the highest total wins, ties broken at random. When no node passes, the result carries
 * kube's FailedScheduling message, PostFilter (preemption) part included.
 */
import type { Random } from '../random'
import {
  PreFilterRejection, SKIP, isFilterPlugin, isScorePlugin, type FilterPlugin, type FilterStatus, type Plugin, type Rejector, type ScorePlugin,
} from './types'
import type { NodeInfo } from './nodeinfo'
import type { PodInfo } from './podinfo'
import { ERR_NO_NODES_AVAILABLE, fitErrorMessage, postFilterMessage, preFilterFitErrorMessage } from './fitError'
import { ClusterState, type Handle } from './handle'
import { SchedulerCache } from './cache'
import { DefaultPreemption, type DryRun } from './preemption'

/** kube: minFeasibleNodesToFind */
export const MIN_FEASIBLE_NODES_TO_FIND = 100
/** kube: minFeasibleNodesPercentageToFind */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5

/**
 * kube: numFeasibleNodesToFind — every node below 100; otherwise (50 - nodes/125)% of them, at
 * least 5% and at least 100 nodes. `percentage` is percentageOfNodesToScore (0: adaptive).
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125)
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND
  }
  const n = Math.trunc((numAllNodes * percentage) / 100)
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n
}

export interface Rejection {
  node: NodeInfo
  plugin: string
  status: FilterStatus
}

export interface ScoredNode {
  node: string
  total: number
  /** Normalised score × weight per plugin; they add up to `total`. */
  byPlugin: Record<string, number>
}

export interface ScheduleResult {
  node?: string
  /** The FailedScheduling message when no node fits. */
  message?: string
  rejected: Rejection[]
  /** Plugins that rejected at least one node: their events can make the pod schedulable. */
  unschedulablePlugins: Set<string>
  evaluatedNodes: number
  feasibleNodes: number
  /** The best totals, highest first (empty when scoring was skipped). */
  topScores: ScoredNode[]
  /** Preemption made room here: the pod is nominated to this node once the victims are gone. */
  nominatedNode?: string
  victims?: PodInfo[]
}

export interface FrameworkOptions {
  /** kube: percentageOfNodesToScore; 0 (default) is the adaptive percentage. */
  percentageOfNodesToScore?: number
  /** How many of the best-scored nodes a result reports. */
  scoresToReport?: number
  /** What plugins and preemption read about the cluster; an empty view when absent. */
  handle?: Handle
}

export class Framework {
  readonly filters: FilterPlugin[]
  readonly scorers: ScorePlugin[]
  private nextStartNodeIndex = 0
  private buffers: Float64Array[] = []
  private totals = new Float64Array(0)
  private chunk: NodeInfo[] = []
  private feasible: NodeInfo[] = []
  private readonly filterStates: unknown[]
  private readonly scoreStates: unknown[]
  private readonly preemptor: DefaultPreemption

  constructor(
    plugins: Plugin[],
    private readonly random: Random,
    private readonly options: FrameworkOptions = {},
  ) {
    this.filters = plugins.filter(isFilterPlugin)
    this.scorers = plugins.filter(isScorePlugin)
    this.filterStates = new Array(this.filters.length)
    this.scoreStates = new Array(this.scorers.length)
    this.preemptor = new DefaultPreemption(options.handle ?? new ClusterState(new SchedulerCache()), random)
  }

  schedulePod(pod: PodInfo, nodes: readonly NodeInfo[]): ScheduleResult {
    const n = nodes.length
    if (n === 0) {
      return {
        message: ERR_NO_NODES_AVAILABLE, rejected: [], unschedulablePlugins: new Set(),
        evaluatedNodes: 0, feasibleNodes: 0, topScores: [],
      }
    }

    // PreFilter
    const active: number[] = []
    for (let i = 0; i < this.filters.length; i++) {
      const f = this.filters[i]
      const s = f.preFilter ? f.preFilter(pod) : undefined
      if (s === SKIP) continue
      if (s instanceof PreFilterRejection) return this.preFilterRejected(pod, n, f.name, s.status)
      this.filterStates[i] = s
      active.push(i)
    }

    // Filter, from where the last cycle stopped, until enough nodes are feasible. Nodes go through
    // in chunks of exactly the number still missing, so the nodes looked at are the ones a
    // node-by-node walk would look at, while each plugin runs its own tight loop.
    // kube: evaluateNominatedNode — a pod that preempted pods tries the node it made room on first.
    const nominated = pod.pod.status?.nominatedNodeName
    if (nominated) {
      const node = nodes.find((x) => x.name === nominated)
      if (node && !this.runFilters(active, pod, node)) {
        return {
          node: node.name, rejected: [], unschedulablePlugins: new Set(), evaluatedNodes: 1, feasibleNodes: 1, topScores: [],
        }
      }
    }

    const want = numFeasibleNodesToFind(n, this.options.percentageOfNodesToScore)
    if (this.feasible.length < want) this.feasible = new Array(want)
    const feasible = this.feasible
    let found = 0
    const rejected: Rejection[] = []
    const reject: Rejector = (node, status, plugin) => { rejected.push({ node, plugin, status }) }
    if (this.chunk.length < want) this.chunk = new Array(want)
    const chunk = this.chunk
    const start = this.nextStartNodeIndex
    let processed = 0
    while (found < want && processed < n) {
      const take = Math.min(want - found, n - processed)
      for (let k = 0; k < take; k++) chunk[k] = nodes[(start + processed + k) % n]
      processed += take
      let m = take
      for (let a = 0; a < active.length && m > 0; a++) {
        const i = active[a]
        m = this.filters[i].filterNodes(this.filterStates[i], pod, chunk, m, reject)
      }
      for (let k = 0; k < m; k++) feasible[found++] = chunk[k]
    }
    this.nextStartNodeIndex = (start + processed) % n

    const base = {
      rejected,
      unschedulablePlugins: new Set(rejected.map((r) => r.plugin)),
      evaluatedNodes: processed,
      feasibleNodes: found,
    }
    if (found === 0) {
      const pre = this.preemptor.preempt(pod, n, rejected, this.dryRun(active, pod))
      // kube: a successful PostFilter has no message; the FailedScheduling text is the filters' alone.
      const post = pre.nominatedNode ? '' : postFilterMessage(pre.message ?? '')
      return {
        ...base, message: fitErrorMessage(n, rejected.map((r) => r.status), post), topScores: [],
        ...(pre.nominatedNode ? { nominatedNode: pre.nominatedNode, victims: pre.victims } : {}),
      }
    }
    // kube: with one feasible node there is nothing to compare; scoring is skipped.
    if (found === 1) return { ...base, node: feasible[0].name, topScores: [] }

    const { best, topScores } = this.prioritize(pod, feasible, found)
    return { ...base, node: feasible[best].name, topScores }
  }

  /**
   * kube: a PreFilter rejection ends the cycle before Filter: every node carries the plugin's
   * status, so preemption finds none where evicting pods would help (all "not helpful"), and the
   * message gives the reason once. The observed v1.35 text has no DynamicResources part here.
   */
  private preFilterRejected(pod: PodInfo, n: number, plugin: string, status: FilterStatus): ScheduleResult {
    const pre = this.preemptor.preempt(pod, n, [], this.dryRun([], pod))
    return {
      message: preFilterFitErrorMessage(n, status.reasons, pre.message ?? ''),
      rejected: [], unschedulablePlugins: new Set([plugin]), evaluatedNodes: 0, feasibleNodes: 0, topScores: [],
    }
  }

  private runFilters(active: number[], pod: PodInfo, node: NodeInfo): Rejection | undefined {
    for (const i of active) {
      const f = this.filters[i]
      const status = f.filter(this.filterStates[i], pod, node)
      if (status) return { node, plugin: f.name, status }
    }
    return undefined
  }

  /** Score, normalise, weigh and sum; pick the best total (kube: prioritizeNodes, selectHost). */
  private prioritize(pod: PodInfo, feasible: NodeInfo[], m: number): { best: number; topScores: ScoredNode[] } {
    if (this.totals.length < m) {
      this.totals = new Float64Array(Math.max(m, this.totals.length * 2))
      this.buffers = this.scorers.map(() => new Float64Array(this.totals.length))
    }
    const totals = this.totals
    totals.fill(0, 0, m)
    const ran: number[] = []
    for (let i = 0; i < this.scorers.length; i++) {
      const p = this.scorers[i]
      const state = p.preScore ? p.preScore(pod, feasible, m) : undefined
      if (state === SKIP) continue
      this.scoreStates[i] = state
      ran.push(i)
      const buf = this.buffers[i]
      p.scoreNodes(state, pod, feasible, m, buf)
      p.normalize?.(buf, m, state, feasible)
      const w = p.weight
      for (let j = 0; j < m; j++) totals[j] += buf[j] * w
    }

    // kube: selectHost picks uniformly among the nodes sharing the highest total (reservoir
    // sampling there); counting them first draws one random number per pod instead of one per tie.
    let max = -Infinity
    let ties = 0
    for (let j = 0; j < m; j++) {
      if (totals[j] > max) {
        max = totals[j]
        ties = 1
      } else if (totals[j] === max) ties++
    }
    let pick = ties > 1 ? this.random.int(ties) : 0
    let best = 0
    for (let j = 0; j < m; j++) {
      if (totals[j] === max && pick-- === 0) {
        best = j
        break
      }
    }
    return { best, topScores: this.report(feasible, m, ran, best) }
  }

  /** The chosen node first, then the next best totals. */
  private report(feasible: NodeInfo[], found: number, ran: number[], best: number): ScoredNode[] {
    const k = (this.options.scoresToReport ?? 10) - 1
    const t = this.totals
    const rest: number[] = [] // indices, highest total first
    const m = k > 0 ? found : 0
    for (let j = 0; j < m; j++) {
      if (j === best) continue
      if (rest.length === k) {
        if (t[j] <= t[rest[k - 1]]) continue
        rest.pop()
      }
      let x = rest.length
      rest.push(j)
      for (; x > 0 && t[rest[x]] > t[rest[x - 1]]; x--) [rest[x], rest[x - 1]] = [rest[x - 1], rest[x]]
    }
    return [best, ...rest].map((j) => {
      const byPlugin: Record<string, number> = {}
      for (const i of ran) byPlugin[this.scorers[i].name] = this.buffers[i][j] * this.scorers[i].weight
      return { node: feasible[j].name, total: this.totals[j], byPlugin }
    })
  }

  /** Preemption's view of this cycle: the filters that ran, with their pre-states kept in step. */
  private dryRun(active: number[], pod: PodInfo): DryRun {
    const each = (fn: (f: FilterPlugin, state: unknown) => void) => {
      for (const i of active) fn(this.filters[i], this.filterStates[i])
    }
    return {
      filter: (node) => this.runFilters(active, pod, node)?.status,
      removePod: (victim, node) => {
        node.removePod(victim.uid)
        each((f, s) => f.removePod?.(s, pod, victim, node))
      },
      addPod: (victim, node) => {
        node.addPod(victim)
        each((f, s) => f.addPod?.(s, pod, victim, node))
      },
    }
  }
}
