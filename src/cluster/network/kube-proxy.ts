/**
 * kube-proxy in its v1.35 default mode, iptables: one rule table built from Services and
 * EndpointSlices (every node's kube-proxy programs the same rules; only the traffic policies
 * `Local` make a node keep to its own endpoints, which `pick` applies per node). A change is
 * programmed after a delay: kube-proxy's sync runner syncs at once after a quiet period, then at
 * most once per minSyncPeriod (kube default: 1 s). Until then requests follow the old rules — which
 * is why a pod that stops serving before its endpoint leaves the rules drops requests.
 */
import type { Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import type { ComponentContext } from '../component'
import type { TimerId } from '../clock'
import type { Informer } from '../informers/informer'
import { INDEX_SLICE_SERVICE, SERVICE_NAME_LABEL, sliceServiceIndex } from './dns'

// kube default: iptables.minSyncPeriod 1s (KubeProxyConfiguration, v1.35).
export const KUBE_PROXY_MIN_SYNC_MS = 1000
// kube default: sessionAffinityConfig.clientIP.timeoutSeconds 10800 (3 hours).
export const DEFAULT_AFFINITY_TIMEOUT_S = 10800

export interface EndpointRule {
  ip: string
  port: number
  node?: string
  pod?: { namespace: string; name: string }
  ready: boolean
  serving: boolean
  terminating: boolean
}

export interface ServicePortRule {
  name: string
  port: number
  protocol: string
  nodePort?: number
  endpoints: EndpointRule[]
  /** The endpoints a connection may go to: the ready ones, else those terminating but serving (set by kube-proxy). */
  usable?: EndpointRule[]
}

export interface ServiceRule {
  namespace: string
  name: string
  type: string
  clusterIP?: string
  loadBalancerIPs: string[]
  externalTrafficPolicy: 'Cluster' | 'Local'
  internalTrafficPolicy: 'Cluster' | 'Local'
  /** sessionAffinity ClientIP: how long a client sticks to its endpoint; undefined for None. */
  affinityTimeoutMs?: number
  ports: ServicePortRule[]
}

export type Pick =
  | { endpoint: EndpointRule }
  /** No endpoint at all: the REJECT rule (the client sees `connection refused`). */
  | { reject: true }
  /** Endpoints exist but none this node may use (traffic policy Local): the DROP rule (a timeout). */
  | { drop: true }

type Target = readonly [ServiceRule, ServicePortRule]

export class KubeProxy {
  private readonly services: Informer<Service>
  private readonly slices: Informer<EndpointSlice>
  private readonly table = new Map<string, ServiceRule>()
  private readonly byVip = new Map<string, Target>()
  private readonly byNodePort = new Map<number, Target>()
  private readonly byLB = new Map<string, Target>()
  private readonly vips = new Map<string, ServiceRule>()
  private readonly lbIPs = new Map<string, ServiceRule>()
  private readonly affinity = new Map<string, { ip: string; port: number; until: number }>()
  private readonly dirty = new Set<string>()
  private timer?: TimerId
  private lastSync = -Infinity
  private started = false
  /** Virtual time of the last sync, for the UI. */
  syncedAt = -Infinity
  syncs = 0

  constructor(private readonly ctx: ComponentContext) {
    this.services = ctx.informers.for<Service>('Service')
    this.slices = ctx.informers.for<EndpointSlice>('EndpointSlice')
    this.slices.addIndex(INDEX_SLICE_SERVICE, sliceServiceIndex)
  }

  start(): void {
    if (this.started) return
    this.started = true
    const svcKey = (s: Service) => `${s.metadata!.namespace}/${s.metadata!.name}`
    const sliceKey = (s: EndpointSlice) => {
      const name = s.metadata?.labels?.[SERVICE_NAME_LABEL]
      return name ? `${s.metadata!.namespace}/${name}` : undefined
    }
    this.services.addEventHandler({
      add: (s) => this.changed(svcKey(s)),
      update: (_o, s) => this.changed(svcKey(s)),
      delete: (s) => this.changed(svcKey(s)),
    })
    this.slices.addEventHandler({
      add: (s) => this.changed(sliceKey(s)),
      update: (o, s) => { this.changed(sliceKey(o)); this.changed(sliceKey(s)) },
      delete: (s) => this.changed(sliceKey(s)),
    })
  }

  /** The rules now programmed, per Service (sorted by namespace/name), for the UI. */
  rules(): ServiceRule[] {
    return [...this.table.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, r]) => r)
  }

  rule(namespace: string, name: string): ServiceRule | undefined {
    return this.table.get(`${namespace}/${name}`)
  }

  clusterIP(ip: string, port: number): Target | undefined {
    return this.byVip.get(`${ip}:${port}`)
  }

  /** Whether `ip` is a Service VIP at all (a request to another port of it goes nowhere). */
  isVip(ip: string): boolean {
    return this.vips.has(ip)
  }

  nodePort(port: number): Target | undefined {
    return this.byNodePort.get(port)
  }

  loadBalancer(ip: string, port: number): Target | undefined {
    return this.byLB.get(`${ip}:${port}`)
  }

  isLoadBalancerIP(ip: string): boolean {
    return this.lbIPs.has(ip)
  }

  /**
   * The endpoint node `node`'s rules send a connection to: a random ready endpoint (the iptables
   * `statistic --mode random` chain), the same one again for a client under ClientIP affinity;
   * terminating endpoints still serving only when no ready one exists (kube: ProxyTerminatingEndpoints).
   */
  pick(target: Target, node: string, clientIP: string, external: boolean): Pick {
    const [svc, port] = target
    const local = (external ? svc.externalTrafficPolicy : svc.internalTrafficPolicy) === 'Local'
    const usable = local ? usableOf(port.endpoints.filter((e) => e.node === node)) : (port.usable ??= usableOf(port.endpoints))
    if (!usable.length) return port.endpoints.length && local ? { drop: true } : { reject: true }
    const now = this.ctx.clock.now()
    const key = svc.affinityTimeoutMs === undefined ? undefined : `${svc.namespace}/${svc.name}:${port.port}:${clientIP}`
    if (key) {
      const a = this.affinity.get(key)
      const e = a && a.until > now ? usable.find((x) => x.ip === a.ip && x.port === a.port) : undefined
      if (e) {
        a!.until = now + svc.affinityTimeoutMs!
        return { endpoint: e }
      }
    }
    const endpoint = usable.length === 1 ? usable[0] : usable[this.ctx.clock.random.int(usable.length)]
    if (key) this.affinity.set(key, { ip: endpoint.ip, port: endpoint.port, until: now + svc.affinityTimeoutMs! })
    return { endpoint }
  }

  private changed(key: string | undefined): void {
    if (!key) return
    this.dirty.add(key)
    if (this.timer !== undefined) return
    const now = this.ctx.clock.now()
    const delay = Math.max(0, this.lastSync + KUBE_PROXY_MIN_SYNC_MS - now)
    this.timer = this.ctx.clock.schedule(delay, () => this.sync(), 'kube-proxy: sync rules')
  }

  /** Reprograms the rules of the Services that changed since the last sync. */
  sync(): void {
    this.timer = undefined
    this.lastSync = this.syncedAt = this.ctx.clock.now()
    this.syncs++
    for (const key of this.dirty) {
      this.unindex(key)
      const slash = key.indexOf('/')
      const svc = this.services.get(key.slice(0, slash), key.slice(slash + 1))
      const rule = svc && buildRule(svc, this.slices.byIndex(INDEX_SLICE_SERVICE, key))
      if (rule) {
        this.table.set(key, rule)
        this.index(rule)
      }
    }
    this.dirty.clear()
  }

  private index(r: ServiceRule): void {
    if (r.clusterIP) this.vips.set(r.clusterIP, r)
    for (const ip of r.loadBalancerIPs) this.lbIPs.set(ip, r)
    for (const p of r.ports) {
      const t = [r, p] as const
      if (r.clusterIP) this.byVip.set(`${r.clusterIP}:${p.port}`, t)
      if (p.nodePort) this.byNodePort.set(p.nodePort, t)
      for (const ip of r.loadBalancerIPs) this.byLB.set(`${ip}:${p.port}`, t)
    }
  }

  private unindex(key: string): void {
    const r = this.table.get(key)
    if (!r) return
    this.table.delete(key)
    if (r.clusterIP && this.vips.get(r.clusterIP) === r) this.vips.delete(r.clusterIP)
    for (const ip of r.loadBalancerIPs) if (this.lbIPs.get(ip) === r) this.lbIPs.delete(ip)
    for (const p of r.ports) {
      if (r.clusterIP && this.byVip.get(`${r.clusterIP}:${p.port}`)?.[0] === r) this.byVip.delete(`${r.clusterIP}:${p.port}`)
      if (p.nodePort && this.byNodePort.get(p.nodePort)?.[0] === r) this.byNodePort.delete(p.nodePort)
      for (const ip of r.loadBalancerIPs) if (this.byLB.get(`${ip}:${p.port}`)?.[0] === r) this.byLB.delete(`${ip}:${p.port}`)
    }
  }
}

/** One Service's rules: each port with the endpoints of the slices' matching port. */
export function buildRule(svc: Service, slices: readonly EndpointSlice[]): ServiceRule | undefined {
  const spec = svc.spec
  if (!spec || spec.type === 'ExternalName') return undefined
  const clusterIP = spec.clusterIP && spec.clusterIP !== 'None' ? spec.clusterIP : undefined
  const ports = (spec.ports ?? []).map((p): ServicePortRule => {
    const name = p.name ?? ''
    const protocol = p.protocol ?? 'TCP'
    const endpoints: EndpointRule[] = []
    for (const slice of slices) {
      const sp = (slice.ports ?? []).find((x) => (x.name ?? '') === name && (x.protocol ?? 'TCP') === protocol)
      if (sp?.port === undefined || sp.port === null) continue
      for (const e of slice.endpoints ?? []) {
        const ref = e.targetRef
        const c = e.conditions ?? {}
        for (const ip of e.addresses) {
          endpoints.push({
            ip, port: sp.port, node: e.nodeName,
            pod: ref?.kind === 'Pod' && ref.name ? { namespace: ref.namespace ?? svc.metadata!.namespace!, name: ref.name } : undefined,
            // kube: a nil condition means ready/serving; terminating defaults to false.
            ready: c.ready !== false, serving: c.serving ?? c.ready !== false, terminating: c.terminating === true,
          })
        }
      }
    }
    return { name, port: p.port, protocol, nodePort: p.nodePort, endpoints, usable: usableOf(endpoints) }
  })
  const affinity = spec.sessionAffinity === 'ClientIP'
    ? 1000 * (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_TIMEOUT_S)
    : undefined
  return {
    namespace: svc.metadata!.namespace!, name: svc.metadata!.name!, type: spec.type ?? 'ClusterIP', clusterIP,
    loadBalancerIPs: (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => !!ip),
    externalTrafficPolicy: spec.externalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
    internalTrafficPolicy: spec.internalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
    affinityTimeoutMs: affinity, ports,
  }
}

/** kube: ProxyTerminatingEndpoints — the ready endpoints, or when none, the terminating ones still serving. */
function usableOf(endpoints: EndpointRule[]): EndpointRule[] {
  const ready = endpoints.filter((e) => e.ready)
  return ready.length ? ready : endpoints.filter((e) => e.serving && e.terminating)
}
