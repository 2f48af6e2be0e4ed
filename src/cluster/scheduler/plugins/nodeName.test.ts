import { describe, it, expect } from 'vitest'
import { NodeName, ERR_REASON } from './nodeName'
import { SKIP } from '../types'
import { nodeInfo, podInfo } from '../testutil'

const plugin = new NodeName()

describe('NodeName Filter', () => {
  it('is skipped for a pod that names no node', () => {
    expect(plugin.preFilter(podInfo())).toBe(SKIP)
  })

  it.each([
    ['a pod naming node-1 fits node-1', 'node-1', true],
    ["a pod naming node-1 doesn't fit node-2", 'node-2', false],
  ])('%s', (_name, node, fits) => {
    const pod = podInfo({ nodeName: 'node-1' })
    const status = plugin.filter(plugin.preFilter(pod) as string, pod, nodeInfo(node))
    expect(status?.reasons).toEqual(fits ? undefined : [ERR_REASON])
  })
})
