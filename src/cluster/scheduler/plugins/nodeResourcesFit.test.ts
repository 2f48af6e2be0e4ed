import { describe, it, expect } from 'vitest'
import type { PodSpec } from 'kubernetes-types/core/v1'
import { NodeResourcesFit, leastRequestedScore } from './nodeResourcesFit'
import { nodeInfo, podInfo, type NodeOptions } from '../testutil'
import type { PodInfo } from '../podinfo'

const plugin = new NodeResourcesFit()

function filter(pod: PodInfo, node: NodeOptions, existing: PodInfo[] = []) {
  return plugin.filter(plugin.preFilter(pod), pod, nodeInfo('n', node, existing))
}

describe('NodeResourcesFit Filter', () => {
  const half = podInfo({}, { cpu: '2', memory: '4Gi' })
  it.each<[string, PodInfo, NodeOptions, PodInfo[], { code: string; reasons: string[] } | undefined]>([
    ['a pod that fits the free room lands', podInfo({}, { cpu: '1', memory: '1Gi' }), {}, [half], undefined],
    ['a pod asking for more cpu than is left does not fit', podInfo({}, { cpu: '3' }), {}, [half],
      { code: 'Unschedulable', reasons: ['Insufficient cpu'] }],
    ['a pod asking for more memory than is left does not fit', podInfo({}, { memory: '5Gi' }), {}, [half],
      { code: 'Unschedulable', reasons: ['Insufficient memory'] }],
    ['both shortages are reported, cpu first', podInfo({}, { cpu: '3', memory: '5Gi' }), {}, [half],
      { code: 'Unschedulable', reasons: ['Insufficient cpu', 'Insufficient memory'] }],
    ['asking for more than the whole node has cannot be helped by preemption', podInfo({}, { cpu: '5' }), {}, [],
      { code: 'UnschedulableAndUnresolvable', reasons: ['Insufficient cpu'] }],
    ['a node with its pod slots used up takes no pod, even one without requests', podInfo(), { pods: 1 }, [podInfo()],
      { code: 'Unschedulable', reasons: ['Too many pods'] }],
    ['a pod with no requests fits a node whose cpu is all requested', podInfo(), { cpu: '2' }, [half], undefined],
    ['extended resources must be available', podInfo({}, { 'nvidia.com/gpu': '1' }), {}, [],
      { code: 'UnschedulableAndUnresolvable', reasons: ['Insufficient nvidia.com/gpu'] }],
    ['extended resources the node offers fit', podInfo({}, { 'nvidia.com/gpu': '1' }), { extra: { 'nvidia.com/gpu': '2' } }, [], undefined],
    ['millicores add up exactly', podInfo({}, { cpu: '100m' }), { cpu: '1' }, Array.from({ length: 9 }, () => podInfo({}, { cpu: '0.1' })), undefined],
  ])('%s', (_name, pod, node, existing, want) => {
    expect(filter(pod, node, existing)).toEqual(want)
  })

  it('counts init containers by the largest one, not their sum (kube PodRequests)', () => {
    const spec: Partial<PodSpec> = {
      initContainers: [
        { name: 'init-1', resources: { requests: { cpu: '2', memory: '1G' } } },
        { name: 'init-2', resources: { requests: { cpu: '2', memory: '3G' } } },
      ],
      containers: [
        { name: 'c1', resources: { requests: { cpu: '2', memory: '1G' } } },
        { name: 'c2', resources: { requests: { cpu: '1', memory: '1G' } } },
      ],
    }
    const pod = podInfo(spec)
    expect(pod.requests).toEqual({ milliCPU: 3000, memory: 3e9 })
    expect(filter(pod, { cpu: '3', memory: '3G' })).toBeUndefined()
    expect(filter(pod, { cpu: '3', memory: '2G' })).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['Insufficient memory'] })
  })
})

describe('NodeResourcesFit Score (LeastAllocated)', () => {
  it.each([
    [0, 4000, 100],
    [1000, 4000, 75],
    [4000, 4000, 0],
    [5000, 4000, 0],
    [1, 3, 66],
  ])('%d of %d requested scores %d', (requested, capacity, want) => {
    expect(leastRequestedScore(requested, capacity)).toBe(want)
  })

  it('averages cpu and memory, counting the incoming pod', () => {
    const pod = podInfo({}, { cpu: '1', memory: '2Gi' })
    expect(plugin.score(plugin.preScore(pod), pod, nodeInfo('n'))).toBe(75)
    const busy = nodeInfo('busy', {}, [podInfo({}, { cpu: '2', memory: '2Gi' })])
    expect(plugin.score(plugin.preScore(pod), pod, busy)).toBe(Math.trunc((25 + 50) / 2))
  })

  it('scores a container without requests as 100m cpu and 200Mi memory', () => {
    const pod = podInfo()
    expect(pod.nonZeroRequests).toEqual({ milliCPU: 100, memory: 200 * 1024 * 1024 })
    const cpu = Math.trunc(((4000 - 100) * 100) / 4000)
    const mem = Math.trunc(((8 * 1024 ** 3 - 200 * 1024 ** 2) * 100) / (8 * 1024 ** 3))
    expect(plugin.score(plugin.preScore(pod), pod, nodeInfo('n'))).toBe(Math.trunc((cpu + mem) / 2))
  })
})
