import { describe, it, expect } from 'vitest'
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1'
import { PodTopologySpread, ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './podTopologySpread'
import { SKIP } from '../types'
import { testCluster } from './testcluster'

const spread = (o: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({
  maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { foo: 'bar' } }, ...o,
})

// The docs' cluster: node1 and node2 in zoneA, node3 and node4 in zoneB.
const DOCS: [string, { labels: Record<string, string> }][] = [
  ['node1', { labels: { zone: 'zoneA' } }], ['node2', { labels: { zone: 'zoneA' } }],
  ['node3', { labels: { zone: 'zoneB' } }], ['node4', { labels: { zone: 'zoneB' } }],
]

function verdicts(c: ReturnType<typeof testCluster>, constraints: TopologySpreadConstraint[], labels = { foo: 'bar' }) {
  const plugin = new PodTopologySpread(c.handle)
  const pod = c.pending(labels, { topologySpreadConstraints: constraints })
  const state = plugin.preFilter(pod)
  return Object.fromEntries(c.nodes().map((n) => [n.name, state === SKIP ? 'ok' : (plugin.filter(state, pod, n)?.reasons[0] ?? 'ok')]))
}

describe('PodTopologySpread Filter', () => {
  it('docs one-constraint: with 2 matching pods in zoneA and 1 in zoneB only zoneB is allowed', () => {
    const c = testCluster(DOCS)
    c.bind('p1', 'node1', { foo: 'bar' })
    c.bind('p2', 'node2', { foo: 'bar' })
    c.bind('p3', 'node3', { foo: 'bar' })
    expect(verdicts(c, [spread()])).toEqual({
      node1: ERR_REASON_CONSTRAINTS_NOT_MATCH, node2: ERR_REASON_CONSTRAINTS_NOT_MATCH, node3: 'ok', node4: 'ok',
    })
  })

  it('maxSkew 2 lets zoneA take one more', () => {
    const c = testCluster(DOCS)
    c.bind('p1', 'node1', { foo: 'bar' })
    c.bind('p2', 'node2', { foo: 'bar' })
    c.bind('p3', 'node3', { foo: 'bar' })
    expect(Object.values(verdicts(c, [spread({ maxSkew: 2 })]))).toEqual(['ok', 'ok', 'ok', 'ok'])
  })

  it('a pod that does not match its own selector does not count itself', () => {
    const c = testCluster(DOCS)
    c.bind('p1', 'node1', { foo: 'bar' })
    expect(verdicts(c, [spread()], { other: 'x' } as never).node1).toBe('ok')
  })

  it('with fewer eligible domains than minDomains the global minimum is 0', () => {
    const c = testCluster(DOCS)
    c.bind('p1', 'node1', { foo: 'bar' })
    c.bind('p3', 'node3', { foo: 'bar' })
    expect(verdicts(c, [spread()]).node1).toBe('ok')
    expect(verdicts(c, [spread({ minDomains: 3 })]).node1).toBe(ERR_REASON_CONSTRAINTS_NOT_MATCH)
  })

  it('a node without the topology key is rejected with the missing-label reason', () => {
    const c = testCluster([...DOCS, ['bare', { labels: {} }]])
    expect(verdicts(c, [spread()]).bare).toBe(ERR_REASON_NODE_LABEL_NOT_MATCH)
  })

  it('nodeAffinityPolicy Honor (default) leaves nodes the pod cannot use out of the domains', () => {
    const c = testCluster(DOCS)
    c.bind('p1', 'node1', { foo: 'bar' })
    const plugin = new PodTopologySpread(c.handle)
    const pod = c.pending({ foo: 'bar' }, { topologySpreadConstraints: [spread()], nodeSelector: { zone: 'zoneA' } })
    const state = plugin.preFilter(pod)
    if (state === SKIP) throw new Error('expected state')
    expect([...state.counts[0]]).toEqual([['zoneA', 1]])
    const ignore = c.pending({ foo: 'bar' }, { topologySpreadConstraints: [spread({ nodeAffinityPolicy: 'Ignore' })], nodeSelector: { zone: 'zoneA' } })
    const s2 = plugin.preFilter(ignore)
    if (s2 === SKIP) throw new Error('expected state')
    expect([...s2.counts[0]].sort()).toEqual([['zoneA', 1], ['zoneB', 0]])
  })
})

describe('PodTopologySpread Score', () => {
  it('ScheduleAnyway prefers the zone with fewer matching pods', () => {
    const c = testCluster(DOCS)
    c.bind('p1', 'node1', { foo: 'bar' })
    c.bind('p2', 'node2', { foo: 'bar' })
    const plugin = new PodTopologySpread(c.handle)
    const pod = c.pending({ foo: 'bar' }, { topologySpreadConstraints: [spread({ whenUnsatisfiable: 'ScheduleAnyway' })] })
    const nodes = c.nodes()
    const state = plugin.preScore(pod, nodes, nodes.length)
    if (state === SKIP) throw new Error('expected state')
    const scores = new Float64Array(nodes.length)
    plugin.scoreNodes(state, pod, nodes, nodes.length, scores)
    // kube: count × log(domains + 2) + (maxSkew - 1), rounded: 2 × ln 4 ≈ 2.77 → 3, and 0.
    expect([...scores]).toEqual([3, 3, 0, 0])
    plugin.normalize(scores, nodes.length, state, nodes)
    expect([...scores]).toEqual([0, 0, 100, 100])
  })

  it('a pod without constraints and without a Service or controller gets no default constraints', () => {
    const c = testCluster(DOCS)
    const plugin = new PodTopologySpread(c.handle)
    const nodes = c.nodes()
    expect(plugin.preScore(c.pending({ app: 'x' }), nodes, nodes.length)).toBe(SKIP)
  })
})
