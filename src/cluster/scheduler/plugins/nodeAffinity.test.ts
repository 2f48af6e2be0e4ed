import { describe, it, expect } from 'vitest'
import type { NodeSelectorTerm, PodSpec } from 'kubernetes-types/core/v1'
import { NodeAffinity, ERR_REASON_POD } from './nodeAffinity'
import { SKIP } from '../types'
import { nodeInfo, podInfo } from '../testutil'

const plugin = new NodeAffinity()
const required = (...nodeSelectorTerms: NodeSelectorTerm[]): Partial<PodSpec> => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } },
})

const REJECTED = { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_POD] }

function filter(spec: Partial<PodSpec>, labels: Record<string, string>, name = 'node-1') {
  const pod = podInfo(spec)
  const state = plugin.preFilter(pod)
  return state === SKIP ? undefined : plugin.filter(state, pod, nodeInfo(name, { labels }))
}

describe('NodeAffinity Filter', () => {
  it('is skipped for a pod without nodeSelector or required affinity', () => {
    expect(plugin.preFilter(podInfo())).toBe(SKIP)
  })

  it.each<[string, Partial<PodSpec>, Record<string, string>, boolean]>([
    ['a pod with nodeSelector disktype=ssd lands on an ssd node', { nodeSelector: { disktype: 'ssd' } }, { disktype: 'ssd' }, true],
    ["a pod with nodeSelector disktype=ssd can't land on a node without the label", { nodeSelector: { disktype: 'ssd' } }, {}, false],
    ['every nodeSelector label must match', { nodeSelector: { disktype: 'ssd', zone: 'a' } }, { disktype: 'ssd', zone: 'b' }, false],
    ['In matches one of the values', required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }), { zone: 'b' }, true],
    ['In needs the label', required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }), {}, false],
    ['NotIn matches a node without the label', required({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }), {}, true],
    ['NotIn rejects a listed value', required({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }), { zone: 'a' }, false],
    ['Exists needs the key', required({ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }), { gpu: '' }, true],
    ['DoesNotExist rejects the key', required({ matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] }), { gpu: 'x' }, false],
    ['Gt compares integers', required({ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] }), { cores: '16' }, true],
    ['Lt compares integers', required({ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['8'] }] }), { cores: '16' }, false],
    ['terms are ORed: one matching term is enough',
      required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }),
      { zone: 'b' }, true],
    ['expressions in one term are ANDed',
      required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'gpu', operator: 'Exists' }] }), { zone: 'a' }, false],
    ['an empty term matches no node', required({}), { zone: 'a' }, false],
    ['matchFields selects by node name', required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }), {}, true],
    ['nodeSelector and affinity must both match',
      { nodeSelector: { disktype: 'ssd' }, ...required({ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }) },
      { zone: 'a' }, false],
  ])('%s', (_name, spec, labels, want) => {
    expect(filter(spec, labels)).toEqual(want ? undefined : REJECTED)
  })
})

describe('NodeAffinity Score', () => {
  it('adds the weights of the preferred terms a node matches and normalises to 100', () => {
    const pod = podInfo({
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
            { weight: 50, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } },
          ],
        },
      },
    })
    const state = plugin.preScore(pod)
    expect(state).not.toBe(SKIP)
    const nodes = [nodeInfo('a', { labels: { zone: 'a' } }), nodeInfo('b', { labels: { disktype: 'ssd' } }),
      nodeInfo('c', { labels: { zone: 'a', disktype: 'ssd' } }), nodeInfo('d')]
    const scores = new Float64Array(nodes.map((n) => plugin.score(state as never, pod, n)))
    expect([...scores]).toEqual([1, 50, 51, 0])
    plugin.normalize(scores, 4)
    expect([...scores]).toEqual([1, 98, 100, 0])
  })

  it('is skipped without preferred terms', () => {
    expect(plugin.preScore(podInfo())).toBe(SKIP)
  })
})
