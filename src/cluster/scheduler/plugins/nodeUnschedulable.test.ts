import { describe, it, expect } from 'vitest'
import type { Toleration } from 'kubernetes-types/core/v1'
import { NodeUnschedulable, ERR_REASON_UNSCHEDULABLE } from './nodeUnschedulable'
import { nodeInfo, podInfo } from '../testutil'

const plugin = new NodeUnschedulable()

describe('NodeUnschedulable Filter', () => {
  it.each<[string, boolean, Toleration[], boolean]>([
    ['a pod lands on a schedulable node', false, [], true],
    ["a pod can't land on a cordoned node", true, [], false],
    ['a pod tolerating node.kubernetes.io/unschedulable lands on a cordoned node',
      true, [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], true],
    ['tolerating another taint does not help on a cordoned node',
      true, [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], false],
  ])('%s', (_name, unschedulable, tolerations, fits) => {
    const status = plugin.filter(undefined, podInfo({ tolerations }), nodeInfo('n', { unschedulable }))
    expect(status).toEqual(fits ? undefined : { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_UNSCHEDULABLE] })
  })

  it('requeues pods when a node is uncordoned', () => {
    const pod = podInfo()
    const event = { kind: 'NodeUpdate' as const, old: nodeInfo('n', { unschedulable: true }), node: nodeInfo('n') }
    expect(plugin.isSchedulableAfter(pod, event)).toBe(true)
  })
})
