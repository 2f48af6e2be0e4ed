import { describe, it, expect } from 'vitest'
import { Framework, numFeasibleNodesToFind } from './framework'
import { defaultPlugins } from './plugins'
import { Random } from '../random'
import { nodeInfo, podInfo, CONTROL_PLANE_TAINT } from './testutil'
import type { NodeInfo } from './nodeinfo'

const framework = (percentage?: number) => new Framework(defaultPlugins(), new Random(1), { percentageOfNodesToScore: percentage })

/** The default Terrarium cluster: a tainted control plane and three 4-CPU workers. */
function defaultNodes(): NodeInfo[] {
  return [
    nodeInfo('control-plane', { taints: [CONTROL_PLANE_TAINT], labels: { 'node-role.kubernetes.io/control-plane': '' } }),
    nodeInfo('node-1'),
    nodeInfo('node-2'),
    nodeInfo('node-3'),
  ]
}

describe('numFeasibleNodesToFind (kube adaptive percentage of nodes to score)', () => {
  it.each([
    [4, 4],
    [99, 99],
    [100, 100], // 49% of 100 is 49, raised to the minimum of 100
    [200, 100],
    [1000, 420], // 50 - 1000/125 = 42%
    [5000, 500], // 10%
    [6000, 300], // 50 - 48 = 2%, raised to 5%
    [20000, 1000],
  ])('scores %d nodes by looking for %d feasible ones', (nodes, want) => {
    expect(numFeasibleNodesToFind(nodes)).toBe(want)
  })

  it('honours an explicit percentageOfNodesToScore', () => {
    expect(numFeasibleNodesToFind(1000, 100)).toBe(1000)
    expect(numFeasibleNodesToFind(1000, 20)).toBe(200)
  })
})

describe('Framework.schedulePod', () => {
  it('a pod requesting more CPU than any node has stays Pending with the exact FailedScheduling message', () => {
    const r = framework().schedulePod(podInfo({}, { cpu: '5' }), defaultNodes())
    expect(r.node).toBeUndefined()
    expect(r.message).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. ' +
      'no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..',
    )
    expect([...r.unschedulablePlugins].sort()).toEqual(['NodeResourcesFit', 'TaintToleration'])
  })

  it('nodes that are only full say no preemption victims were found', () => {
    const nodes = defaultNodes()
    for (const n of nodes.slice(1)) n.addPod(podInfo({}, { cpu: '3' }))
    const r = framework().schedulePod(podInfo({}, { cpu: '2' }), nodes)
    expect(r.message).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. ' +
      'no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, ' +
      '3 No preemption victims found for incoming pod..',
    )
  })

  it('a pod with preemptionPolicy Never says it is not eligible', () => {
    const r = framework().schedulePod(podInfo({ preemptionPolicy: 'Never' }, { cpu: '5' }), defaultNodes())
    expect(r.message).toMatch(/3 Insufficient cpu\. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never\.\.$/)
  })

  it('without nodes the pod waits for one', () => {
    expect(framework().schedulePod(podInfo(), []).message).toBe('no nodes available to schedule pods')
  })

  it('never picks the tainted control plane and reports the winner first with its plugin scores', () => {
    const r = framework().schedulePod(podInfo({}, { cpu: '1', memory: '1Gi' }), defaultNodes())
    expect(r.node).toMatch(/^node-/)
    expect(r.rejected.map((x) => [x.node.name, x.plugin])).toEqual([['control-plane', 'TaintToleration']])
    expect(r.topScores[0].node).toBe(r.node)
    const top = r.topScores[0]
    expect(Object.values(top.byPlugin).reduce((a, b) => a + b, 0)).toBe(top.total)
    expect(Object.keys(top.byPlugin).sort()).toEqual(['NodeResourcesBalancedAllocation', 'NodeResourcesFit', 'TaintToleration'])
  })

  it('prefers the emptier node (LeastAllocated)', () => {
    const nodes = defaultNodes()
    nodes[1].addPod(podInfo({}, { cpu: '2', memory: '2Gi' }))
    nodes[3].addPod(podInfo({}, { cpu: '1', memory: '1Gi' }))
    expect(framework().schedulePod(podInfo({}, { cpu: '500m', memory: '512Mi' }), nodes).node).toBe('node-2')
  })

  it('skips scoring when only one node is feasible, as kube does', () => {
    const r = framework().schedulePod(podInfo({ nodeSelector: { 'kubernetes.io/hostname': 'node-2' } }), defaultNodes())
    expect(r.node).toBe('node-2')
    expect(r.topScores).toEqual([])
    expect(r.feasibleNodes).toBe(1)
  })

  it('breaks ties with the seeded random source, deterministically', () => {
    const pick = (seed: number) => new Framework(defaultPlugins(), new Random(seed)).schedulePod(podInfo(), defaultNodes()).node
    const picks = new Set([1, 2, 3, 4, 5, 6, 7, 8].map(pick))
    expect(picks.size).toBeGreaterThan(1)
    expect(pick(7)).toBe(pick(7))
  })

  it('looks at only the adaptive share of a large cluster, starting where it stopped', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => nodeInfo(`n-${i}`))
    const f = framework()
    const first = f.schedulePod(podInfo(), nodes)
    expect(first.evaluatedNodes).toBe(420)
    expect(first.feasibleNodes).toBe(420)
    // The second cycle starts at node 420, so it can only choose among n-420..n-839.
    const second = f.schedulePod(podInfo(), nodes)
    const index = Number(second.node!.slice(2))
    expect(index).toBeGreaterThanOrEqual(420)
    expect(index).toBeLessThan(840)
  })
})
