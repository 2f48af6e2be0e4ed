import { describe, it, expect } from 'vitest'
import type { Taint, Toleration } from 'kubernetes-types/core/v1'
import { TaintToleration, ERR_REASON_UNTOLERATED } from './taintToleration'
import { nodeInfo, podInfo, CONTROL_PLANE_TAINT } from '../testutil'

const plugin = new TaintToleration()
const filter = (taints: Taint[], tolerations: Toleration[]) =>
  plugin.filter(undefined, podInfo({ tolerations }), nodeInfo('n', { taints }))

describe('TaintToleration Filter', () => {
  it.each<[string, Taint[], Toleration[], boolean]>([
    ['a pod with no tolerations can land on an untainted node', [], [], true],
    ["a pod with no tolerations can't land on a tainted node", [CONTROL_PLANE_TAINT], [], false],
    ['a pod tolerating the key with Exists lands on the tainted node',
      [CONTROL_PLANE_TAINT], [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }], true],
    ['a toleration with an empty key and Exists tolerates every taint',
      [CONTROL_PLANE_TAINT, { key: 'gpu', value: 'true', effect: 'NoExecute' }], [{ operator: 'Exists' }], true],
    ['an Equal toleration must match the value',
      [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }], [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }], false],
    ['an Equal toleration with the same value tolerates',
      [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }], true],
    ['a toleration for another effect does not tolerate',
      [{ key: 'k', effect: 'NoExecute' }], [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }], false],
    ['a toleration without an effect tolerates every effect of its key',
      [{ key: 'k', effect: 'NoExecute' }], [{ key: 'k', operator: 'Exists' }], true],
    ['a PreferNoSchedule taint never filters a node out', [{ key: 'k', effect: 'PreferNoSchedule' }], [], true],
    ['every NoSchedule taint must be tolerated, not just one',
      [CONTROL_PLANE_TAINT, { key: 'other', effect: 'NoSchedule' }],
      [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }], false],
  ])('%s', (_name, taints, tolerations, fits) => {
    expect(filter(taints, tolerations)).toEqual(fits ? undefined : { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_UNTOLERATED] })
  })

  it('words the reason as kube v1.35 does, without the taint', () => {
    expect(ERR_REASON_UNTOLERATED).toBe('node(s) had untolerated taint(s)')
  })
})

describe('TaintToleration Score', () => {
  it('prefers nodes with fewer untolerated PreferNoSchedule taints, normalised in reverse', () => {
    const pod = podInfo({ tolerations: [{ key: 'tolerated', operator: 'Exists', effect: 'PreferNoSchedule' }] })
    const prefer = (key: string): Taint => ({ key, effect: 'PreferNoSchedule' })
    const nodes = [
      nodeInfo('clean'),
      nodeInfo('one', { taints: [prefer('a')] }),
      nodeInfo('two', { taints: [prefer('a'), prefer('b')] }),
      nodeInfo('tolerated', { taints: [prefer('tolerated')] }),
    ]
    const state = plugin.preScore(pod)
    const scores = new Float64Array(nodes.map((n) => plugin.score(state, pod, n)))
    expect([...scores]).toEqual([0, 1, 2, 0])
    plugin.normalize(scores, scores.length)
    expect([...scores]).toEqual([100, 50, 0, 100])
  })

  it('gives every node the full score when none has such taints', () => {
    const scores = new Float64Array([0, 0, 0])
    plugin.normalize(scores, 3)
    expect([...scores]).toEqual([100, 100, 100])
  })
})

describe('TaintToleration queueing hint', () => {
  it('requeues a pod when the taint it could not tolerate is removed', () => {
    const pod = podInfo()
    const old = nodeInfo('n', { taints: [CONTROL_PLANE_TAINT] })
    expect(plugin.isSchedulableAfter(pod, { kind: 'NodeUpdate', old, node: nodeInfo('n') })).toBe(true)
    expect(plugin.isSchedulableAfter(pod, { kind: 'NodeUpdate', old, node: old })).toBe(false)
    expect(plugin.isSchedulableAfter(pod, { kind: 'NodeAdd', node: old })).toBe(false)
  })
})
