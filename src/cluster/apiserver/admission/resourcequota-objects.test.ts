import { describe, expect, it } from 'vitest'
import type { KindInfo, KubeObject } from '../types'
import { ApiError } from '../types'
import { admitObjectQuota, countedKinds, countResourceName, objectUsage } from './resourcequota-objects'

const info = (kind: string, resource: string, group = ''): KindInfo =>
  ({ kind, resource, group, singular: kind.toLowerCase(), shortNames: [], namespaced: true, categories: [], hasStatus: true, apiVersion: group ? `${group}/v1` : 'v1' })
const SERVICE = info('Service', 'services')
const PVC = info('PersistentVolumeClaim', 'persistentvolumeclaims')
const values = (u: ReturnType<typeof objectUsage>) => Object.fromEntries([...u].map(([k, v]) => [k, v.value / 1000]))

describe('object quota evaluators (kube: pkg/quota/v1/evaluator/core)', () => {
  it('names count/<resource> in the core group and count/<resource>.<group> elsewhere', () => {
    expect(countResourceName(SERVICE)).toBe('count/services')
    expect(countResourceName(info('Deployment', 'deployments', 'apps'))).toBe('count/deployments.apps')
  })

  it('a LoadBalancer Service uses one load balancer and a node port per port, unless it allocates none', () => {
    const svc = (extra: object) => ({ kind: 'Service', metadata: { name: 's' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }, { port: 81, nodePort: 30001 }], ...extra } }) as KubeObject
    expect(values(objectUsage(SERVICE, svc({})))).toEqual({ 'count/services': 1, services: 1, 'services.loadbalancers': 1, 'services.nodeports': 2 })
    expect(values(objectUsage(SERVICE, svc({ allocateLoadBalancerNodePorts: false })))['services.nodeports']).toBe(1)
  })

  it('a claim uses its requested storage, in total and for its class', () => {
    const pvc = { kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { storageClassName: 'gold', resources: { requests: { storage: '2Gi' } } } } as KubeObject
    expect(Object.keys(values(objectUsage(PVC, pvc))).sort()).toEqual([
      'count/persistentvolumeclaims', 'gold.storageclass.storage.k8s.io/persistentvolumeclaims', 'gold.storageclass.storage.k8s.io/requests.storage',
      'persistentvolumeclaims', 'requests.storage',
    ])
  })

  it('finds the kinds a quota counts, leaving pods to the pod evaluator', () => {
    const resolve = (r: string) => ({ 'deployments.apps': 'Deployment', pods: 'Pod' } as Record<string, string>)[r]
    expect([...countedKinds({ 'count/deployments.apps': '1', 'count/pods': '1', 'services.nodeports': '0', 'requests.storage': '1Gi', secrets: '1', cpu: '1' }, resolve)].sort())
      .toEqual(['Deployment', 'PersistentVolumeClaim', 'Secret', 'Service'])
  })

  it('refuses a create over the limit with 403 and the group-qualified resource', () => {
    const quota = { metadata: { name: 'q' }, spec: { hard: { 'count/deployments.apps': '1' } } }
    const dep = (name: string) => ({ kind: 'Deployment', metadata: { name } }) as KubeObject
    const deployments = info('Deployment', 'deployments', 'apps')
    expect(() => admitObjectQuota(deployments, dep('a'), [quota], () => [])).not.toThrow()
    let err: unknown
    try { admitObjectQuota(deployments, dep('b'), [quota], () => [dep('a')]) } catch (e) { err = e }
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).message).toBe('deployments.apps "b" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1')
  })
})
