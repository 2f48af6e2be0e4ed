import { describe, it, expect } from 'vitest'
import type { PodAffinityTerm, PodSpec } from 'kubernetes-types/core/v1'
import {
  InterPodAffinity, ERR_REASON_AFFINITY, ERR_REASON_ANTI_AFFINITY, ERR_REASON_EXISTING_ANTI_AFFINITY,
} from './interPodAffinity'
import { SKIP } from '../types'
import { testCluster } from './testcluster'
import type { PodInfo } from '../podinfo'

const ZONES: [string, { labels: Record<string, string> }][] = [
  ['a1', { labels: { zone: 'a' } }], ['a2', { labels: { zone: 'a' } }], ['b1', { labels: { zone: 'b' } }],
]
const term = (app: string, topologyKey = 'zone'): PodAffinityTerm => ({ labelSelector: { matchLabels: { app } }, topologyKey })
const affinity = (t: PodAffinityTerm): Partial<PodSpec> => ({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [t] } } })
const anti = (t: PodAffinityTerm): Partial<PodSpec> => ({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [t] } } })

function verdicts(c: ReturnType<typeof testCluster>, pod: PodInfo) {
  const plugin = new InterPodAffinity(c.handle)
  const state = plugin.preFilter(pod)
  return Object.fromEntries(c.nodes().map((n) => [n.name, state === SKIP ? 'ok' : (plugin.filter(state, pod, n)?.reasons[0] ?? 'ok')]))
}

describe('InterPodAffinity Filter', () => {
  it('is skipped for a pod without terms when no running pod has required anti-affinity', () => {
    const c = testCluster(ZONES)
    c.bind('db', 'a1', { app: 'db' })
    expect(new InterPodAffinity(c.handle).preFilter(c.pending({ app: 'web' }))).toBe(SKIP)
  })

  it('required affinity admits only the zone that has a matching pod', () => {
    const c = testCluster(ZONES)
    c.bind('db', 'b1', { app: 'db' })
    expect(verdicts(c, c.pending({}, affinity(term('db'))))).toEqual({ a1: ERR_REASON_AFFINITY, a2: ERR_REASON_AFFINITY, b1: 'ok' })
  })

  it('the first pod of a group with affinity to itself may go anywhere', () => {
    const c = testCluster(ZONES)
    expect(verdicts(c, c.pending({ app: 'db' }, affinity(term('db'))))).toEqual({ a1: 'ok', a2: 'ok', b1: 'ok' })
  })

  it('a pod in another namespace does not count unless the term names it', () => {
    const c = testCluster(ZONES)
    c.bind('db', 'b1', { app: 'db' }, {}, 'other')
    expect(verdicts(c, c.pending({}, affinity(term('db')))).b1).toBe(ERR_REASON_AFFINITY)
    expect(verdicts(c, c.pending({}, affinity({ ...term('db'), namespaces: ['other'] }))).b1).toBe('ok')
  })

  it('required anti-affinity keeps the pod out of the whole zone', () => {
    const c = testCluster(ZONES)
    c.bind('web-1', 'a1', { app: 'web' })
    expect(verdicts(c, c.pending({ app: 'web' }, anti(term('web'))))).toEqual({
      a1: ERR_REASON_ANTI_AFFINITY, a2: ERR_REASON_ANTI_AFFINITY, b1: 'ok',
    })
  })

  it("a running pod's anti-affinity keeps matching pods out of its domain", () => {
    const c = testCluster(ZONES)
    c.bind('loner', 'a1', { app: 'loner' }, anti(term('web', 'kubernetes.io/hostname')))
    expect(verdicts(c, c.pending({ app: 'web' }))).toEqual({ a1: ERR_REASON_EXISTING_ANTI_AFFINITY, a2: 'ok', b1: 'ok' })
  })

  it('matches the kube reasons word for word', () => {
    expect([ERR_REASON_AFFINITY, ERR_REASON_ANTI_AFFINITY, ERR_REASON_EXISTING_ANTI_AFFINITY]).toEqual([
      "node(s) didn't match pod affinity rules",
      "node(s) didn't match pod anti-affinity rules",
      "node(s) didn't satisfy existing pods anti-affinity rules",
    ])
  })
})

describe('InterPodAffinity Score', () => {
  it('adds preferred affinity weights per zone and subtracts anti-affinity, scaled min..max to 0..100', () => {
    const c = testCluster(ZONES)
    c.bind('db', 'b1', { app: 'db' })
    c.bind('noisy', 'a2', { app: 'noisy' })
    const pod = c.pending({}, {
      affinity: {
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 80, podAffinityTerm: term('db') }] },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, podAffinityTerm: term('noisy', 'kubernetes.io/hostname') }] },
      },
    })
    const plugin = new InterPodAffinity(c.handle)
    const nodes = c.nodes()
    const state = plugin.preScore(pod, nodes, nodes.length)
    if (state === SKIP) throw new Error('expected a score state')
    const scores = new Float64Array(nodes.map((n) => plugin.score(state, pod, n)))
    expect([...scores]).toEqual([0, -20, 80])
    plugin.normalize(scores, scores.length)
    expect([...scores]).toEqual([20, 0, 100])
  })

  it("an existing pod's required affinity term gives a matching pod hardPodAffinityWeight 1", () => {
    const c = testCluster(ZONES)
    c.bind('web', 'a1', { app: 'web' }, affinity(term('cache')))
    const plugin = new InterPodAffinity(c.handle)
    const nodes = c.nodes()
    const state = plugin.preScore(c.pending({ app: 'cache' }), nodes, nodes.length)
    if (state === SKIP) throw new Error('expected a score state')
    expect(nodes.map((n) => plugin.score(state, c.pending({}), n))).toEqual([1, 1, 0])
  })
})
