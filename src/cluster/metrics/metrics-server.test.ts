import { describe, expect, it } from 'vitest'
import { createCore } from '../cluster'
import type { StatsSummary } from '../kubelet/usage'
import { MetricsServer, METRIC_RESOLUTION_MS } from './metrics-server'

const GiB = 1024 ** 3

/** One fake kubelet whose counters the test sets: node-1 with one pod of one container. */
function setup() {
  const core = createCore()
  const state = { cpuNs: 0, startTime: core.clock.now() - 60_000, up: true, memory: 10 * 1024 * 1024 }
  const summary = (): StatsSummary | undefined => state.up ? {
    nodeName: 'node-1', time: core.clock.now(), capacity: { cores: 4, bytes: 8 * GiB },
    system: { startTime: state.startTime, usageCoreNanoSeconds: (core.clock.now() - state.startTime) * 25e3, workingSetBytes: 180 * 1024 * 1024 },
    pods: [{ podRef: { name: 'web', namespace: 'default', uid: 'u1' }, containers: [{ name: 'nginx', startTime: state.startTime, usageCoreNanoSeconds: state.cpuNs, workingSetBytes: state.memory }] }],
  } : undefined
  const ms = new MetricsServer(core, { names: () => ['node-1'], kubelet: () => ({ statsSummary: summary }) })
  ms.start()
  return { core, ms, state }
}

describe('MetricsServer', () => {
  it('has nothing until two readings of a counter exist, then serves the rate between them', () => {
    const { core, ms, state } = setup()
    core.clock.settle()
    expect(ms.available()).toBe(false)
    // 100m for 15 s.
    state.cpuNs = 0.1 * 15e9
    core.clock.advance(METRIC_RESOLUTION_MS)
    expect(ms.pod('default', 'web')).toMatchObject({ timestamp: core.clock.now(), windowMs: 15_000, containers: [{ name: 'nginx', memoryBytes: 10 * 1024 * 1024 }] })
    expect(ms.pod('default', 'web')!.containers[0].cpuCores).toBeCloseTo(0.1, 9)
    // The node: its daemons (25m) plus its pods, working sets added.
    expect(ms.node('node-1')!.cpuCores).toBeCloseTo(0.125, 9)
    expect(ms.node('node-1')!.memoryBytes).toBe(190 * 1024 * 1024)
  })

  it('speaks metrics.k8s.io/v1beta1: nanocores and Ki, a timestamp and a window', () => {
    const { core, ms, state } = setup()
    core.clock.settle()
    state.cpuNs = 0.25 * 15e9
    core.clock.advance(METRIC_RESOLUTION_MS)
    expect(ms.podMetrics()).toEqual([{
      apiVersion: 'metrics.k8s.io/v1beta1', kind: 'PodMetrics',
      metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-01T09:00:15Z' },
      timestamp: '2026-01-01T09:00:15Z', window: '15s',
      containers: [{ name: 'nginx', usage: { cpu: '250000000n', memory: '10240Ki' } }],
    }])
  })

  it('measures a container younger than a resolution from its start once it is 10 s old (metrics-server freshContainerMinMetricsResolution)', () => {
    const { core, ms, state } = setup()
    core.clock.settle()
    core.clock.advance(METRIC_RESOLUTION_MS)
    // Restarted at 26 s: the scrape at 30 s finds it 4 s old (no metrics), the one at 45 s 19 s old (two readings).
    core.clock.advance(11_000)
    Object.assign(state, { startTime: core.clock.now(), cpuNs: 0 })
    core.clock.advance(4_000)
    expect(ms.pod('default', 'web')).toBeUndefined()
    state.cpuNs = 0.2 * 19e9
    core.clock.advance(METRIC_RESOLUTION_MS)
    expect(ms.pod('default', 'web')!.containers[0].cpuCores).toBeCloseTo((0.2 * 19) / 15, 6)
  })

  it('drops what an unreachable kubelet last said', () => {
    const { core, ms, state } = setup()
    core.clock.settle()
    core.clock.advance(2 * METRIC_RESOLUTION_MS)
    expect(ms.nodes().map((n) => n.name)).toEqual(['node-1'])
    state.up = false
    core.clock.advance(METRIC_RESOLUTION_MS)
    expect(ms.available()).toBe(false)
  })
})
