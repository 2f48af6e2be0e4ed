import { describe, it, expect } from 'vitest'
import { Framework } from './framework'
import { Random } from './../random'
import { defaultPlugins } from './plugins'
import { testCluster } from './plugins/testcluster'
import { numCandidates, TERMINATING_ON_NOMINATED_NODE } from './preemption'
import { newPodInfo } from './podinfo'
import { makePod } from './testutil'

function setup() {
  const c = testCluster([['small', { cpu: '2' }], ['big', { cpu: '3' }]])
  const framework = new Framework(defaultPlugins(undefined, c.handle), new Random(1), { handle: c.handle })
  const low = (name: string, node: string, priority = 0) =>
    c.cache.addPod(newPodInfo({ ...makePod(name, { priority }, { cpu: '1500m' }) }), node)
  const high = (extra: object = {}) => newPodInfo({ ...makePod('high', { priority: 1000 }, { cpu: '2' }), ...extra })
  return { c, framework, low, high }
}

describe('DefaultPreemption', () => {
  it('picks the node needing the fewest victims and names them', () => {
    const { c, framework, low, high } = setup()
    low('s1', 'small')
    low('b1', 'big')
    low('b2', 'big')
    const r = framework.schedulePod(high(), c.nodes())
    expect(r.node).toBeUndefined()
    expect(r.nominatedNode).toBe('small')
    expect(r.victims?.map((v) => v.name)).toEqual(['s1'])
    expect(r.message).toBe('0/2 nodes are available: 2 Insufficient cpu.')
    // The dry run leaves the cache as it was.
    expect(c.cache.node('big')!.podCount).toBe(2)
  })

  it('prefers evicting lower priority when the victim count ties', () => {
    const { c, framework, low, high } = setup()
    low('s1', 'small', 500)
    low('b1', 'big', 10)
    expect(framework.schedulePod(high(), c.nodes()).nominatedNode).toBe('big')
  })

  it('never evicts pods of equal or higher priority', () => {
    const { c, framework, low, high } = setup()
    low('s1', 'small', 1000)
    low('b1', 'big', 2000)
    low('b2', 'big', 2000)
    const r = framework.schedulePod(high(), c.nodes())
    expect(r.nominatedNode).toBeUndefined()
    expect(r.message).toBe('0/2 nodes are available: 2 Insufficient cpu. no new claims to deallocate, preemption: ' +
      '0/2 nodes are available: 2 No preemption victims found for incoming pod..')
  })

  it('waits for victims still terminating on the nominated node instead of preempting again', () => {
    const { c, framework, low, high } = setup()
    low('b1', 'big')
    low('b2', 'big')
    const base = makePod('s1', { priority: 0 }, { cpu: '1500m' })
    const victim = {
      ...base,
      metadata: { ...base.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' },
      status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] },
    }
    c.cache.addPod(newPodInfo(victim), 'small')
    // The handle reads victims through the informer; without one it sees the cached pod.
    c.handle.currentPod = () => victim
    const r = framework.schedulePod(high({ status: { nominatedNodeName: 'small' } }), c.nodes())
    expect(r.nominatedNode).toBeUndefined()
    expect(r.message).toMatch(new RegExp(`preemption: ${TERMINATING_ON_NOMINATED_NODE.replace(/\./g, '\\.')}\\.$`))
  })

  it('kube calculateNumCandidates: 10% of the nodes, at least 100, at most all', () => {
    expect([numCandidates(50), numCandidates(500), numCandidates(5000)]).toEqual([50, 100, 500])
  })
})
