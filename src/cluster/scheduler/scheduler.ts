/**
 * kube-scheduler: watches pods that no node has been chosen for, runs each through the framework
 * (filter → score), and binds it to the best node — or leaves it Pending with a PodScheduled=False
 * condition and a FailedScheduling event that says why (kube: pkg/scheduler/scheduler.go,
 * schedule_one.go, eventhandlers.go).
 *
 * It reads only through informers and writes only through the API: one `pods/binding` per pod,
 * the Scheduled / FailedScheduling events, and the pod's status when it cannot be placed. Pods are
 * scheduled in batches: one clock task takes the whole activeQ (up to MAX_PODS_PER_BATCH).
 */
import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../component'
import type { Informer } from '../informers/informer'
import { isConflict, isNotFound } from '../apiserver/types'
import { SchedulerCache } from './cache'
import { Framework, type FrameworkOptions, type ScheduleResult } from './framework'
import { isAssigned, isTerminal, newPodInfo, type PodInfo } from './podinfo'
import { SchedulingQueue, type QueuedPodInfo, type QueueOptions } from './queue'
import { defaultPlugins } from './plugins'
import type { ClusterEvent, Plugin, SchedulingDecision, StorageEvent } from './types'
import type { NodeView } from './nodeinfo'
import { ClusterState } from './handle'
import { REASON_PREEMPTION_BY_SCHEDULER } from './preemption'

/** kube: the default profile's schedulerName, and the events' source component. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler'
/** The actor of the scheduler's API writes. */
export const ACTOR = { actor: 'kube-scheduler' }
/** Pods per clock task, so a huge backlog is sliced instead of blocking the worker. */
export const MAX_PODS_PER_BATCH = 2_000
/** How many pods' last decisions are kept for the UI. */
export const DECISIONS_TO_KEEP = 2_000
/** Rejected nodes kept per decision (the message always counts all of them). */
export const MAX_RECORDED_FILTERED = 200

export interface SchedulerOptions extends FrameworkOptions, QueueOptions {
  plugins?: Plugin[]
  maxPodsPerBatch?: number
  decisionsToKeep?: number
}

const SOURCE = { component: DEFAULT_SCHEDULER_NAME }

export class Scheduler {
  readonly cache = new SchedulerCache()
  readonly queue: SchedulingQueue
  readonly framework: Framework
  /** What plugins read about the cluster: nodes, pods, indexes, listers. */
  readonly handle: ClusterState
  private readonly plugins: Plugin[]
  private readonly pluginsByName: Map<string, Plugin>
  private readonly decisions = new Map<string, SchedulingDecision>()
  private pods!: Informer<Pod>
  private batchScheduled = false
  private started = false
  /** Pods bound so far and cycles run, for benchmarks and the UI. */
  readonly stats = { scheduled: 0, failed: 0, cycles: 0 }

  constructor(private readonly ctx: ComponentContext, private readonly options: SchedulerOptions = {}) {
    this.handle = new ClusterState(this.cache, ctx.informers)
    this.plugins = options.plugins ?? defaultPlugins(ctx.informers, this.handle)
    this.pluginsByName = new Map(this.plugins.map((p) => [p.name, p]))
    this.framework = new Framework(this.plugins, ctx.clock.random, { ...options, handle: this.handle })
    this.queue = new SchedulingQueue(ctx.clock, () => this.kick(), options)
  }

  start(): void {
    if (this.started) return
    this.started = true
    const nodes = this.ctx.informers.for<Node>('Node')
    this.pods = this.ctx.informers.for<Pod>('Pod')
    nodes.addEventHandler({
      add: (n) => this.onNodeAdd(n),
      update: (_o, n) => this.onNodeUpdate(n),
      delete: (n) => this.cache.removeNode(n.metadata?.name ?? ''),
    })
    this.pods.addEventHandler({
      add: (p) => this.onPodAdd(p),
      update: (o, p) => this.onPodUpdate(o, p),
      delete: (p) => this.onPodDelete(p),
    })
    // kube: VolumeBinding's cluster events — a pod waiting for its claim is retried at once, not
    // after the 5-minute flush of unschedulable pods.
    for (const resource of ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'] as const) {
      const onChange = () => {
        if (this.queue.unschedulableCount > 0) this.moveOnStorageEvent({ kind: 'StorageChange', resource })
      }
      this.ctx.informers.for(resource).addEventHandler({ add: onChange, update: onChange })
    }
  }

  /** Why the pod went where it went, or why it is Pending; undefined if never tried (or forgotten). */
  lastDecision(podUid: string): SchedulingDecision | undefined {
    return this.decisions.get(podUid)
  }

  // ---- informer events ------------------------------------------------------------------------

  private onNodeAdd(node: Node): void {
    const { info } = this.cache.setNode(node)
    this.moveOnEvent({ kind: 'NodeAdd', node: info })
  }

  private onNodeUpdate(node: Node): void {
    const { info, old } = this.cache.setNode(node)
    if (!old) return this.moveOnEvent({ kind: 'NodeAdd', node: info })
    // Heartbeats change only conditions; only a change a plugin cares about can help a pod.
    if (this.queue.unschedulableCount === 0 || !schedulingRelevantChange(old, info)) return
    this.moveOnEvent({ kind: 'NodeUpdate', old, node: info })
  }

  private onPodAdd(pod: Pod): void {
    if (isAssigned(pod)) return this.onAssignedPod(pod)
    if (!this.responsibleFor(pod)) return
    if (isGated(pod)) return this.setGated(pod)
    this.queue.add(newPodInfo(pod))
  }

  private onPodUpdate(old: Pod, pod: Pod): void {
    if (isAssigned(pod)) return this.onAssignedPod(pod)
    const uid = pod.metadata?.uid ?? ''
    if (!this.responsibleFor(pod)) return this.queue.delete(uid)
    if (isGated(pod)) {
      this.queue.delete(uid)
      return this.setGated(pod)
    }
    // kube: only a change to what the pod asks for (spec: generation) can change the outcome.
    const relevant = old.metadata?.generation !== pod.metadata?.generation
    const queued = this.queue.get(uid)
    if (queued && !relevant) queued.info = { ...queued.info, pod }
    else this.queue.update(newPodInfo(pod), relevant)
  }

  private onPodDelete(pod: Pod): void {
    const uid = pod.metadata?.uid ?? ''
    this.queue.delete(uid)
    if (this.cache.removePod(uid)) this.onAssignedPodGone(pod)
  }

  private onAssignedPodGone(pod: Pod): void {
    if (this.queue.unschedulableCount === 0) return
    this.moveOnEvent({ kind: 'AssignedPodDelete', pod: newPodInfo(pod), node: pod.spec?.nodeName })
  }

  /** A pod on a node: count it there (or confirm our assumption); a finished one frees its room. */
  private onAssignedPod(pod: Pod): void {
    const uid = pod.metadata?.uid ?? ''
    this.queue.delete(uid)
    if (isTerminal(pod)) {
      if (this.cache.removePod(uid)) this.onAssignedPodGone(pod)
      return
    }
    const node = pod.spec!.nodeName!
    if (this.cache.confirmPod(uid, node)) return
    const info = newPodInfo(pod)
    this.cache.addPod(info, node)
    if (this.queue.unschedulableCount > 0) this.moveOnEvent({ kind: 'AssignedPodAdd', pod: info, node })
  }

  /** kube: responsibleForPod and skipPodSchedule — ours, unassigned, not being deleted, not finished. */
  private responsibleFor(pod: Pod): boolean {
    return !pod.spec?.nodeName
      && (pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME) === DEFAULT_SCHEDULER_NAME
      && !pod.metadata?.deletionTimestamp
      && !isTerminal(pod)
  }

  /** Moves every parked pod that a plugin which rejected it thinks the event may help. */
  private moveOnEvent(event: ClusterEvent): void {
    const byName = this.pluginsByName
    this.queue.moveOnEvent((e) => {
      // A pod no plugin rejected (no nodes at all) is retried on any event.
      if (e.unschedulablePlugins.size === 0) return true
      for (const name of e.unschedulablePlugins) {
        const p = byName.get(name)
        if (!p?.isSchedulableAfter || p.isSchedulableAfter(e.info, event)) return true
      }
      return false
    })
  }

  /** Moves every parked pod a plugin that rejected it registered the storage event for. */
  private moveOnStorageEvent(event: StorageEvent): void {
    const byName = this.pluginsByName
    this.queue.moveOnEvent((e) => {
      if (e.unschedulablePlugins.size === 0) return true
      for (const name of e.unschedulablePlugins) {
        if (byName.get(name)?.isSchedulableAfterStorage?.(e.info, event)) return true
      }
      return false
    })
  }

  // ---- scheduling -----------------------------------------------------------------------------

  private kick(): void {
    if (this.batchScheduled) return
    this.batchScheduled = true
    this.ctx.clock.schedule(0, () => this.runBatch(), 'kube-scheduler: schedule pods')
  }

  private runBatch(): void {
    this.batchScheduled = false
    const max = this.options.maxPodsPerBatch ?? MAX_PODS_PER_BATCH
    for (let i = 0; i < max; i++) {
      const e = this.queue.pop()
      if (!e) return
      this.scheduleOne(e)
    }
    this.kick() // more may be waiting: continue in the next task
  }

  private scheduleOne(e: QueuedPodInfo): void {
    const pod = e.info
    this.stats.cycles++
    const result = this.framework.schedulePod(pod, this.cache.nodes())
    if (!result.node) return this.fail(e, result, result.message ?? '')

    const node = result.node
    this.cache.assumePod(pod, node)
    try {
      this.ctx.api.bind(pod.namespace, pod.name, node, ACTOR)
    } catch (err) {
      this.cache.forgetPod(pod.uid)
      // Gone, bound by someone else or being deleted: the informer has the rest of the story.
      if (isNotFound(err) || isConflict(err)) this.queue.delete(pod.uid)
      else this.queue.failed(e, new Set(), false)
      this.record(e, result, undefined, `Binding rejected: ${err instanceof Error ? err.message : String(err)}`)
      return
    }
    this.queue.done(pod.uid)
    if (this.queue.unschedulableCount > 0) this.moveOnEvent({ kind: 'AssignedPodAdd', pod, node })
    this.stats.scheduled++
    const message = `Successfully assigned ${pod.namespace}/${pod.name} to ${node}`
    this.ctx.events.record(pod.pod, 'Normal', 'Scheduled', message, SOURCE)
    this.record(e, result, node, message)
  }

  /** kube: handleSchedulingFailure — event, back to the queue, PodScheduled=False. */
  private fail(e: QueuedPodInfo, result: ScheduleResult, message: string): void {
    const pod = e.info
    this.stats.failed++
    if (result.nominatedNode) for (const v of result.victims ?? []) this.preemptVictim(v, pod, result.nominatedNode)
    this.ctx.events.record(pod.pod, 'Warning', 'FailedScheduling', message, SOURCE)
    this.queue.failed(e, result.unschedulablePlugins, true)
    this.setUnschedulable(pod, message, result.nominatedNode)
    this.record(e, result, undefined, message)
  }

  /**
   * kube: the preemption executor's PreemptPod — the victim gets the DisruptionTarget condition,
   * is deleted (gracefully, as any pod), and an event says who preempted it.
   */
  private preemptVictim(victim: PodInfo, preemptor: PodInfo, node: string): void {
    const current = this.pods.get(victim.namespace, victim.name)
    if (!current || current.metadata?.uid !== victim.uid) return
    if (!current.metadata?.deletionTimestamp) {
      const conditions = current.status?.conditions ?? []
      const condition = {
        type: 'DisruptionTarget',
        status: 'True',
        ...(current.metadata?.generation !== undefined ? { observedGeneration: current.metadata.generation } : {}),
        lastProbeTime: null,
        lastTransitionTime: this.ctx.clock.timestamp(),
        reason: REASON_PREEMPTION_BY_SCHEDULER,
        message: `${preemptor.pod.spec?.schedulerName ?? DEFAULT_SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
      } as unknown as PodCondition
      const { resourceVersion: _rv, ...metadata } = current.metadata ?? {}
      try {
        this.ctx.api.updateStatus({
          ...current, metadata,
          status: { ...current.status, conditions: [...conditions.filter((c) => c.type !== 'DisruptionTarget'), condition] },
        }, ACTOR)
        this.ctx.api.delete('Pod', victim.namespace, victim.name, ACTOR)
      } catch (err) {
        if (!isNotFound(err)) throw err
        return
      }
    }
    this.ctx.events.record(current, 'Normal', 'Preempted', `Preempted by pod ${preemptor.uid} on node ${node}`, SOURCE)
  }

  /**
   * kube: the SchedulingGates PreEnqueue plugin keeps a pod with spec.schedulingGates out of the
   * queue, and the pod says why.
   */
  private setGated(pod: Pod): void {
    // Deferred: the informer is still delivering this pod's event when we get here.
    const ns = pod.metadata?.namespace ?? 'default'
    const name = pod.metadata?.name ?? ''
    this.ctx.clock.schedule(0, () => {
      const current = this.pods.get(ns, name)
      if (current && isGated(current) && !current.spec?.nodeName) {
        this.setPodScheduledFalse(current, 'SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates')
      }
    }, 'kube-scheduler: scheduling gated')
  }

  private setUnschedulable(info: PodInfo, message: string, nominatedNode?: string): void {
    const current = this.pods.get(info.namespace, info.name) ?? info.pod
    if (current.metadata?.uid !== info.uid) return
    this.setPodScheduledFalse(current, 'Unschedulable', message, nominatedNode)
  }

  /**
   * Writes the PodScheduled=False condition (and the node preemption nominated), unless the pod
   * already says exactly that (kube: updatePod).
   */
  private setPodScheduledFalse(current: Pod, reason: string, message: string, nominatedNode?: string): void {
    const conditions = current.status?.conditions ?? []
    const prev = conditions.find((c) => c.type === 'PodScheduled')
    const nominate = nominatedNode !== undefined && current.status?.nominatedNodeName !== nominatedNode
    if (!nominate && prev && prev.status === 'False' && prev.reason === reason && prev.message === message) return
    const condition = {
      type: 'PodScheduled',
      status: 'False',
      // kube v1.34+: PodObservedGenerationTracking stamps the pod generation the condition reflects.
      ...(current.metadata?.generation !== undefined ? { observedGeneration: current.metadata.generation } : {}),
      lastProbeTime: null,
      lastTransitionTime: prev?.status === 'False' && prev.lastTransitionTime ? prev.lastTransitionTime : this.ctx.clock.timestamp(),
      reason,
      message,
    } as unknown as PodCondition
    // A status-only write without resourceVersion: the scheduler owns this condition.
    const { resourceVersion: _rv, ...metadata } = current.metadata ?? {}
    const next: Pod = {
      ...current,
      metadata,
      status: {
        ...current.status,
        conditions: [...conditions.filter((c) => c.type !== 'PodScheduled'), condition],
        ...(nominate ? { nominatedNodeName: nominatedNode } : {}),
      },
    }
    try {
      this.ctx.api.updateStatus(next, ACTOR)
    } catch (err) {
      if (!isNotFound(err)) throw err
    }
  }

  private record(e: QueuedPodInfo, result: ScheduleResult, node: string | undefined, message: string): void {
    const filtered = result.rejected.slice(0, MAX_RECORDED_FILTERED).map((r) => ({
      node: r.node.name, plugin: r.plugin, reason: r.status.reasons.join(', '),
    }))
    const decision: SchedulingDecision = {
      pod: e.info.key,
      uid: e.info.uid,
      time: this.ctx.clock.now(),
      attempt: e.attempts,
      ...(node ? { node } : {}),
      filtered,
      filteredCount: result.rejected.length,
      scores: result.topScores,
      evaluatedNodes: result.evaluatedNodes,
      feasibleNodes: result.feasibleNodes,
      message,
      ...(result.nominatedNode ? { nominatedNode: result.nominatedNode, victims: (result.victims ?? []).map((v) => v.key) } : {}),
    }
    this.decisions.delete(e.info.uid)
    this.decisions.set(e.info.uid, decision)
    const keep = this.options.decisionsToKeep ?? DECISIONS_TO_KEEP
    if (this.decisions.size > keep) this.decisions.delete(this.decisions.keys().next().value!)
  }
}

const isGated = (pod: Pod): boolean => (pod.spec?.schedulingGates?.length ?? 0) > 0

/** kube: the Node/Update action types plugins register for: taints, labels, allocatable, cordon. */
function schedulingRelevantChange(old: NodeView, now: NodeView): boolean {
  return old.unschedulable !== now.unschedulable
    || !sameJson(old.taints, now.taints)
    || !sameJson(old.labels, now.labels)
    || !sameJson(old.allocatable, now.allocatable)
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}
