/**
 * The shapes the cluster network hands out: what a request returns, what the traffic view shows.
 * The UI and the metrics code read these; the kubelet passes `PodNetwork` to the pods' programs.
 */

/**
 * Where a request starts: a pod (its namespace's DNS search path, its node's kube-proxy), a node
 * (the host's resolver: no cluster names), a laptop outside the cluster, or `client`: an in-cluster
 * caller without a Pod object (the traffic generator's load tester), which resolves names as a pod
 * of `namespace` would and enters through one worker node's kube-proxy.
 */
export type RequestSource =
  | { pod: { namespace: string; name: string } }
  | { node: string }
  | { external: true }
  | { client: { namespace: string } }

export interface NetResponse {
  /** undefined: no HTTP answer. */
  status?: number
  body: string
  /** 'connection refused' | 'timed out' | 'could not resolve host' | 'no route to host'. */
  error?: NetError
  pod?: { namespace: string; name: string; node: string; ip: string }
  service?: { namespace: string; name: string }
  ingress?: { namespace: string; name: string }
  deniedBy?: { namespace: string; name: string; direction: 'ingress' | 'egress' }
  /** Simulated time the request took (a timeout takes its timeout). */
  latencyMs: number
  /** Human steps: 'DNS php-apache.default.svc.cluster.local → 10.96.0.123', 'kube-proxy (node-2): …'. */
  route: string[]
  /** The address the name resolved to (what wget and curl print). */
  ip?: string
}

export type NetError = 'connection refused' | 'timed out' | 'could not resolve host' | 'no route to host'

/** A `kubectl port-forward` listener on the learner's machine: localhost:localPort → the pod's remotePort. */
export interface PortForwardSpec {
  namespace: string
  pod: string
  localPort: number
  remotePort: number
}

export interface RequestOptions {
  /** Give up after this long (a client's timeout). Default: the kernel's connect timeout. */
  timeoutMs?: number
  /** The Host header when it differs from the URL's host. */
  host?: string
  /** The name the request is recorded under (a traffic generator's name). */
  label?: string
}

export interface RequestRecord {
  at: number
  source: string
  url: string
  ok: boolean
  status?: number
  error?: string
  /** ns/name */
  service?: string
  /** ns/name */
  pod?: string
  node?: string
  /** ns/name */
  deniedBy?: string
}

export interface TrafficGeneratorInfo { name: string; url: string; rps: number; sent: number; ok: number; failed: number }

export interface TrafficSnapshot {
  generators: TrafficGeneratorInfo[]
  /** Per pod (ns/name): requests it answered well, and those that failed on their way to it. */
  pods: Record<string, { ok: number; failed: number }>
  /** Requests since the last snapshot (at most RECENT_LIMIT, newest kept). */
  recent: RequestRecord[]
}

/** A DNS answer: the name asked, its A records, and the CNAME it went through, if any. */
export interface DnsAnswer {
  /** The fully qualified name that answered (after the search path). */
  name: string
  addresses: { ip: string; ptr?: string }[]
  cname?: string
}

/** What a pod's processes reach the network through (the kubelet wires it to ClusterNetwork). */
export interface PodNetwork {
  request(from: RequestSource, url: string, options?: RequestOptions): NetResponse
  /** DNS from a pod of `namespace` (its resolv.conf search path). */
  lookup(name: string, namespace: string): DnsAnswer | undefined
}
