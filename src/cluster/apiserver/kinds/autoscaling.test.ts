import { describe, expect, it } from 'vitest'
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2'
import { createCore } from '../../cluster'
import { ApiError, type KubeObject } from '../types'
import { toV1 } from './autoscaling'

const ctx = { actor: 'test' }

const v2 = (spec: Record<string, unknown>, name = 'php-apache'): KubeObject => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, maxReplicas: 10, ...spec },
} as KubeObject)

function causes(fn: () => unknown): string[] {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e.causes.map((c) => `${c.field}: ${c.message}`)
    throw e
  }
  throw new Error('expected an ApiError')
}

describe('HorizontalPodAutoscaler kind', () => {
  it('stores autoscaling/v2 with minReplicas 1 and an empty status (kube: SetDefaults_HorizontalPodAutoscaler)', () => {
    const { api } = createCore()
    const hpa = api.create(v2({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] }), ctx) as HorizontalPodAutoscaler
    expect(hpa.apiVersion).toBe('autoscaling/v2')
    expect(hpa.spec!.minReplicas).toBe(1)
    expect(hpa.spec!.behavior).toBeUndefined()
    expect(hpa.status).toEqual({ desiredReplicas: 0 })
  })

  it('defaults the metrics to 80% cpu utilization when none are given', () => {
    const { api } = createCore()
    const hpa = api.create(v2({}), ctx) as HorizontalPodAutoscaler
    expect(hpa.spec!.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }])
  })

  it('fills the rules a given behavior leaves out with the defaults (scale up 0 s, Pods 4 and Percent 100 per 15 s; scale down 300 s)', () => {
    const { api } = createCore()
    const hpa = api.create(v2({ behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } }), ctx) as HorizontalPodAutoscaler
    expect(hpa.spec!.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    })
  })

  it('accepts autoscaling/v1 and converts targetCPUUtilizationPercentage to a cpu Utilization metric', () => {
    const { api } = createCore()
    api.create({
      apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'frontend-scaler' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend' }, minReplicas: 3, maxReplicas: 10, targetCPUUtilizationPercentage: 50 },
    } as KubeObject, ctx)
    const hpa = api.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'default', 'frontend-scaler')
    expect(hpa.apiVersion).toBe('autoscaling/v2')
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend' }, minReplicas: 3, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    })
    expect(toV1(hpa).spec!.targetCPUUtilizationPercentage).toBe(50)
    expect(api.kinds().find((k) => k.kind === 'HorizontalPodAutoscaler')!.alternateVersions).toEqual(['autoscaling/v1'])
  })

  it('still refuses a version it does not serve', () => {
    const { api } = createCore()
    expect(() => api.create({ ...v2({}), apiVersion: 'autoscaling/v2beta1' }, ctx)).toThrow('no matches for kind "HorizontalPodAutoscaler" in version "autoscaling/v2beta1"')
  })

  it('reports the API server\'s field errors', () => {
    const { api } = createCore()
    expect(causes(() => api.create(v2({ minReplicas: 0, scaleTargetRef: { kind: 'Deployment' } }), ctx))).toEqual([
      'spec.scaleTargetRef.name: Required value',
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
    ])
    expect(causes(() => api.create(v2({ minReplicas: 5, maxReplicas: 2 }), ctx))).toEqual([
      'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    ])
    expect(causes(() => api.create(v2({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }] }), ctx))).toEqual([
      'spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization',
    ])
    expect(causes(() => api.create(v2({ metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi', averageUtilization: 0 } } }] }), ctx))).toEqual([
      'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
      'spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization',
    ])
    expect(causes(() => api.create(v2({ behavior: { scaleUp: { policies: [{ type: 'Pods', value: 0, periodSeconds: 1801 }] } } }), ctx))).toEqual([
      'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: must be greater than zero and less than or equal to 1800',
      'spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero',
    ])
  })
})
