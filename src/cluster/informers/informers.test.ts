import { describe, expect, it } from 'vitest'
import { createCore } from '../cluster'
import { ApiError, type KubeObject } from '../apiserver/types'
import { INDEX_NODE_NAME, nodeNameIndex } from './informer'
import { WorkQueue } from './workqueue'

const ctx = { actor: 'test' }
const pod = (name: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
})

describe('Informer', () => {
  it('lists existing objects, follows changes and keeps indexes current', () => {
    const core = createCore()
    core.api.create(pod('a'), ctx)
    const pods = core.informers.for('Pod')
    pods.addIndex(INDEX_NODE_NAME, nodeNameIndex)
    expect(pods.list('default').map((p) => p.metadata!.name)).toEqual(['a'])
    core.api.create(pod('b'), ctx)
    core.api.bind('default', 'b', 'node-1', ctx)
    expect(pods.byIndex(INDEX_NODE_NAME, 'node-1').map((p) => p.metadata!.name)).toEqual(['b'])
    core.api.delete('Pod', 'default', 'a', ctx)
    expect(pods.get('default', 'a')).toBeUndefined()
    expect(pods.size).toBe(1)
  })

  it('is shared: one informer per kind', () => {
    const core = createCore()
    expect(core.informers.for('Pod')).toBe(core.informers.for('Pod'))
  })
})

describe('WorkQueue', () => {
  it('dedupes a key queued many times before it runs', () => {
    const core = createCore()
    const runs: string[] = []
    const q = new WorkQueue(core.clock, 'test', (k) => runs.push(k))
    q.add('a'); q.add('a'); q.add('b'); q.add('a')
    core.clock.settle()
    expect(runs).toEqual(['a', 'b'])
  })

  it('retries a conflict with exponential back-off from 5 ms (client-go default)', () => {
    const core = createCore()
    const times: number[] = []
    const start = core.clock.now()
    const q = new WorkQueue(core.clock, 'test', () => {
      times.push(core.clock.now() - start)
      if (times.length < 4) throw new ApiError(409, 'Conflict', 'conflict')
    })
    q.add('a')
    core.clock.advance(1000)
    expect(times).toEqual([0, 5, 15, 35])
  })

  it('a NotFound ends the key quietly', () => {
    const core = createCore()
    let n = 0
    const q = new WorkQueue(core.clock, 'test', () => {
      n++
      throw new ApiError(404, 'NotFound', 'gone')
    })
    q.add('a')
    core.clock.advance(10_000)
    expect(n).toBe(1)
    expect(q.errors.size).toBe(0)
  })

  it('addAfter runs the key at the requested virtual time', () => {
    const core = createCore()
    let at = 0
    const q = new WorkQueue(core.clock, 'test', () => (at = core.clock.now()))
    const start = core.clock.now()
    q.addAfter('a', 300_000)
    core.clock.advance(299_999)
    expect(at).toBe(0)
    core.clock.advance(1)
    expect(at - start).toBe(300_000)
  })
})
