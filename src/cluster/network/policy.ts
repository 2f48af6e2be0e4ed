/**
 * NetworkPolicy as the network plugin enforces it (kind's kindnet, through kube-network-policies):
 * a pure verdict for one connection from the policies, the two pods and the namespaces. No clock, no API.
 *
 * kube: a pod that no policy selects for a direction is open in that direction; a selected pod
 * admits only what some selecting policy allows (the union of their rules); a connection needs the
 * source's egress and the destination's ingress to allow it. Policies apply to traffic from the
 * pod's own node too, except the kubelet's probes, which are always allowed — the caller does not
 * ask about probes.
 */
import type { Namespace, Pod } from 'kubernetes-types/core/v1'
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from 'kubernetes-types/networking/v1'
import { matches, memoSelector } from '../apiserver/labels'
import { cidrContains } from '../apiserver/ip'

export { cidrContains }

/** An empty podSelector: every pod of the namespace. */
const EVERY_POD = Object.freeze({})

export type Protocol = 'TCP' | 'UDP' | 'SCTP'

export interface PolicyVerdict {
  allowed: boolean
  deniedBy?: { namespace: string; name: string; direction: 'ingress' | 'egress' }
}

export interface PolicyQuery {
  policies: readonly NetworkPolicy[]
  namespaceOf: (name: string) => Namespace | undefined
  source: { pod?: Pod; ip: string }
  destination: { pod: Pod; port: number; protocol: Protocol }
}

const nsOf = (o: { metadata?: { namespace?: string } }) => o.metadata?.namespace || 'default'

/** kube: SetDefaults_NetworkPolicy — Ingress always, Egress when there are egress rules. */
export function policyTypes(np: NetworkPolicy): string[] {
  const types = np.spec?.policyTypes
  if (types?.length) return types
  return np.spec?.egress?.length ? ['Ingress', 'Egress'] : ['Ingress']
}

function selects(np: NetworkPolicy, pod: Pod): boolean {
  if (nsOf(np) !== nsOf(pod)) return false
  const sel = memoSelector(np.spec?.podSelector ?? EVERY_POD)
  return !!sel && matches(sel, pod.metadata?.labels)
}

// ---- peers and ports ----------------------------------------------------------------------------

/**
 * kube: podSelector alone selects pods of the policy's namespace; namespaceSelector alone every pod
 * of the matching namespaces; both together, pods matching both. ipBlock matches the address
 * (cidr minus except) — kube-network-policies compares it with pod addresses too; the docs advise
 * it for addresses outside the cluster because pod IPs change.
 */
function peerMatches(peer: NetworkPolicyPeer, policyNamespace: string, pod: Pod | undefined, ip: string, q: PolicyQuery): boolean {
  if (peer.ipBlock) {
    const b = peer.ipBlock
    return cidrContains(b.cidr, ip) && !(b.except ?? []).some((e) => cidrContains(e, ip))
  }
  if (!pod) return false
  if (peer.namespaceSelector) {
    const sel = memoSelector(peer.namespaceSelector)
    const ns = q.namespaceOf(nsOf(pod))
    if (!sel || !ns || !matches(sel, ns.metadata?.labels)) return false
  } else if (nsOf(pod) !== policyNamespace) {
    return false
  }
  if (peer.podSelector) {
    const sel = memoSelector(peer.podSelector)
    return !!sel && matches(sel, pod.metadata?.labels)
  }
  return !!peer.namespaceSelector
}

/** A named port is looked up in the destination pod's containerPorts of the same protocol. */
function portMatches(p: NetworkPolicyPort, dest: PolicyQuery['destination']): boolean {
  if ((p.protocol ?? 'TCP') !== dest.protocol) return false
  if (p.port === undefined || p.port === null) return true
  if (typeof p.port === 'number') return dest.port >= p.port && dest.port <= (p.endPort ?? p.port)
  for (const c of dest.pod.spec?.containers ?? []) {
    for (const cp of c.ports ?? []) {
      if (cp.name === p.port && (cp.protocol ?? 'TCP') === dest.protocol && cp.containerPort === dest.port) return true
    }
  }
  return false
}

interface Rule { peers?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }

function ruleAllows(rule: Rule, policyNamespace: string, peerPod: Pod | undefined, peerIP: string, q: PolicyQuery): boolean {
  const portOK = !rule.ports?.length || rule.ports.some((p) => portMatches(p, q.destination))
  if (!portOK) return false
  return !rule.peers?.length || rule.peers.some((peer) => peerMatches(peer, policyNamespace, peerPod, peerIP, q))
}

const byKey = (a: NetworkPolicy, b: NetworkPolicy) => {
  const ka = `${nsOf(a)}/${a.metadata?.name}`
  const kb = `${nsOf(b)}/${b.metadata?.name}`
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

/** One direction: open when no policy selects the pod for it, else the union of the selecting policies' rules. */
function direction(q: PolicyQuery, dir: 'ingress' | 'egress'): PolicyVerdict {
  const pod = dir === 'ingress' ? q.destination.pod : q.source.pod
  if (!pod) return { allowed: true }
  const type = dir === 'ingress' ? 'Ingress' : 'Egress'
  const selecting = q.policies.filter((np) => !np.metadata?.deletionTimestamp && policyTypes(np).includes(type) && selects(np, pod))
  if (!selecting.length) return { allowed: true }
  const peerPod = dir === 'ingress' ? q.source.pod : q.destination.pod
  const peerIP = dir === 'ingress' ? q.source.ip : (q.destination.pod.status?.podIP ?? '')
  for (const np of selecting) {
    const rules: Rule[] = dir === 'ingress'
      ? (np.spec?.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
      : (np.spec?.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }))
    if (rules.some((r) => ruleAllows(r, nsOf(np), peerPod, peerIP, q))) return { allowed: true }
  }
  const first = [...selecting].sort(byKey)[0]
  return { allowed: false, deniedBy: { namespace: nsOf(first), name: first.metadata?.name ?? '', direction: dir } }
}

/**
 * The verdict for one connection. The source's egress is checked first (the packet leaves it
 * first), then the destination's ingress; `deniedBy` names the first policy (by namespace/name)
 * that selected the pod for the direction that refused.
 */
export function evaluateNetworkPolicies(args: PolicyQuery): PolicyVerdict {
  const egress = direction(args, 'egress')
  if (!egress.allowed) return egress
  return direction(args, 'ingress')
}
