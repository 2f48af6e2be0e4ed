import { describe, it, expect } from 'vitest'
import { NodeResourcesBalancedAllocation } from './nodeResourcesBalancedAllocation'
import { SKIP } from '../types'
import { nodeInfo, podInfo } from '../testutil'

const plugin = new NodeResourcesBalancedAllocation()

describe('NodeResourcesBalancedAllocation Score', () => {
  it.each([
    ['equal cpu and memory fractions score 100', { cpu: '2', memory: '4Gi' }, 100],
    ['half the cpu and none of the memory scores 75', { cpu: '2', memory: '0' }, 75],
    ['all the cpu and none of the memory scores 50', { cpu: '4', memory: '0' }, 50],
  ])('%s', (_name, requests, want) => {
    const pod = podInfo({}, requests)
    const state = plugin.preScore(pod)
    expect(plugin.score(state as never, pod, nodeInfo('n'))).toBe(want)
  })

  it('is skipped for a pod that requests nothing', () => {
    expect(plugin.preScore(podInfo())).toBe(SKIP)
  })

  it('prefers the node where the pod evens out usage', () => {
    const pod = podInfo({}, { cpu: '1', memory: '1Gi' })
    const cpuHeavy = nodeInfo('cpu-heavy', {}, [podInfo({}, { cpu: '2' })])
    const memHeavy = nodeInfo('mem-heavy', {}, [podInfo({}, { memory: '4Gi' })])
    const state = plugin.preScore(pod) as never
    expect(plugin.score(state, pod, memHeavy)).toBeGreaterThan(plugin.score(state, pod, cpuHeavy))
  })
})
