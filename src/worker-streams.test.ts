import { describe, expect, it } from 'vitest'
import { createCluster } from './cluster/cluster'
import { followLogs, runKubectl, watchGet } from './cluster/kubectl/index'
import { StreamRelay } from './worker-streams'

describe('StreamRelay', () => {
  it('streams a kubectl get -w by stream id, one output message per stream per frame, until stopped', () => {
    const cluster = createCluster({ seed: 1 })
    const relay = new StreamRelay()
    runKubectl(cluster, 'create deployment web --image=nginx')
    cluster.clock.settle()
    expect(relay.start(7, watchGet, cluster, 'get deploy -w', {})).toBe(true)
    const first = relay.drain()
    expect(first).toHaveLength(1)
    expect(first[0]).toMatchObject({ type: 'output', stream: 7 })
    const text = (m: (typeof first)[number]) => (m.type === 'output' ? m.chunks.map((c) => c.text).join('') : '')
    expect(text(first[0])).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s/)
    runKubectl(cluster, 'scale deploy web --replicas=3')
    cluster.clock.advance(5_000)
    const next = relay.drain()
    expect(next).toHaveLength(1)
    expect(text(next[0])).toMatch(/^web\s+/m)
    expect(relay.stop(7)).toBe(true)
    runKubectl(cluster, 'scale deploy web --replicas=1')
    cluster.clock.advance(5_000)
    expect(relay.drain()).toEqual([])
    expect(relay.running).toBe(0)
  })

  it('does not start a line that is not a watch', () => {
    const cluster = createCluster({ seed: 1 })
    const relay = new StreamRelay()
    expect(relay.start(1, watchGet, cluster, 'get pods', {})).toBe(false)
    expect(relay.drain()).toEqual([])
  })
})

describe('StreamRelay with a stream that ends by itself', () => {
  it('sends the last output with ended, and forgets the stream', () => {
    const cluster = createCluster({ seed: 1 })
    const relay = new StreamRelay()
    runKubectl(cluster, `run once --image=busybox --restart=Never -- sh -c 'echo hi; sleep 2; echo bye'`)
    cluster.clock.advance(5_000)
    const start = (h: typeof cluster, line: string, o: object, emit: Parameters<typeof followLogs>[3], end: () => void) => followLogs(h, line, o, emit, end)
    expect(relay.start(3, start, cluster, 'logs -f once', {})).toBe(true)
    cluster.clock.advance(2_000)
    const out = relay.drain()
    expect(out).toEqual([{ type: 'output', stream: 3, chunks: [{ stream: 'stdout', text: 'hi\nbye\n' }], ended: true }])
    expect(relay.running).toBe(0)
  })
})
