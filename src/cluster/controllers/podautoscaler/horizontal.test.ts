import { describe, expect, it } from 'vitest'
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2'
import type { Deployment } from 'kubernetes-types/apps/v1'
import type { Event, Pod } from 'kubernetes-types/core/v1'
import { createCore } from '../../cluster'
import type { KubeObject } from '../../apiserver/types'
import type { PodUsage, ResourceMetrics } from '../../metrics'
import { HorizontalController, HPA_SYNC_PERIOD_MS } from './horizontal'

const ctx = { actor: 'test' }

/** Metrics the test sets by hand: pod name → millicores. */
class FakeMetrics implements ResourceMetrics {
  usage = new Map<string, number>()
  constructor(private readonly now: () => number) {}
  available() { return this.usage.size > 0 }
  pod(namespace: string, name: string): PodUsage | undefined {
    const m = this.usage.get(name)
    // Measured over a window that began long after the pods became ready.
    return m === undefined ? undefined : { namespace, name, timestamp: this.now(), windowMs: 15_000, containers: [{ name: 'php-apache', cpuCores: m / 1000, memoryBytes: 10e6 }] }
  }
  pods() { return [] }
  node() { return undefined }
  nodes() { return [] }
}

function setup(opts: { request?: boolean; behavior?: unknown } = {}) {
  const core = createCore()
  const metrics = new FakeMetrics(() => core.clock.now())
  const hpa = new HorizontalController(core, metrics)
  hpa.start()
  const labels = { app: 'php-apache' }
  core.api.create({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'php-apache' },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'php-apache', image: 'registry.k8s.io/hpa-example' }] } } },
  } as KubeObject, ctx)
  const addPod = (name: string) => {
    const resources = opts.request === false ? {} : { requests: { cpu: '200m' }, limits: { cpu: '500m' } }
    core.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'php-apache', image: 'registry.k8s.io/hpa-example', resources }] } } as KubeObject, ctx)
    const past = core.clock.timestamp(core.clock.now() - 10 * 60_000)
    core.api.patch('Pod', 'default', name, { status: { phase: 'Running', startTime: past, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: past }] } }, ctx, { subresource: 'status' })
  }
  addPod('php-apache-1')
  core.api.create({
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'php-apache' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      ...(opts.behavior ? { behavior: opts.behavior } : {}),
    },
  } as KubeObject, ctx)
  core.clock.settle()
  const get = () => core.api.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'default', 'php-apache')
  const replicas = () => core.api.get<Deployment>('Deployment', 'default', 'php-apache').spec!.replicas
  const events = (reason: string) => core.api.list<Event>('Event').filter((e) => e.reason === reason).map((e) => e.message)
  const conditions = () => Object.fromEntries((get().status?.conditions ?? []).map((c) => [c.type, [c.status, c.reason, c.message]]))
  return { core, metrics, get, replicas, events, conditions, addPod }
}

describe('HorizontalController', () => {
  it('waits one sync period before its first look (kube: every HPA change is queued with the resync delay)', () => {
    const t = setup()
    t.metrics.usage.set('php-apache-1', 500)
    t.core.clock.advance(HPA_SYNC_PERIOD_MS - 1)
    expect(t.get().status).toEqual({ desiredReplicas: 0 })
    t.core.clock.advance(1)
    expect(t.get().status?.currentReplicas).toBe(1)
  })

  it('says why it cannot scale before metrics-server has anything', () => {
    const t = setup()
    t.core.clock.advance(HPA_SYNC_PERIOD_MS)
    expect(t.conditions()).toEqual({
      AbleToScale: ['True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale"],
      ScalingActive: ['False', 'FailedGetResourceMetric', 'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API'],
    })
    expect(t.events('FailedGetResourceMetric')).toEqual(['failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API'])
    expect(t.events('FailedComputeMetricsReplicas')).toEqual(['invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API'])
    expect(t.get().status).toMatchObject({ currentReplicas: 1, desiredReplicas: 0 })
  })

  it('names the container that requests no cpu', () => {
    const t = setup({ request: false })
    t.metrics.usage.set('php-apache-1', 100)
    t.core.clock.advance(HPA_SYNC_PERIOD_MS)
    expect(t.conditions().ScalingActive[2]).toBe('the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container php-apache of Pod php-apache-1')
  })

  it('scales up through the scale subresource, at most to max(2 × current, 4) without behavior, and records why', () => {
    const t = setup()
    t.metrics.usage.set('php-apache-1', 500)
    t.core.clock.advance(HPA_SYNC_PERIOD_MS)
    expect(t.replicas()).toBe(4)
    expect(t.events('SuccessfulRescale')).toEqual(['New size: 4; reason: cpu resource utilization (percentage of request) above target'])
    expect(t.get().status).toMatchObject({
      currentReplicas: 1, desiredReplicas: 4, lastScaleTime: t.core.clock.timestamp(),
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 250, averageValue: '500m' } } }],
    })
    expect(t.conditions()).toMatchObject({
      AbleToScale: ['True', 'SucceededRescale', 'the HPA controller was able to update the target scale to 4'],
      ScalingActive: ['True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)'],
      ScalingLimited: ['True', 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate'],
    })
    expect(t.core.api.writes().filter((w) => w.kind === 'Deployment' && w.verb === 'update').map((w) => w.actor)).toEqual(['horizontal-pod-autoscaler'])
  })

  it('follows spec.behavior when given: +4 pods per 15 s beats +100% from one replica', () => {
    const t = setup({ behavior: { scaleUp: { stabilizationWindowSeconds: 0 } } })
    t.metrics.usage.set('php-apache-1', 500)
    t.core.clock.advance(HPA_SYNC_PERIOD_MS)
    expect(t.replicas()).toBe(5)
  })

  it('does not scale down before the 5-minute stabilization window has passed', () => {
    const t = setup()
    t.core.api.patch('Deployment', 'default', 'php-apache', { spec: { replicas: 2 } }, ctx)
    t.addPod('php-apache-2')
    t.metrics.usage.set('php-apache-1', 2)
    t.metrics.usage.set('php-apache-2', 2)
    t.core.clock.advance(4 * 60_000)
    expect(t.replicas()).toBe(2)
    expect(t.conditions().AbleToScale[1]).toBe('ScaleDownStabilized')
    // The first sync (15 s) recorded 2; it leaves the window once older than 300 s: at the sync of 330 s.
    t.core.clock.advance(74_999)
    expect(t.replicas()).toBe(2)
    t.core.clock.advance(15_001)
    expect(t.replicas()).toBe(1)
    expect(t.events('SuccessfulRescale')).toEqual(['New size: 1; reason: All metrics below target'])
  })

  it('reports a target that does not exist', () => {
    const t = setup()
    t.core.api.delete('Deployment', 'default', 'php-apache', ctx)
    t.core.clock.advance(HPA_SYNC_PERIOD_MS)
    expect(t.conditions().AbleToScale).toEqual(['False', 'FailedGetScale', 'the HPA controller was unable to get the target\'s current scale: deployments.apps "php-apache" not found'])
    expect(t.events('FailedGetScale')).toEqual(['deployments.apps "php-apache" not found'])
  })

  it('writes nothing when nothing changed', () => {
    const t = setup()
    t.metrics.usage.set('php-apache-1', 100)
    t.core.clock.advance(2 * HPA_SYNC_PERIOD_MS)
    const rv = t.get().metadata!.resourceVersion
    t.core.clock.advance(2 * HPA_SYNC_PERIOD_MS)
    expect(t.get().metadata!.resourceVersion).toBe(rv)
    expect(t.core.api.get<Pod>('Pod', 'default', 'php-apache-1')).toBeDefined()
  })
})
