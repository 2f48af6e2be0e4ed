import { describe, it, expect } from 'vitest'
import { TrafficRelay, pickRecent, toRuleViews, type NetworkLike } from './worker-traffic'
import type { TrafficRequest } from './protocol/messages'
import type { ServiceRule } from './cluster/network/kube-proxy'

const req = (at: number, ok: boolean): TrafficRequest => ({ at, source: 'svc-web', url: 'http://web', ok, service: 'default/web', pod: 'default/web-1', node: 'node-1' })

function fakeNetwork(): NetworkLike & { recent: TrafficRequest[]; running: Map<string, number> } {
  const running = new Map<string, number>()
  const net = {
    recent: [] as TrafficRequest[],
    running,
    traffic: {
      start: (g: { name: string; url: string; rps: number }) => running.set(g.name, g.rps),
      stop: (name: string) => running.delete(name),
      snapshot: () => {
        const recent = net.recent
        net.recent = []
        return {
          generators: [...running].map(([name, rps]) => ({ name, url: 'http://web', rps, sent: 3, ok: 2, failed: 1 })),
          pods: { 'default/web-1': { ok: 2, failed: 1 } },
          recent,
        }
      },
    },
  }
  return net
}

describe('TrafficRelay', () => {
  it('sends nothing while no traffic flows, then one last frame after the generator stops', () => {
    const net = fakeNetwork()
    const relay = new TrafficRelay()
    relay.attach(net)
    expect(relay.frame()).toBeUndefined()
    relay.start('svc-web', 'http://web', 500)
    expect(net.running.get('svc-web')).toBe(100) // the slider's range: 1–100 requests/s
    net.recent = [req(1, true)]
    const f = relay.frame()!
    expect(f.generators.map((g) => g.name)).toEqual(['svc-web'])
    expect(f.pods).toEqual({ 'default/web-1': { ok: 2, failed: 1 } })
    // Unchanged pod totals are not sent again.
    expect(relay.frame()!.pods).toEqual({})
    relay.stop('svc-web')
    expect(relay.frame()?.generators).toEqual([])
    expect(relay.frame()).toBeUndefined()
  })

  it('refuses to start before the network runs, with a message a person can act on', () => {
    expect(() => new TrafficRelay().start('a', 'http://x', 1)).toThrow(/network is not running yet/)
  })

  it('keeps a frame small: at most the cap of requests, failures first, spread over the batch', () => {
    const all = Array.from({ length: 500 }, (_, i) => req(i, i % 100 !== 0))
    const picked = pickRecent(all, 24)
    expect(picked).toHaveLength(24)
    expect(picked.filter((r) => !r.ok)).toHaveLength(5)
    expect(picked.at(-1)!.at).toBeGreaterThan(400)
    expect(JSON.stringify(picked).length).toBeLessThan(10 * 1024)
  })
})

describe('toRuleViews', () => {
  it("lists a Service's cluster IP, node port and load-balancer frontends with their endpoints", () => {
    const rule: ServiceRule = {
      namespace: 'default', name: 'web', type: 'LoadBalancer', clusterIP: '10.96.0.10', loadBalancerIPs: ['172.18.255.200'],
      externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster',
      ports: [{ name: '', port: 80, protocol: 'TCP', nodePort: 30080, endpoints: [
        { ip: '10.244.1.2', port: 80, node: 'node-1', pod: { namespace: 'default', name: 'web-1' }, ready: true, serving: true, terminating: false },
        { ip: '10.244.2.2', port: 80, node: 'node-2', ready: false, serving: false, terminating: false },
      ] }],
    }
    const views = toRuleViews([rule, { ...rule, name: 'other' }], 'default/web')
    expect(views.map((v) => v.frontend)).toEqual(['10.96.0.10:80/TCP', '<every node>:30080/TCP', '172.18.255.200:80/TCP'])
    expect(views[0].endpoints).toEqual([
      { address: '10.244.1.2:80', ready: true, pod: 'default/web-1', node: 'node-1' },
      { address: '10.244.2.2:80', ready: false, node: 'node-2' },
    ])
  })
})
