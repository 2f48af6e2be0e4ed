import { describe, it, expect } from 'vitest'
import type { Container, LimitRange, Pod, PodSpec, ResourceQuota } from 'kubernetes-types/core/v1'
import { admitLimitRanger } from './limitranger'
import { admitResourceQuota, podUsage, sumUsage, usedFor } from './resourcequota'

const pod = (containers: Container[], extra: Partial<PodSpec> = {}): Pod =>
  ({ metadata: { name: 'p', namespace: 'ns' }, spec: { containers, ...extra } }) as Pod

describe('LimitRanger', () => {
  it('kube: maxLimitRequestRatio refuses a limit more than ratio times the request, printing the ratio with %f', () => {
    const lr: LimitRange = { spec: { limits: [{ type: 'Container', maxLimitRequestRatio: { memory: '2' } }] } }
    const p = pod([{ name: 'c', resources: { requests: { memory: '100Mi' }, limits: { memory: '250Mi' } } }])
    expect(() => admitLimitRanger(p, [lr])).toThrow('pods "p" is forbidden: memory max limit to request ratio per Container is 2, but provided ratio is 2.500000')
  })

  it('kube: several violations are listed in brackets (utilerrors aggregate)', () => {
    const lr: LimitRange = { spec: { limits: [{ type: 'Container', max: { memory: '1Gi', cpu: '1' } }] } }
    const p = pod([{ name: 'c', resources: { limits: { memory: '2Gi', cpu: '2' } } }])
    expect(() => admitLimitRanger(p, [lr])).toThrow('pods "p" is forbidden: [maximum memory usage per Container is 1Gi, but limit is 2Gi, maximum cpu usage per Container is 1, but limit is 2]')
  })

  it('kube: a Pod item bounds the sum of the containers', () => {
    const lr: LimitRange = { spec: { limits: [{ type: 'Pod', max: { cpu: '1' } }] } }
    const p = pod([
      { name: 'a', resources: { limits: { cpu: '600m' } } },
      { name: 'b', resources: { limits: { cpu: '600m' } } },
    ])
    expect(() => admitLimitRanger(p, [lr])).toThrow('maximum cpu usage per Pod is 1, but limit is 1200m')
  })
})

describe('ResourceQuota', () => {
  it('kube: an init container larger than the containers sets the pod usage', () => {
    const p = pod([{ name: 'a', resources: { requests: { cpu: '100m' } } }], {
      initContainers: [{ name: 'i', resources: { requests: { cpu: '500m' } } }],
    })
    expect(podUsage(p).get('requests.cpu')?.value).toBe(500)
  })

  it('kube: pods in a terminal phase do not count', () => {
    const done = { ...pod([]), status: { phase: 'Succeeded' } } as Pod
    const q: ResourceQuota = { spec: { hard: { pods: '3' } } }
    expect(usedFor(q, sumUsage([done, pod([])]))).toEqual({ pods: '1' })
  })

  it('a pod within every quota is admitted', () => {
    const q: ResourceQuota = { metadata: { name: 'q' }, spec: { hard: { pods: '2' } } }
    expect(() => admitResourceQuota(pod([{ name: 'c' }]), [q], sumUsage([pod([])]))).not.toThrow()
  })
})
