/**
 * The scheduling framework's extension points (kube: pkg/scheduler/framework/interface.go), cut
 * down to what Terrarium's plugins use: PreFilter → Filter, PreScore → Score → NormalizeScore.
 *
 * A plugin computes what it needs from the pod once per cycle (its pre-state) and reads it for
 * every node; Filter returns nothing on success so the hot loop allocates nothing.
 */
import type { PodInfo } from './podinfo'
import type { NodeInfo, NodeView } from './nodeinfo'

/** kube: framework.MaxNodeScore */
export const MAX_NODE_SCORE = 100

/** kube: fwk.Code. UnschedulableAndUnresolvable tells preemption that evicting pods would not help. */
export type StatusCode = 'Unschedulable' | 'UnschedulableAndUnresolvable'

export interface FilterStatus {
  readonly code: StatusCode
  /** kube: status.Reasons(), counted one by one in `0/N nodes are available: …`. */
  readonly reasons: readonly string[]
  /** Filled in by the framework: the plugin that rejected the node. */
  plugin?: string
}

export const unschedulable = (...reasons: string[]): FilterStatus => Object.freeze({ code: 'Unschedulable', reasons })
export const unresolvable = (...reasons: string[]): FilterStatus =>
  Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons })

/** Returned by PreFilter/PreScore when the plugin has nothing to say about this pod (kube: fwk.Skip). */
export const SKIP: unique symbol = Symbol('Skip')
export type Skip = typeof SKIP

/**
 * kube: a PreFilter status of Unschedulable(AndUnresolvable) — the pod fits no node whatever the
 * node, so Filter does not run and FailedScheduling names the reason once, with no node count.
 */
export class PreFilterRejection {
  constructor(readonly status: FilterStatus) {}
}

/** Cluster events that can make a rejected pod schedulable (kube: EnqueueExtensions, QueueingHint). */
export type ClusterEvent =
  | { kind: 'NodeAdd'; node: NodeView }
  | { kind: 'NodeUpdate'; old: NodeView; node: NodeView }
  | { kind: 'AssignedPodDelete'; pod?: PodInfo; node?: string }
  /** A pod was bound (or found bound) to a node. */
  | { kind: 'AssignedPodAdd'; pod: PodInfo; node: string }

/**
 * kube: a PersistentVolumeClaim, PersistentVolume or StorageClass was added or updated. Only the
 * plugins that register for it (VolumeBinding) are asked; for the others it is not an event.
 */
export interface StorageEvent {
  kind: 'StorageChange'
  resource: 'PersistentVolumeClaim' | 'PersistentVolume' | 'StorageClass'
}

/** Whether the event is about a node (NodeAdd / NodeUpdate) rather than a pod. */
export const isNodeEvent = (e: ClusterEvent): e is Extract<ClusterEvent, { node: NodeView }> =>
  e.kind === 'NodeAdd' || e.kind === 'NodeUpdate'

export interface Plugin {
  readonly name: string
  /** kube: QueueingHintFn — true (Queue) when the event may make a pod this plugin rejected schedulable. */
  isSchedulableAfter?(pod: PodInfo, event: ClusterEvent): boolean
  /** The same for storage events; a plugin without it does not register them. */
  isSchedulableAfterStorage?(pod: PodInfo, event: StorageEvent): boolean
}

/** Told about every node a Filter plugin rejects. */
export type Rejector = (node: NodeInfo, status: FilterStatus, plugin: string) => void

export interface FilterPlugin<S = unknown> extends Plugin {
  preFilter?(pod: PodInfo): S | Skip | PreFilterRejection
  filter(state: S, pod: PodInfo, node: NodeInfo): FilterStatus | undefined
  /**
   * kube: PreFilterExtensions.AddPod / RemovePod — preemption's dry run takes pods off a node (and
   * puts them back); a plugin whose pre-state counts pods updates it here.
   */
  addPod?(state: S, pod: PodInfo, added: PodInfo, node: NodeInfo): void
  removePod?(state: S, pod: PodInfo, removed: PodInfo, node: NodeInfo): void
  /**
   * Filter over many nodes at once: keeps the nodes that pass at the front of `nodes[0..n)`, in
   * order, reports the others and returns how many passed. Each plugin runs its own loop so the
   * hot path makes no megamorphic calls.
   */
  filterNodes(state: S, pod: PodInfo, nodes: NodeInfo[], n: number, reject: Rejector): number
}

export interface ScorePlugin<S = unknown> extends Plugin {
  /** kube default weight in the default profile. */
  readonly weight: number
  /** `nodes[0..n)` are the feasible nodes about to be scored. */
  preScore?(pod: PodInfo, nodes: readonly NodeInfo[], n: number): S | Skip
  score(state: S, pod: PodInfo, node: NodeInfo): number
  /** score() for nodes[0..n) into out[0..n). */
  scoreNodes(state: S, pod: PodInfo, nodes: readonly NodeInfo[], n: number, out: Float64Array): void
  /** Scales `scores[0..n)` (those of `nodes[0..n)`) to 0..MAX_NODE_SCORE in place. */
  normalize?(scores: Float64Array, n: number, state: S, nodes: readonly NodeInfo[]): void
}

export const isFilterPlugin = (p: Plugin): p is FilterPlugin => typeof (p as FilterPlugin).filter === 'function'
export const isScorePlugin = (p: Plugin): p is ScorePlugin => typeof (p as ScorePlugin).score === 'function'

/** What the scheduler decided for one pod, for the UI and `kubectl describe`. */
export interface SchedulingDecision {
  /** `namespace/name` */
  pod: string
  uid: string
  /** Virtual time of the attempt. */
  time: number
  attempt: number
  /** The chosen node; absent when the pod stays Pending. */
  node?: string
  /** Nodes rejected by a Filter plugin (the first MAX_RECORDED_FILTERED). */
  filtered: { node: string; plugin: string; reason: string }[]
  filteredCount: number
  /** Highest totals first (the top MAX_RECORDED_SCORES); empty when one node was feasible (kube skips scoring). */
  scores: { node: string; total: number; byPlugin: Record<string, number> }[]
  /** Nodes looked at this cycle and how many of them passed every filter. */
  evaluatedNodes: number
  feasibleNodes: number
  /** `Successfully assigned ns/pod to node` or the FailedScheduling message. */
  message: string
  /** Set when preemption made room: the node the pod waits for, and the pods evicted there. */
  nominatedNode?: string
  victims?: string[]
}
