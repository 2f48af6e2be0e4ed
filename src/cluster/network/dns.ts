/**
 * Cluster DNS as CoreDNS's kubernetes plugin answers it (kube: dns-pod-service concept page):
 * `svc.ns.svc.cluster.local` → the cluster IP; a headless Service (clusterIP None) → the addresses
 * of its ready endpoints; `hostname.subdomain.ns.svc.cluster.local` → the endpoint with that
 * hostname (StatefulSet pods: `web-0.nginx.default.svc.cluster.local`); ExternalName → a CNAME;
 * `a-b-c-d.ns.pod.cluster.local` → a.b.c.d (kubeadm's Corefile: `pods insecure`). Names outside
 * cluster.local are forwarded upstream (internet.ts). A pod resolves short names through its
 * resolv.conf: `search <ns>.svc.cluster.local svc.cluster.local cluster.local`, `options ndots:5`.
 */
import type { Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import type { InformerFactory, Informer } from '../informers/informer'
import { INTERNET } from './internet'
import type { DnsAnswer } from './types'
import { isIPv4 } from '../apiserver/ip'

// kube default: the cluster domain (kubelet --cluster-domain) is cluster.local.
export const CLUSTER_DOMAIN = 'cluster.local'
// kube default (kubeadm/kind): the kube-dns Service takes the 10th address of 10.96.0.0/12.
export const KUBE_DNS_IP = '10.96.0.10'
export const KUBE_DNS_NAME = 'kube-dns.kube-system.svc.cluster.local'
// kube: the kubelet writes `options ndots:5` into a ClusterFirst pod's resolv.conf.
const NDOTS = 5

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'
/** EndpointSlices by `namespace/service`. */
export const INDEX_SLICE_SERVICE = 'network:slice-service'
const INDEX_CLUSTER_IP = 'network:cluster-ip'
const INDEX_SLICE_ADDRESS = 'network:slice-address'

export const sliceServiceIndex = (s: EndpointSlice): string[] => {
  const svc = s.metadata?.labels?.[SERVICE_NAME_LABEL]
  return svc ? [`${s.metadata?.namespace}/${svc}`] : []
}

/** The search domains of a pod in `namespace` (kube: dnsPolicy ClusterFirst). */
export function searchPath(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN]
}

const NIP_IO = /(?:^|[.-])(\d{1,3}[.-]\d{1,3}[.-]\d{1,3}[.-]\d{1,3})\.nip\.io$/
export const isIP = isIPv4

export class ClusterDns {
  private readonly services: Informer<Service>
  private readonly slices: Informer<EndpointSlice>

  constructor(informers: InformerFactory) {
    this.services = informers.for<Service>('Service')
    this.slices = informers.for<EndpointSlice>('EndpointSlice')
    this.services.addIndex(INDEX_CLUSTER_IP, (s) => (s.spec?.clusterIP && s.spec.clusterIP !== 'None' ? [s.spec.clusterIP] : []))
    this.slices.addIndex(INDEX_SLICE_SERVICE, sliceServiceIndex)
    this.slices.addIndex(INDEX_SLICE_ADDRESS, (s) => (s.endpoints ?? []).flatMap((e) => e.addresses))
    // Answers are a pure function of Services and EndpointSlices: cached until either changes.
    const clear = () => this.cache.clear()
    for (const inf of [this.services, this.slices] as Informer<Service | EndpointSlice>[]) inf.addEventHandler({ add: clear, update: clear, delete: clear })
  }

  private readonly cache = new Map<string, DnsAnswer | null>()

  /**
   * Resolves `name` as a resolver does: with a namespace, through the pod's search path
   * (fewer than ndots dots: the search domains first, then the name as given); without one
   * (a node, a laptop), only as given. An IP answers itself.
   */
  lookup(name: string, namespace?: string): DnsAnswer | undefined {
    const key = `${namespace ?? ''}|${name}`
    const hit = this.cache.get(key)
    if (hit !== undefined) return hit ?? undefined
    const answer = this.uncached(name, namespace)
    if (this.cache.size > 10_000) this.cache.clear()
    this.cache.set(key, answer ?? null)
    return answer
  }

  private uncached(name: string, namespace?: string): DnsAnswer | undefined {
    const n = name.toLowerCase()
    if (isIP(n)) return { name: n, addresses: [{ ip: n, ptr: this.ptr(n) }] }
    if (n.endsWith('.')) return this.resolveFqdn(n.slice(0, -1), namespace !== undefined)
    const inCluster = namespace !== undefined
    const search = inCluster ? searchPath(namespace).map((d) => `${n}.${d}`) : []
    const dots = n.split('.').length - 1
    const order = dots < NDOTS ? [...search, n] : [n, ...search]
    for (const candidate of order) {
      const a = this.resolveFqdn(candidate, inCluster)
      if (a) return a
    }
    return undefined
  }

  /** The first address of `name`, as gethostbyname returns it. */
  resolve(name: string, namespace?: string): string | undefined {
    return this.lookup(name, namespace)?.addresses[0]?.ip
  }

  /** A fully qualified name; cluster names only answer in-cluster resolvers (CoreDNS). */
  private resolveFqdn(fq: string, inCluster: boolean, depth = 0): DnsAnswer | undefined {
    const site = INTERNET[fq]
    if (site) return { name: fq, addresses: [{ ip: site.ip }] }
    // nip.io, the public wildcard DNS the ingress tutorials use: `app.172.18.0.2.nip.io` → 172.18.0.2.
    const nip = NIP_IO.exec(fq)
    if (nip) return { name: fq, addresses: [{ ip: nip[1].replace(/-/g, '.') }] }
    const suffix = `.${CLUSTER_DOMAIN}`
    if (!inCluster || !fq.endsWith(suffix)) return undefined
    const labels = fq.slice(0, -suffix.length).split('.')
    const zone = labels[labels.length - 1]
    if (zone === 'pod' && labels.length === 3) {
      const ip = labels[0].replace(/-/g, '.')
      return isIP(ip) ? { name: fq, addresses: [{ ip }] } : undefined
    }
    if (zone !== 'svc') return undefined
    if (labels.length === 3) return this.service(fq, labels[1], labels[0], depth)
    if (labels.length === 4) return this.endpointHost(fq, labels[2], labels[1], labels[0])
    return undefined
  }

  private service(fq: string, namespace: string, name: string, depth: number): DnsAnswer | undefined {
    const svc = this.services.get(namespace, name)
    if (!svc) return undefined
    if (svc.spec?.type === 'ExternalName') {
      const target = (svc.spec.externalName ?? '').replace(/\.$/, '').toLowerCase()
      // CoreDNS answers the CNAME and follows it (bounded: a CNAME loop resolves to nothing).
      const next = depth < 8 ? this.resolveFqdn(target, true, depth + 1) : undefined
      return { name: fq, cname: target, addresses: next?.addresses ?? [] }
    }
    const ip = svc.spec?.clusterIP
    if (ip && ip !== 'None') return { name: fq, addresses: [{ ip, ptr: fq }] }
    // Headless: one A record per ready endpoint (kube: publishNotReadyAddresses makes all ready).
    const addresses: { ip: string; ptr?: string }[] = []
    const seen = new Set<string>()
    for (const slice of this.slices.byIndex(INDEX_SLICE_SERVICE, `${namespace}/${name}`)) {
      for (const e of slice.endpoints ?? []) {
        if (e.conditions?.ready === false) continue
        for (const a of e.addresses) {
          if (seen.has(a)) continue
          seen.add(a)
          addresses.push({ ip: a, ptr: `${e.hostname ?? a.replace(/\./g, '-')}.${name}.${namespace}.svc.${CLUSTER_DOMAIN}` })
        }
      }
    }
    return addresses.length ? { name: fq, addresses } : undefined
  }

  /** `web-0.nginx.default.svc.cluster.local`, or `10-244-1-5.nginx.default.svc.cluster.local`. */
  private endpointHost(fq: string, namespace: string, service: string, host: string): DnsAnswer | undefined {
    for (const slice of this.slices.byIndex(INDEX_SLICE_SERVICE, `${namespace}/${service}`)) {
      for (const e of slice.endpoints ?? []) {
        if (e.conditions?.ready === false) continue
        if (e.hostname === host || e.addresses.some((a) => a.replace(/\./g, '-') === host)) {
          return { name: fq, addresses: e.addresses.map((ip) => ({ ip, ptr: fq })) }
        }
      }
    }
    return undefined
  }

  /** The reverse name of an address (kube-dns, a Service, an endpoint), as busybox prints it. */
  ptr(ip: string): string | undefined {
    if (ip === KUBE_DNS_IP) return KUBE_DNS_NAME
    const svc = this.services.byIndex(INDEX_CLUSTER_IP, ip)[0]
    if (svc) return `${svc.metadata!.name}.${svc.metadata!.namespace}.svc.${CLUSTER_DOMAIN}`
    const slice = this.slices.byIndex(INDEX_SLICE_ADDRESS, ip)[0]
    const svcName = slice?.metadata?.labels?.[SERVICE_NAME_LABEL]
    if (!slice || !svcName) return undefined
    const e = (slice.endpoints ?? []).find((x) => x.addresses.includes(ip))
    return `${e?.hostname ?? ip.replace(/\./g, '-')}.${svcName}.${slice.metadata!.namespace}.svc.${CLUSTER_DOMAIN}`
  }
}
