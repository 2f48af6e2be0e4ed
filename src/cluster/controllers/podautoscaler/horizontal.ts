/**
 * The HorizontalPodAutoscaler controller (kube: pkg/controller/podautoscaler/horizontal.go). Every
 * 15 s (kube default --horizontal-pod-autoscaler-sync-period) each HPA reads its target's scale,
 * asks the resource metrics API for its pods' usage, computes the replica count each metric wants
 * (replica-calculator.ts), takes the largest, stabilizes and rate-limits it (behavior.ts), and writes
 * spec.replicas of the target — the scale subresource — then its own status and conditions.
 */
import type {
  HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerStatus, MetricSpec, MetricStatus,
} from 'kubernetes-types/autoscaling/v2'
import type { Pod } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext } from '../../apiserver/types'
import { isNotFound } from '../../apiserver/types'
import { canonicalQuantity, parseBytes, parseCpuMillis } from '../../apiserver/quantity'
import { fromLabelSelector, matches, selectorFromSet, type Selector } from '../../apiserver/labels'
import { effectiveBehavior } from '../../apiserver/kinds/autoscaling'
import type { Informer } from '../../informers/informer'
import { WorkQueue, keyOf, splitKey } from '../../informers/workqueue'
import type { ResourceMetrics } from '../../metrics'
import {
  limitByRules, limitRate, stabilize, stabilizeDown, type Condition, type Recommendation, type ScaleEvent,
} from './behavior'
import { podRequests, ReplicaCalcError, resourceReplicas, type PodMetric, type Target } from './replica-calculator'

export const HPA_CONTROLLER = 'horizontal-pod-autoscaler'
// kube default: --horizontal-pod-autoscaler-sync-period 15s.
export const HPA_SYNC_PERIOD_MS = 15_000

/** The kinds with a scale subresource, and their resource names for error texts. */
const SCALABLE: Record<string, string> = {
  Deployment: 'deployments.apps', ReplicaSet: 'replicasets.apps', StatefulSet: 'statefulsets.apps', ReplicationController: 'replicationcontrollers',
}

interface Scale {
  kind: string
  specReplicas: number
  selector: Selector | null
}

type ScaleTarget = KubeObject & { spec?: { replicas?: number; selector?: unknown } }

/** What one metric proposes, or why it cannot. */
type Proposal =
  | { ok: true; replicas: number; metricName: string; status: MetricStatus }
  | { ok: false; error: string; reason: string; conditionMessage: string; wrapped: string }

export class HorizontalController {
  readonly queue: WorkQueue
  private readonly hpas: Informer<HorizontalPodAutoscaler>
  private readonly pods: Informer<Pod>
  private readonly ctx: RequestContext = { actor: HPA_CONTROLLER }
  private readonly recommendations = new Map<string, Recommendation[]>()
  private readonly upEvents = new Map<string, ScaleEvent[]>()
  private readonly downEvents = new Map<string, ScaleEvent[]>()
  private started = false

  constructor(private readonly c: ComponentContext, private readonly metrics: ResourceMetrics) {
    this.queue = new WorkQueue(c.clock, HPA_CONTROLLER, (key) => this.reconcile(key))
    this.hpas = c.informers.for<HorizontalPodAutoscaler>('HorizontalPodAutoscaler')
    this.pods = c.informers.for<Pod>('Pod')
  }

  start(): void {
    if (this.started) return
    this.started = true
    // kube: every change is queued with the resync delay, so each HPA is processed once a period.
    this.hpas.addEventHandler({
      add: (hpa) => this.queue.addAfter(keyOf(hpa), HPA_SYNC_PERIOD_MS),
      update: (_old, hpa) => this.queue.addAfter(keyOf(hpa), HPA_SYNC_PERIOD_MS),
      delete: (hpa) => this.forget(keyOf(hpa)),
    })
  }

  reconcile(key: string): void {
    const [namespace, name] = splitKey(key)
    const hpa = this.hpas.get(namespace, name)
    if (!hpa) return this.forget(key)
    this.queue.addAfter(key, HPA_SYNC_PERIOD_MS)
    this.sync(key, hpa)
  }

  private forget(key: string): void {
    this.recommendations.delete(key)
    this.upEvents.delete(key)
    this.downEvents.delete(key)
  }

  private sync(key: string, hpa: HorizontalPodAutoscaler): void {
    const now = this.c.clock.now()
    const spec = hpa.spec!
    const namespace = hpa.metadata!.namespace!
    const status: HorizontalPodAutoscalerStatus = structuredClone(hpa.status) ?? { desiredReplicas: 0 }
    const conditions: HorizontalPodAutoscalerCondition[] = [...(status.conditions ?? [])]
    const set = (type: string, on: boolean, c: Condition) => this.setCondition(conditions, type, on, c)
    const ref = spec.scaleTargetRef
    const scale = this.scaleOf(namespace, ref.kind, ref.name)
    if (typeof scale === 'string') {
      set('AbleToScale', false, { reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${scale}` })
      this.event(hpa, 'Warning', 'FailedGetScale', scale)
      return this.writeStatus(hpa, { ...status, conditions })
    }
    set('AbleToScale', true, { reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" })
    const current = scale.specReplicas
    const min = spec.minReplicas ?? 1
    const behavior = spec.behavior ? effectiveBehavior(spec) : undefined
    if (!this.recommendations.has(key) && (!behavior || (behavior.scaleDown.stabilizationWindowSeconds ?? 0) > 0)) {
      this.recommendations.set(key, [{ replicas: current, at: now }])
    }
    let desired: number
    let reason = ''
    let currentMetrics = status.currentMetrics
    if (current === 0 && min !== 0) {
      desired = 0
      set('ScalingActive', false, { reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' })
    } else if (current > spec.maxReplicas) {
      reason = 'Current number of replicas above Spec.MaxReplicas'
      desired = spec.maxReplicas
    } else if (current < min) {
      reason = 'Current number of replicas below Spec.MinReplicas'
      desired = min
    } else {
      const proposals = (spec.metrics ?? []).map((m) => this.propose(hpa, m, scale, current, now))
      const valid = proposals.filter((p) => p.ok)
      const invalid = proposals.filter((p) => !p.ok)
      for (const p of invalid) {
        this.event(hpa, 'Warning', p.reason, p.error)
        set('ScalingActive', false, { reason: p.reason, message: p.conditionMessage })
      }
      if (invalid.length) {
        this.event(hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (${invalid.length} invalid out of ${proposals.length}), first error is: ${invalid[0].wrapped}`)
      }
      if (!valid.length) {
        return this.writeStatus(hpa, { ...status, currentReplicas: current, conditions })
      }
      let best = valid[0]
      for (const p of valid) if (p.replicas > best.replicas) best = p
      currentMetrics = proposals.map((p) => (p.ok ? p.status : { type: '' } as MetricStatus))
      if (!invalid.length) set('ScalingActive', true, { reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${best.metricName}` })
      desired = this.normalize(key, set, behavior, best.replicas, current, min, spec.maxReplicas, now)
      reason = desired > current ? `${best.metricName} above target` : 'All metrics below target'
    }
    const next: HorizontalPodAutoscalerStatus = { ...status, currentReplicas: current, desiredReplicas: desired, currentMetrics, conditions }
    if (desired !== current) {
      try {
        this.updateScale(scale, namespace, ref.name, desired)
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e)
        set('AbleToScale', false, { reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${msg}` })
        this.event(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${msg}`)
        return this.writeStatus(hpa, { ...next, desiredReplicas: status.desiredReplicas })
      }
      set('AbleToScale', true, { reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${desired}` })
      this.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`)
      const events = desired > current ? this.upEvents : this.downEvents
      const periodMs = 1800_000
      events.set(key, [...(events.get(key) ?? []).filter((e) => e.at > now - periodMs), { change: Math.abs(desired - current), at: now }])
      next.lastScaleTime = this.c.clock.timestamp()
    }
    this.writeStatus(hpa, next)
  }

  /** Stabilization and rate limits: spec.behavior's rules, or the controller's own when it has none. */
  private normalize(
    key: string, set: (type: string, on: boolean, c: Condition) => void, behavior: ReturnType<typeof effectiveBehavior> | undefined,
    proposed: number, current: number, min: number, max: number, now: number,
  ): number {
    const recs = this.recommendations.get(key) ?? []
    if (!behavior) {
      const s = stabilizeDown(recs, proposed, now)
      this.recommendations.set(key, s.kept)
      set('AbleToScale', true, s.condition)
      const l = limitByRules(current, s.replicas, min, max)
      set('ScalingLimited', l.replicas !== s.replicas, l.condition)
      return l.replicas
    }
    const s = stabilize(recs, proposed, current, now, behavior.scaleUp, behavior.scaleDown)
    this.recommendations.set(key, s.kept)
    set('AbleToScale', true, s.condition)
    const l = limitRate({
      desired: s.replicas, current, min, max, now, up: behavior.scaleUp, down: behavior.scaleDown,
      upEvents: this.upEvents.get(key) ?? [], downEvents: this.downEvents.get(key) ?? [],
    })
    set('ScalingLimited', l.replicas !== s.replicas, l.condition)
    return l.replicas
  }

  /** kube: computeStatusForResourceMetric (and its ContainerResource sibling). */
  private propose(hpa: HorizontalPodAutoscaler, m: MetricSpec, scale: Scale, current: number, now: number): Proposal {
    const src = m.type === 'Resource' ? m.resource : m.type === 'ContainerResource' ? m.containerResource : undefined
    if (!src) {
      const error = `unable to get metric ${m.type}: this cluster serves resource metrics only`
      return { ok: false, error, reason: `FailedGet${m.type}Metric`, conditionMessage: `the HPA was unable to compute the replica count: ${error}`, wrapped: error }
    }
    const resource = src.name
    const container = m.type === 'ContainerResource' ? m.containerResource?.container : undefined
    const utilization = src.target.type === 'Utilization'
    const fail = (inner: string): Proposal => {
      const error = utilization ? `failed to get ${resource} utilization: ${inner}` : `failed to get ${resource} usage: ${inner}`
      const kind = m.type === 'Resource' ? 'resource' : 'container resource'
      return {
        ok: false, error, reason: m.type === 'Resource' ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric',
        conditionMessage: `the HPA was unable to compute the replica count: ${error}`, wrapped: `failed to get ${resource} ${kind} metric value: ${error}`,
      }
    }
    const pods = this.pods.list(hpa.metadata!.namespace).filter((p) => scale.selector !== null && matches(scale.selector, p.metadata?.labels))
    const parse = resource === 'cpu' ? (q: string) => parseCpuMillis(q) : (q: string) => parseBytes(q)
    const metrics = new Map<string, PodMetric>()
    for (const p of pods) {
      const u = this.metrics.pod(hpa.metadata!.namespace!, p.metadata!.name!)
      if (!u) continue
      const cs = container ? u.containers.filter((c) => c.name === container) : u.containers
      if (!cs.length) continue
      const value = cs.reduce((s, c) => s + (resource === 'cpu' ? c.cpuCores * 1000 : resource === 'memory' ? c.memoryBytes : 0), 0)
      metrics.set(p.metadata!.name!, { value, timestamp: u.timestamp, windowMs: u.windowMs })
    }
    if (metrics.size === 0) return fail(`unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`)
    let target: Target
    let requests: Map<string, number> | undefined
    try {
      if (utilization) {
        const scoped = container ? pods.map((p) => ({ ...p, spec: { ...p.spec!, containers: p.spec!.containers.filter((c) => c.name === container) } })) : pods
        requests = podRequests(scoped, resource, parse)
        target = { type: 'Utilization', averageUtilization: src.target.averageUtilization ?? 0 }
      } else {
        target = { type: 'AverageValue', averageValue: parse(String(src.target.averageValue ?? '0')) }
      }
      const r = resourceReplicas({ currentReplicas: current, target, resource, pods, metrics, requests, now })
      const averageValue = resource === 'cpu' ? `${Math.round(r.averageValue)}m` : canonicalQuantity(String(Math.round(r.averageValue)))
      const cur = utilization ? { averageUtilization: r.utilization, averageValue } : { averageValue }
      const status: MetricStatus = m.type === 'Resource'
        ? { type: 'Resource', resource: { name: resource, current: cur } }
        : { type: 'ContainerResource', containerResource: { name: resource, container: container!, current: cur } }
      const what = m.type === 'Resource' ? `${resource} resource` : `${resource} container resource`
      return { ok: true, replicas: r.replicas, metricName: utilization ? `${what} utilization (percentage of request)` : what, status }
    } catch (e) {
      if (e instanceof ReplicaCalcError) return fail(e.message)
      throw e
    }
  }

  /** The target's scale subresource: spec.replicas and the selector its pods match. */
  private scaleOf(namespace: string, kind: string, name: string): Scale | string {
    const resource = SCALABLE[kind]
    if (!resource) return `no matches for kind "${kind}" in group ""`
    const target = this.c.informers.for<ScaleTarget>(kind).get(namespace, name)
    if (!target) return `${resource} "${name}" not found`
    const sel = target.spec?.selector
    const selector = kind === 'ReplicationController'
      ? selectorFromSet(sel as Record<string, string> | undefined)
      : fromLabelSelector(sel as Parameters<typeof fromLabelSelector>[0])
    return { kind, specReplicas: target.spec?.replicas ?? 1, selector }
  }

  /**
   * The scale subresource's update: spec.replicas of the target, at the resourceVersion read (a
   * conflict is retried by the queue). A full update rather than a merge patch: the API server's
   * patch path currently trips over frozen pod templates whose containers carry limits.
   */
  private updateScale(scale: Scale, namespace: string, name: string, replicas: number): void {
    const target = structuredClone(this.c.informers.for<ScaleTarget>(scale.kind).get(namespace, name))
    if (!target) throw new Error(`${SCALABLE[scale.kind]} "${name}" not found`)
    target.spec = { ...target.spec, replicas }
    this.c.api.update(target, this.ctx)
  }

  /** kube: setCondition keeps lastTransitionTime while the status stays the same. */
  private setCondition(conditions: HorizontalPodAutoscalerCondition[], type: string, on: boolean, c: Condition): void {
    const status = on ? 'True' : 'False'
    const i = conditions.findIndex((x) => x.type === type)
    const old = conditions[i]
    const lastTransitionTime = old && old.status === status ? old.lastTransitionTime : this.c.clock.timestamp()
    const next = { type, status, lastTransitionTime, reason: c.reason, message: c.message }
    if (i >= 0) conditions[i] = next
    else conditions.push(next)
  }

  private writeStatus(hpa: HorizontalPodAutoscaler, status: HorizontalPodAutoscalerStatus): void {
    const next = { ...status, observedGeneration: hpa.metadata?.generation }
    if (JSON.stringify(next) === JSON.stringify(hpa.status)) return
    try {
      this.c.api.updateStatus({ ...hpa, status: next } as KubeObject, this.ctx)
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }

  private event(hpa: HorizontalPodAutoscaler, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.events.record(hpa as KubeObject, type, reason, message, { component: HPA_CONTROLLER })
  }
}
