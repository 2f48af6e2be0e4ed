// The worker asks every frame whether traffic moved; idle() answers without copying counters.
import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster'

describe('TrafficGenerator.idle', () => {
  it('is idle with no generator and no request since the last snapshot', () => {
    const c = createCluster()
    expect(c.traffic.idle()).toBe(true)
    c.traffic.start({ name: 'g', url: 'http://172.18.255.250', rps: 10 })
    expect(c.traffic.idle()).toBe(false)
    c.clock.advance(1_000)
    c.traffic.stop('g')
    // Its last requests are still to be shown once.
    expect(c.traffic.idle()).toBe(false)
    expect(c.traffic.snapshot().recent.length).toBeGreaterThan(0)
    expect(c.traffic.idle()).toBe(true)
  })
})
