import { describe, expect, it } from 'vitest'
import type { Container } from 'kubernetes-types/core/v1'
import type { ContainerRun } from './container-run'
import { footprint, NodeUsage } from './usage'

function container(spec: Partial<Container>, startedAt = 0): ContainerRun {
  return { name: 'c', state: 'running', startedAt, containerID: 'containerd://abc', memoryBytes: 0, spec: { name: 'c', image: 'registry.k8s.io/hpa-example', ...spec } } as ContainerRun
}

describe('NodeUsage', () => {
  let now = 0
  const clock = () => now

  it('counts an idle base plus the CPU time of the requests served', () => {
    now = 0
    const usage = new NodeUsage(4, clock)
    const c = container({})
    for (let t = 0; t < 10_000; t += 10) {
      now = t
      usage.served(c, 2)
    }
    now = 10_000
    const cores = usage.stats(c)!.usageCoreNanoSeconds / 1e9 / 10
    // 2 ms every 10 ms is 200m, plus php-apache's ~1m idle.
    expect(cores).toBeGreaterThan(0.2)
    expect(cores).toBeLessThan(0.203)
  })

  it('never runs faster than the CPU limit: the excess is throttled (CFS quota)', () => {
    now = 0
    const usage = new NodeUsage(4, clock)
    const c = container({ resources: { limits: { cpu: '500m' } } })
    for (let t = 0; t < 10_000; t += 10) {
      now = t
      usage.served(c, 8)
    }
    now = 10_000
    expect(usage.stats(c)!.usageCoreNanoSeconds / 1e9 / 10).toBeCloseTo(0.5, 3)
  })

  it('is capped by the node\'s cores when the container has no limit', () => {
    now = 0
    const usage = new NodeUsage(2, clock)
    const c = container({})
    for (let t = 0; t < 1000; t += 1) {
      now = t
      usage.served(c, 5)
    }
    now = 1000
    expect(usage.stats(c)!.usageCoreNanoSeconds / 1e9).toBeCloseTo(2, 2)
  })

  it('reports nothing for a container that is not running, and starts again from zero after a restart', () => {
    now = 5000
    const usage = new NodeUsage(4, clock)
    const c = container({}, 0)
    usage.served(c, 100)
    now = 6000
    expect(usage.stats(c)!.usageCoreNanoSeconds).toBeGreaterThan(100e6)
    c.state = 'terminated'
    expect(usage.stats(c)).toBeUndefined()
    Object.assign(c, { state: 'running', startedAt: 6000 })
    expect(usage.stats(c)).toMatchObject({ startTime: 6000, usageCoreNanoSeconds: 0 })
  })

  it('adds the memory a program took to its image\'s working set', () => {
    const usage = new NodeUsage(4, clock)
    const c = container({ image: 'polinux/stress' })
    const base = usage.stats(c)!.workingSetBytes
    c.memoryBytes = 150 * 1024 * 1024
    expect(usage.stats(c)!.workingSetBytes).toBe(base + 150 * 1024 * 1024)
  })
})

describe('footprint', () => {
  it('gives each well-known image its idle figures, and a shell loop a few millicores', () => {
    expect(footprint({ name: 'n', image: 'nginx:1.14.2' }).memoryBytes).toBeLessThan(10 * 1024 * 1024)
    expect(footprint({ name: 'b', image: 'busybox:1.28' }).idleMillicores).toBe(0)
    expect(footprint({ name: 'b', image: 'busybox:1.28', command: ['/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done'] }).idleMillicores).toBeGreaterThan(3)
    // docs (Assign CPU Resources): `vish/stress -cpus 2` keeps two cores busy.
    expect(footprint({ name: 's', image: 'vish/stress', args: ['-cpus', '2'] }).idleMillicores).toBe(2000)
  })
})
