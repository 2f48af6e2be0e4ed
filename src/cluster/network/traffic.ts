/**
 * Traffic generators: a steady stream of HTTP GETs to one URL, spread evenly over each second of
 * virtual time, so the UI (and the runner's `traffic` verb) can show where requests land and fail
 * while Deployments roll, nodes die and policies change. A generator aimed at an address reachable
 * from outside (a node's InternalIP, a LoadBalancer IP, the ingress address, a nip.io name) sends
 * from a laptop outside the cluster; anything else (a Service name, a cluster IP) from an in-cluster
 * client in `default`, a load tester without a Pod object.
 */
import type { Clock, TimerId } from '../clock'
import type { ClusterNetwork } from './network'
import type { NetResponse, PortForwardSpec, RequestOptions, RequestSource, TrafficGeneratorInfo, TrafficSnapshot } from './types'

// A load tester's per-request timeout (hey defaults to 20 s, curl in scripts often -m 10): 10 s.
export const GENERATOR_TIMEOUT_MS = 10_000
// One generator may not flood the event queue: at most this many requests per second.
export const MAX_RPS = 1000

export interface TrafficSpec {
  name: string
  url: string
  rps: number
  from?: RequestSource
}

interface Generator extends TrafficGeneratorInfo {
  from: RequestSource
  startedAt: number
  timer?: TimerId
  tick: () => void
  label: string
}

export class TrafficGenerator {
  private readonly generators = new Map<string, Generator>()

  constructor(private readonly clock: Clock, private readonly network: ClusterNetwork) {}

  /** Starts (or replaces) generator `name`; its first request goes out at once. */
  start(spec: TrafficSpec): TrafficGeneratorInfo {
    this.stop(spec.name)
    const rps = Math.max(0, Math.min(MAX_RPS, spec.rps))
    const g: Generator = {
      name: spec.name, url: spec.url, rps, sent: 0, ok: 0, failed: 0,
      from: spec.from ?? this.network.defaultSource(spec.url), startedAt: this.clock.now(),
      tick: () => this.send(g), label: `traffic: ${spec.name}`,
    }
    this.generators.set(spec.name, g)
    if (rps > 0) this.schedule(g, 0)
    return info(g)
  }

  /** Stops generator `name`; false when there is none. */
  stop(name: string): boolean {
    const g = this.generators.get(name)
    if (!g) return false
    this.clock.cancel(g.timer)
    this.generators.delete(name)
    return true
  }

  /** One request from outside the cluster (the learner's laptop: the runner's `curl`). */
  request(url: string, options: RequestOptions = {}): NetResponse {
    return this.network.request({ external: true }, url, { ...options, label: options.label ?? 'laptop' })
  }

  /** `kubectl port-forward`: localhost:localPort on the learner's machine now reaches the pod. */
  portForward(f: PortForwardSpec): void {
    this.network.addPortForward(f)
  }

  list(): TrafficGeneratorInfo[] {
    return [...this.generators.values()].map(info)
  }

  /** Per pod (ns/name): requests answered well / failed, since the network started. */
  pods(): Record<string, { ok: number; failed: number }> {
    return this.network.podCounters()
  }

  /** Nothing to show: no generator runs and no request went through since the last snapshot. */
  idle(): boolean {
    return this.generators.size === 0 && !this.network.hasRecent()
  }

  /** Generators, per-pod counters, and the requests since the last snapshot (drained). */
  snapshot(): TrafficSnapshot {
    return { generators: this.list(), pods: this.network.podCounters(), recent: this.network.drainRecent() }
  }

  private schedule(g: Generator, delay: number): void {
    g.timer = this.clock.schedule(delay, g.tick, g.label)
  }

  private send(g: Generator): void {
    if (this.generators.get(g.name) !== g) return
    const r = this.network.request(g.from, g.url, { timeoutMs: GENERATOR_TIMEOUT_MS, label: g.name })
    g.sent++
    if (r.status !== undefined && r.status >= 200 && r.status < 400) g.ok++
    else g.failed++
    // The k-th request is due at start + k/rps seconds (rounded to the clock's millisecond).
    const due = g.startedAt + Math.round((g.sent * 1000) / g.rps)
    this.schedule(g, Math.max(0, due - this.clock.now()))
  }
}

function info(g: Generator): TrafficGeneratorInfo {
  return { name: g.name, url: g.url, rps: g.rps, sent: g.sent, ok: g.ok, failed: g.failed }
}
