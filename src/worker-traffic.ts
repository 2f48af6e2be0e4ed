/**
 * The worker's side of traffic: starts and stops the network's traffic generators on the UI's
 * command and turns the network's snapshot into a bounded per-frame message (DESIGN.md: under
 * 10 KiB a frame while animating). The network is reached through the small interface below, so
 * the worker does not depend on how src/cluster/network is built inside.
 */
import type { ServiceRuleView, TrafficFrame, TrafficRequest } from './protocol/messages'
import { TRAFFIC_RECENT_PER_FRAME } from './protocol/messages'
import type { ServiceRule } from './cluster/network/kube-proxy'

/** What the worker uses of `cluster.network` (src/cluster/network: traffic generators and kube-proxy's rules). */
export interface NetworkLike {
  traffic: {
    start(spec: { name: string; url: string; rps: number }): unknown
    stop(name: string): unknown
    /** Cheap check that spares the per-frame snapshot while nothing moves. */
    idle?(): boolean
    snapshot(): {
      generators: { name: string; url: string; rps: number; sent: number; ok: number; failed: number }[]
      pods: Record<string, { ok: number; failed: number }>
      recent: TrafficRequest[]
    }
  }
  rules?(): readonly ServiceRule[]
  /** `kubectl port-forward`: localhost:localPort reaches the pod (network.addPortForward). */
  addPortForward?(f: { namespace: string; pod: string; localPort: number; remotePort: number }): void
}

export const asNetwork = (cluster: unknown): NetworkLike | undefined => {
  const n = (cluster as { network?: NetworkLike } | undefined)?.network
  return n && typeof n.traffic?.snapshot === 'function' ? n : undefined
}

export class TrafficRelay {
  private network: NetworkLike | undefined
  /** Totals last sent per pod, so a frame carries only the pods whose counts moved. */
  private sentPods = new Map<string, string>()
  /** One more frame goes out after the last generator stops, so the UI sees the final counts. */
  private active = false

  attach(network: NetworkLike | undefined): void {
    this.network = network
  }

  get available(): boolean {
    return !!this.network
  }

  start(name: string, url: string, rps: number): string {
    const net = this.need()
    if (!name.trim()) throw new Error('a traffic generator needs a name')
    if (!url.trim()) throw new Error('a traffic generator needs a URL, e.g. http://my-service.default.svc.cluster.local')
    // The UI's slider offers 1–100 requests per second.
    const r = Math.min(100, Math.max(1, Math.round(rps)))
    net.traffic.start({ name, url: url.trim(), rps: r })
    this.active = true
    return `traffic "${name}" started: ${r} requests/s to ${url.trim()}`
  }

  stop(name: string): string {
    this.need().traffic.stop(name)
    return `traffic "${name}" stopped`
  }

  /** kube-proxy's rules for one Service, in the protocol's shape; [] when the network has none for it. */
  rules(namespace: string, name: string): ServiceRuleView[] {
    return toRuleViews(this.network?.rules?.(), `${namespace}/${name}`)
  }

  /** What goes into this frame's diff, or undefined when no traffic moved. */
  frame(): TrafficFrame | undefined {
    if (!this.network || (!this.active && this.network.traffic.idle?.())) return undefined
    const snap = this.network.traffic.snapshot()
    const busy = snap.generators.length > 0 || snap.recent.length > 0
    if (!busy && !this.active) return undefined
    this.active = busy
    const pods: TrafficFrame['pods'] = {}
    for (const [pod, c] of Object.entries(snap.pods)) {
      const key = `${c.ok}/${c.failed}`
      if (this.sentPods.get(pod) === key) continue
      this.sentPods.set(pod, key)
      pods[pod] = { ok: c.ok, failed: c.failed }
    }
    const recent = pickRecent(snap.recent, TRAFFIC_RECENT_PER_FRAME)
    return { generators: snap.generators.map((g) => ({ ...g })), pods, recent, dropped: snap.recent.length - recent.length }
  }

  private need(): NetworkLike {
    if (!this.network) throw new Error('the cluster network is not running yet; try again in a moment')
    return this.network
  }
}

/**
 * At most `max` requests, spread evenly over the batch (not just the first ones), and every failure
 * that fits first: a learner looks for the red dots.
 */
export function pickRecent(all: TrafficRequest[], max: number): TrafficRequest[] {
  if (all.length <= max) return all.map(slim)
  const failed = all.filter((r) => !r.ok)
  const ok = all.filter((r) => r.ok)
  const takeFailed = failed.length >= max ? spread(failed, max) : failed
  const rest = max - takeFailed.length
  return [...takeFailed, ...spread(ok, rest)].sort((a, b) => a.at - b.at).map(slim)
}

function spread<T>(items: T[], n: number): T[] {
  if (n <= 0) return []
  if (items.length <= n) return items
  const out: T[] = []
  for (let i = 0; i < n; i++) out.push(items[Math.floor((i * items.length) / n)])
  return out
}

/** Only the fields the UI reads (a record may carry more). */
function slim(r: TrafficRequest): TrafficRequest {
  const out: TrafficRequest = { at: r.at, source: r.source, url: r.url, ok: r.ok }
  if (r.status !== undefined) out.status = r.status
  if (r.error) out.error = r.error
  if (r.service) out.service = r.service
  if (r.pod) out.pod = r.pod
  if (r.node) out.node = r.node
  if (r.deniedBy) out.deniedBy = r.deniedBy
  return out
}

/**
 * kube-proxy's rules for one Service as the inspector shows them: one line per frontend (the cluster
 * IP, the node port on every node, each load-balancer IP) for each port, with the endpoints behind it.
 */
export function toRuleViews(rules: readonly ServiceRule[] | undefined, service: string): ServiceRuleView[] {
  const out: ServiceRuleView[] = []
  for (const r of rules ?? []) {
    if (`${r.namespace}/${r.name}` !== service) continue
    for (const p of r.ports) {
      const endpoints = p.endpoints.map((e) => ({
        address: `${e.ip}:${e.port}`,
        // kube: kube-proxy sends to ready endpoints; terminating ones only while nothing else serves.
        ready: e.ready,
        ...(e.pod && { pod: `${e.pod.namespace}/${e.pod.name}` }),
        ...(e.node && { node: e.node }),
      }))
      const proto = p.protocol || 'TCP'
      if (r.clusterIP && r.clusterIP !== 'None') out.push({ frontend: `${r.clusterIP}:${p.port}/${proto}`, kind: 'cluster IP', endpoints })
      if (p.nodePort) out.push({ frontend: `<every node>:${p.nodePort}/${proto}`, kind: 'node port', endpoints })
      for (const ip of r.loadBalancerIPs) out.push({ frontend: `${ip}:${p.port}/${proto}`, kind: 'load balancer', endpoints })
    }
  }
  return out
}
