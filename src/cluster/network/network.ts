/**
 * The cluster's data plane (`ClusterNetwork`): a request from a pod, a node or a laptop outside is
 * resolved (cluster DNS from pods), routed (a Service VIP, a NodePort on any node's InternalIP, a
 * LoadBalancer address or the ingress address go through kube-proxy's rules; a pod IP directly),
 * checked against NetworkPolicies, and answered by the pod's containers through its kubelet.
 * Every request is recorded for the traffic view.
 */
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1'
import type { Namespace, Node, Pod } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../component'
import type { KubeObject } from '../apiserver/types'
import type { Informer } from '../informers/informer'
import { ClusterDns, isIP } from './dns'
import { INTERNET_LATENCY_MS, internetHost } from './internet'
import { KubeProxy, type Pick, type ServiceRule } from './kube-proxy'
import { INGRESS_ADDRESS, matchIngress } from './ingress-rules'
import { evaluateNetworkPolicies } from './policy'
import { parseUrl } from './url'
import { deepEqual } from '../apiserver/objects'
import { TrafficGenerator } from './traffic'
import { RequestLog } from './request-log'
import type { DnsAnswer, NetError, NetResponse, PodNetwork, PortForwardSpec, RequestOptions, RequestRecord, RequestSource } from './types'

// kube-free facts of Linux: connect() gives up after tcp_syn_retries (6) back-offs, 1+2+…+64 = 127 s.
export const KERNEL_CONNECT_TIMEOUT_MS = 127_000
// An ARP request nobody answers: the kernel reports EHOSTUNREACH after about 3 s.
const NO_ROUTE_MS = 3000
// kind: the laptop reaches the nodes over the docker network from its gateway address.
export const EXTERNAL_CLIENT_IP = '172.18.0.1'
// ingress-nginx default: proxy-connect-timeout 5 s, then 504.
const INGRESS_UPSTREAM_TIMEOUT_MS = 5000
const HOP_MS = 1
const EXCLUDE_FROM_LB = 'node.kubernetes.io/exclude-from-external-load-balancers'

/** What the network needs from the machines (NodeSimulator implements it). */
export interface NetworkNodes {
  names(): string[]
  isAlive(name: string): boolean
  /** The running pod that holds `ip` on a live machine, and a way to hand it a request. */
  endpointByIP(ip: string): PodEndpoint | undefined
  /** The node whose pod CIDR holds `ip`, alive or not. */
  nodeOfPodIP(ip: string): string | undefined
  /** The node whose InternalIP is `ip`. */
  nodeByHostIP(ip: string): string | undefined
  hostIP(node: string): string | undefined
  /** The sandbox address of a pod on a live machine (known to its kubelet before the status says it). */
  podIP?(namespace: string, name: string): string | undefined
  network?: PodNetwork
}

export interface PodEndpoint {
  pod: Pod
  node: string
  ip: string
  serve(req: { port: number; path: string; host?: string }): { status: number; body: string; container: string } | undefined
}

interface Source {
  ip: string
  /** The node whose kube-proxy rules the packet meets first. */
  node?: string
  /** Set for in-cluster resolvers (pods, clients): the search path's namespace. */
  namespace?: string
  pod?: Pod
  external: boolean
  label: string
}

const STATUS_TEXT: Record<number, string> = { 404: 'Not Found', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' }
/** The page ingress-nginx's own nginx answers with when it cannot route (status and nginx's HTML). */
function nginxErrorPage(status: number): string {
  const title = `${status} ${STATUS_TEXT[status] ?? ''}`
  return `<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`
}

export class ClusterNetwork implements PodNetwork {
  readonly dns: ClusterDns
  readonly kubeProxy: KubeProxy
  /** Traffic generators sending through this network. */
  readonly traffic: TrafficGenerator
  private readonly pods: Informer<Pod>
  private readonly forwards = new Map<number, PortForwardSpec>()
  private readonly nodeObjects: Informer<Node>
  private extra?: { ingresses?: Informer<Ingress>; classes?: Informer<IngressClass>; policies?: Informer<NetworkPolicy>; namespaces: Informer<Namespace> }
  private readonly log = new RequestLog()
  private clientTurn = 0
  /** Worker node names (from the Node informer; recomputed when a Node changes). */
  private workers?: string[]
  private started = false

  constructor(private readonly ctx: ComponentContext, private readonly nodes: NetworkNodes) {
    this.dns = new ClusterDns(ctx.informers)
    this.kubeProxy = new KubeProxy(ctx)
    this.traffic = new TrafficGenerator(ctx.clock, this)
    this.pods = ctx.informers.for<Pod>('Pod')
    this.nodeObjects = ctx.informers.for<Node>('Node')
  }

  /** Starts kube-proxy and plugs the network into every kubelet's pods. */
  start(): void {
    if (this.started) return
    this.started = true
    this.kubeProxy.start()
    this.nodes.network = this
    const reset = () => { this.workers = undefined }
    // Heartbeats change Nodes all the time; only their labels decide who is a worker.
    this.nodeObjects.addEventHandler({ add: reset, update: (o, n) => { if (!deepEqual(o.metadata?.labels, n.metadata?.labels)) reset() }, delete: reset })
  }

  /** kube-proxy's rules, per Service, for the UI. */
  rules(): ServiceRule[] {
    return this.kubeProxy.rules()
  }

  lookup(name: string, namespace: string): DnsAnswer | undefined {
    return this.dns.lookup(name, namespace)
  }

  /**
   * Where a client of `url` sits by default: outside when its host is an address the outside
   * reaches (a node, a load balancer, the ingress, a public name), else in the cluster.
   */
  defaultSource(url: string): RequestSource {
    const u = parseUrl(url)
    if (!u || isLoopback(u.host)) return { external: true }
    const ip = isIP(u.host) ? u.host : this.dns.resolve(u.host)
    if (!ip) return { client: { namespace: 'default' } }
    const outside = ip === INGRESS_ADDRESS || this.nodes.nodeByHostIP(ip) !== undefined || this.kubeProxy.isLoadBalancerIP(ip) || internetHost(ip) !== undefined
    return outside ? { external: true } : { client: { namespace: 'default' } }
  }

  /**
   * `kubectl port-forward`: from then on the learner's machine reaches the pod's `remotePort` at
   * localhost:`localPort` (one forward per local port; a newer one replaces it).
   */
  addPortForward(f: PortForwardSpec): void {
    this.forwards.set(f.localPort, f)
  }

  /** Sends one HTTP GET and records it. */
  request(from: RequestSource, url: string, options: RequestOptions = {}): NetResponse {
    const src = this.source(from, options.label)
    const res = src ? this.route(src, url, options) : fail('no route to host', 0, [])
    this.log.record(this.ctx.clock.now(), src?.label ?? describeSource(from), url, res)
    return res
  }

  /** Whether a request went through since the last drainRecent(). */
  hasRecent(): boolean {
    return this.log.pending
  }

  /** Requests since the last call (oldest first), at most RECENT_LIMIT. */
  drainRecent(): RequestRecord[] {
    return this.log.drain()
  }

  /** Per pod (ns/name): answered well / failed on their way to it, since the start. */
  podCounters(): Record<string, { ok: number; failed: number }> {
    return this.log.pods()
  }

  // ---- sources --------------------------------------------------------------------------------

  private source(from: RequestSource, label?: string): Source | undefined {
    if ('pod' in from) {
      const { namespace, name } = from.pod
      const pod = this.pods.get(namespace, name)
      const node = pod?.spec?.nodeName
      const ip = pod?.status?.podIP ?? this.nodes.podIP?.(namespace, name)
      if (!pod || !node || !ip) return undefined
      return { ip, node, namespace, pod, external: false, label: label ?? `${namespace}/${name}` }
    }
    if ('node' in from) {
      const ip = this.nodes.hostIP(from.node)
      if (!ip || !this.nodes.isAlive(from.node)) return undefined
      return { ip, node: from.node, external: false, label: label ?? from.node }
    }
    if ('client' in from) {
      // The load tester's requests leave from the worker nodes in turn.
      const workers = this.workerNames()
      let node: string | undefined
      for (let i = 0; i < workers.length && !node; i++) {
        const n = workers[this.clientTurn++ % workers.length]
        if (this.nodes.isAlive(n)) node = n
      }
      const ip = node ? this.nodes.hostIP(node) : undefined
      if (!node || !ip) return undefined
      return { ip, node, namespace: from.client.namespace, external: false, label: label ?? 'client' }
    }
    return { ip: EXTERNAL_CLIENT_IP, external: true, label: label ?? 'external' }
  }

  // ---- routing --------------------------------------------------------------------------------

  private route(src: Source, url: string, options: RequestOptions): NetResponse {
    const timeout = Math.min(options.timeoutMs ?? KERNEL_CONNECT_TIMEOUT_MS, KERNEL_CONNECT_TIMEOUT_MS)
    const u = parseUrl(url)
    const route: string[] = []
    if (!u) return fail('could not resolve host', 0, route)
    if (src.external && isLoopback(u.host)) return this.viaPortForward(u.host, { port: u.port, path: u.path, host: options.host ?? u.host }, route)
    let ip = u.host
    if (!isIP(u.host)) {
      const answer = this.dns.lookup(u.host, src.namespace)
      const first = answer?.addresses[0]?.ip
      if (!answer || !first) {
        route.push(`DNS ${u.host}: NXDOMAIN`)
        return fail('could not resolve host', 2, route)
      }
      ip = first
      route.push(`DNS ${answer.name}${answer.cname ? ` (CNAME ${answer.cname})` : ''} → ${ip}`)
    }
    const req = { port: u.port, path: u.path, host: options.host ?? u.host }
    const finish = (r: NetResponse): NetResponse => {
      r.ip = ip
      return r
    }

    const site = internetHost(ip)
    if (site) {
      route.push(`internet: ${ip}:${u.port}`)
      return finish({ status: 200, body: site.body, latencyMs: INTERNET_LATENCY_MS, route })
    }
    if (ip === INGRESS_ADDRESS && (u.port === 80 || u.port === 443)) return finish(this.viaIngress(src, req, route, timeout))
    if (this.kubeProxy.isVip(ip)) {
      // ClusterIPs exist only in the nodes' iptables rules: nothing outside the cluster routes them.
      const target = src.external ? undefined : this.kubeProxy.clusterIP(ip, u.port)
      if (!target || !src.node) return finish(fail('timed out', timeout, route))
      return finish(this.viaService(src, target, src.node, src.ip, false, `${ip}:${u.port}`, req, route, timeout))
    }
    const nodeName = this.nodes.nodeByHostIP(ip)
    if (nodeName) {
      if (!this.nodes.isAlive(nodeName)) return finish(fail('timed out', timeout, route))
      const target = this.kubeProxy.nodePort(u.port)
      if (!target) return finish(fail('connection refused', HOP_MS, route))
      // kube: externalTrafficPolicy Cluster masquerades the client to the node's address.
      const client = target[0].externalTrafficPolicy === 'Local' ? src.ip : ip
      return finish(this.viaService(src, target, nodeName, client, true, `${ip}:${u.port} (NodePort)`, req, route, timeout))
    }
    if (this.kubeProxy.isLoadBalancerIP(ip)) {
      const target = this.kubeProxy.loadBalancer(ip, u.port)
      if (!target) return finish(fail('timed out', timeout, route))
      const entry = this.loadBalancerNode(target[0])
      if (!entry) return finish(fail('timed out', timeout, route))
      route.push(`load balancer ${ip}:${u.port} → ${entry}`)
      const client = target[0].externalTrafficPolicy === 'Local' ? src.ip : this.nodes.hostIP(entry) ?? src.ip
      return finish(this.viaService(src, target, entry, client, true, `${ip}:${u.port} (LoadBalancer)`, req, route, timeout))
    }
    if (src.external) return finish(fail('timed out', timeout, route))
    return finish(this.deliver(src, src.ip, ip, req, route, timeout))
  }

  /**
   * localhost on the learner's machine: a `kubectl port-forward` listener streams the request through
   * the API server and the pod's kubelet into the pod's network namespace — no Service, no kube-proxy,
   * and no NetworkPolicy (the connection arrives on the pod's own loopback).
   */
  private viaPortForward(host: string, req: { port: number; path: string; host?: string }, route: string[]): NetResponse {
    const f = this.forwards.get(req.port)
    if (!f) {
      route.push(`${host}:${req.port}: nothing listens (no kubectl port-forward on that port)`)
      return fail('connection refused', 0, route)
    }
    const pod = this.pods.get(f.namespace, f.pod)
    const ip = pod?.status?.podIP
    const ep = ip ? this.nodes.endpointByIP(ip) : undefined
    route.push(`port-forward ${host}:${req.port} → pod ${f.namespace}/${f.pod}:${f.remotePort} (API server → kubelet)`)
    // kube: the forward ends with its pod; kubectl then reports the lost connection and exits.
    if (!pod || !ip || !ep || !this.nodes.isAlive(ep.node)) {
      this.forwards.delete(req.port)
      return fail('connection refused', 0, route)
    }
    const at = { namespace: f.namespace, name: f.pod, node: ep.node, ip }
    const served = ep.serve({ ...req, port: f.remotePort })
    if (!served) return { ...fail('connection refused', HOP_MS, route), pod: at }
    return { status: served.status, body: served.body, pod: at, latencyMs: 2 * HOP_MS, route }
  }

  private viaService(src: Source, target: NonNullable<ReturnType<KubeProxy['clusterIP']>>, node: string, clientIP: string, external: boolean,
    entry: string, req: { port: number; path: string; host?: string }, route: string[], timeout: number): NetResponse {
    const [svc] = target
    const service = { namespace: svc.namespace, name: svc.name }
    const p: Pick = this.kubeProxy.pick(target, node, clientIP, external)
    if ('reject' in p) {
      route.push(`kube-proxy (${node}): ${entry} → no endpoints (REJECT)`)
      return { ...fail('connection refused', HOP_MS, route), service }
    }
    if ('drop' in p) {
      route.push(`kube-proxy (${node}): ${entry} → no local endpoints (DROP)`)
      return { ...fail('timed out', timeout, route), service }
    }
    const e = p.endpoint
    route.push(`kube-proxy (${node}): ${entry} → ${e.ip}:${e.port}`)
    const r = this.deliver(src, clientIP, e.ip, { ...req, port: e.port }, route, timeout, external ? HOP_MS : 0)
    // The rules know whose endpoint it was even when its machine no longer answers.
    const pod = r.pod ?? (e.pod && e.node ? { ...e.pod, node: e.node, ip: e.ip } : undefined)
    return { ...r, service, ...(pod ? { pod } : {}) }
  }

  private viaIngress(src: Source, req: { port: number; path: string; host?: string }, route: string[], timeout: number): NetResponse {
    const controllerNode = this.nodes.nodeByHostIP(INGRESS_ADDRESS)
    if (controllerNode && !this.nodes.isAlive(controllerNode)) return fail('timed out', timeout, route)
    const ex = this.extraInformers()
    const host = (req.host ?? '').split(':')[0]
    const m = matchIngress(ex.ingresses?.list() ?? [], ex.classes?.list() ?? [], host, req.path)
    const answer = (status: number, extra: Partial<NetResponse> = {}): NetResponse =>
      ({ status, body: nginxErrorPage(status), latencyMs: 2 * HOP_MS, route, ...extra })
    if ('notFound' in m) {
      route.push(`ingress ${INGRESS_ADDRESS}: no rule for ${host}${req.path} → 404`)
      const ing = m.ingress?.metadata
      return answer(404, ing ? { ingress: { namespace: ing.namespace!, name: ing.name! } } : {})
    }
    const ing = m.ingress.metadata!
    const ingress = { namespace: ing.namespace!, name: ing.name! }
    const rule = this.kubeProxy.rule(ingress.namespace, m.service.name)
    const port = rule?.ports.find((p) => (typeof m.service.port === 'number' ? p.port === m.service.port : p.name === m.service.port))
    route.push(`ingress ${ingress.namespace}/${ingress.name}: ${host}${req.path} → service ${m.service.name}:${m.service.port}`)
    const service = { namespace: ingress.namespace, name: m.service.name }
    if (!rule || !port) return answer(503, { ingress, service })
    // ingress-nginx (kind: on the control-plane node, whose address is the ingress address)
    // balances over the Service's endpoints itself.
    const node = this.nodes.nodeByHostIP(INGRESS_ADDRESS) ?? src.node ?? ''
    const p = this.kubeProxy.pick([rule, port], node, src.ip, false)
    if (!('endpoint' in p)) return answer(503, { ingress, service })
    const e = p.endpoint
    route.push(`ingress-nginx upstream → ${e.ip}:${e.port}`)
    // The upstream connection comes from the controller, not from the client.
    const proxyIP = this.nodes.hostIP(node) ?? src.ip
    const r = this.deliver({ ...src, pod: undefined, ip: proxyIP }, proxyIP, e.ip, { ...req, port: e.port }, route, Math.min(timeout, INGRESS_UPSTREAM_TIMEOUT_MS), 2 * HOP_MS)
    if (r.status !== undefined) return { ...r, ingress, service }
    // The controller answers for an upstream that did not.
    if (r.error === 'timed out') return { ...answer(504), latencyMs: INGRESS_UPSTREAM_TIMEOUT_MS, ingress, service, pod: r.pod, deniedBy: r.deniedBy }
    return { ...answer(502), ingress, service, pod: r.pod }
  }

  /** The last hop: to the pod that holds `ip`, past the NetworkPolicies, into its containers. */
  private deliver(src: Source, clientIP: string, ip: string, req: { port: number; path: string; host?: string }, route: string[], timeout: number, extraMs = 0): NetResponse {
    const ep = this.nodes.endpointByIP(ip)
    const hostNode = ep ? undefined : this.nodes.nodeByHostIP(ip)
    if (hostNode) return this.nodeHost(hostNode, req.port, route, timeout)
    if (!ep) {
      const owner = this.nodes.nodeOfPodIP(ip)
      // A dead machine answers nothing: the SYN is retried until the client gives up.
      if (owner && !this.nodes.isAlive(owner)) {
        route.push(`${ip}: node ${owner} does not answer`)
        return fail('timed out', timeout, route)
      }
      route.push(`${ip}: no such host`)
      return owner ? fail('no route to host', Math.min(NO_ROUTE_MS, timeout), route) : fail('timed out', timeout, route)
    }
    const pod = { namespace: ep.pod.metadata!.namespace!, name: ep.pod.metadata!.name!, node: ep.node, ip }
    const denied = this.policyDenies(src, clientIP, ep.pod, req.port)
    if (denied) {
      route.push(`NetworkPolicy ${denied.namespace}/${denied.name} (${denied.direction}) drops the packet`)
      return { ...fail('timed out', timeout, route), pod, deniedBy: denied }
    }
    const served = ep.serve(req)
    if (!served) {
      route.push(`pod ${pod.namespace}/${pod.name} (${ep.node}): nothing listens on ${req.port}`)
      return { ...fail('connection refused', HOP_MS + extraMs, route), pod }
    }
    route.push(`pod ${pod.namespace}/${pod.name} (${ep.node}) container ${served.container}: HTTP ${served.status}`)
    return { status: served.status, body: served.body, pod, latencyMs: HOP_MS + extraMs, route }
  }

  /**
   * A node's own ports: the API server (6443, on the control plane) and the kubelet (10250) speak
   * HTTPS only, so a plain HTTP request gets Go's answer to it; nothing else listens.
   */
  private nodeHost(node: string, port: number, route: string[], timeout: number): NetResponse {
    if (!this.nodes.isAlive(node)) return fail('timed out', timeout, route)
    const controlPlane = this.nodeObjects.get(undefined, node)?.metadata?.labels?.['node-role.kubernetes.io/control-plane'] !== undefined
    if (port === 10250 || (port === 6443 && controlPlane)) {
      route.push(`node ${node}: ${port === 6443 ? 'kube-apiserver' : 'kubelet'} (HTTPS) on ${port}`)
      // Go's net/http answers a plain-text request on a TLS port with 400.
      return { status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n', latencyMs: HOP_MS, route }
    }
    route.push(`node ${node}: nothing listens on ${port}`)
    return fail('connection refused', HOP_MS, route)
  }

  private policyDenies(src: Source, clientIP: string, pod: Pod, port: number): NetResponse['deniedBy'] {
    const ex = this.extraInformers()
    const policies = ex.policies?.list() ?? []
    if (!policies.length) return undefined
    const r = evaluateNetworkPolicies({
      policies,
      namespaceOf: (name: string) => ex.namespaces.get(undefined, name),
      source: { pod: src.pod, ip: src.pod ? src.ip : clientIP },
      destination: { pod, port, protocol: 'TCP' },
    })
    return r.allowed ? undefined : r.deniedBy
  }

  /** Informers of the kinds another part registers; absent kinds simply have no objects. */
  private extraInformers() {
    if (!this.extra) {
      const inf = this.ctx.informers
      const tryFor = <T extends KubeObject>(kind: string): Informer<T> | undefined => {
        try {
          return this.ctx.api.resolveKind(kind) === undefined ? undefined : inf.for<T>(kind)
        } catch {
          return undefined
        }
      }
      this.extra = {
        ingresses: tryFor<Ingress>('Ingress'), classes: tryFor<IngressClass>('IngressClass'),
        policies: tryFor<NetworkPolicy>('NetworkPolicy'), namespaces: inf.for<Namespace>('Namespace'),
      }
    }
    return this.extra
  }

  /** Worker node names in order (the control plane excluded, as from load balancers), alive or not. */
  private workerNames(): string[] {
    this.workers ??= this.nodeObjects.list().filter((n) => n.metadata?.labels?.[EXCLUDE_FROM_LB] === undefined).map((n) => n.metadata!.name!).sort()
    return this.workers
  }

  /** Worker nodes alive, in name order. */
  private workerNodes(): string[] {
    return this.workerNames().filter((n) => this.nodes.isAlive(n))
  }

  /**
   * The node the cloud load balancer sends a connection to: any healthy worker; with
   * externalTrafficPolicy Local only those its health check finds with a local ready endpoint.
   */
  private loadBalancerNode(svc: ReturnType<KubeProxy['rules']>[number]): string | undefined {
    let nodes = this.workerNodes()
    if (svc.externalTrafficPolicy === 'Local') {
      const local = new Set(svc.ports.flatMap((p) => p.endpoints.filter((e) => e.ready).map((e) => e.node)))
      nodes = nodes.filter((n) => local.has(n))
    }
    if (!nodes.length) return undefined
    return nodes[nodes.length === 1 ? 0 : this.ctx.clock.random.int(nodes.length)]
  }
}

function fail(error: NetError, latencyMs: number, route: string[]): NetResponse {
  return { error, body: '', latencyMs, route }
}

function describeSource(from: RequestSource): string {
  if ('pod' in from) return `${from.pod.namespace}/${from.pod.name}`
  if ('node' in from) return from.node
  if ('client' in from) return 'client'
  return 'external'
}

/** The learner's own machine: where `kubectl port-forward` listens. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]'
}
