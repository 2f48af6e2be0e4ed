/** kubectl describe ingress / ingressclass / networkpolicy: IngressDescriber, IngressClassDescriber, NetworkPolicyDescriber. */
import type { Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import type {
  Ingress, IngressBackend, IngressClass, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort,
} from 'kubernetes-types/networking/v1'
import type { Api } from '../../apiserver/types'
import { formatLabelSelector } from '../../apiserver/labels'
import { ingressAddress } from '../printers/columns/networking'
import { eventsFor, writeAnnotations, writeEvents, writeLabels } from './common'
import { formatEndpointSlices } from './service'
import { DescribeWriter } from './writer'

// ---- Ingress ----------------------------------------------------------------------------------

/** kube: describeBackendV1 — `svc:port (endpoints)`, or the error of looking the Service up. */
function backendString(api: Api, namespace: string, backend: IngressBackend): string {
  const svc = backend.service
  if (svc) {
    const sb = `${svc.name}:${svc.port?.number ? svc.port.number : (svc.port?.name ?? '')}`
    const service = api.find<Service>('Service', namespace, svc.name)
    if (!service) return `${sb} (<error: services "${svc.name}" not found>)`
    const slices = api.list<EndpointSlice>('EndpointSlice', {
      namespace, labelSelector: { matchLabels: { 'kubernetes.io/service-name': svc.name } },
    })
    let portName = ''
    for (const sp of service.spec?.ports ?? []) {
      if ((svc.port?.number && svc.port.number === sp.port) || (svc.port?.name && svc.port.name === sp.name)) portName = sp.name ?? ''
    }
    return `${sb} (${formatEndpointSlices(slices, portName)})`
  }
  const r = backend.resource
  return r ? `APIGroup: ${r.apiGroup ?? '<none>'}, Kind: ${r.kind}, Name: ${r.name}` : ''
}

export function describeIngress(api: Api, ing: Ingress, now: number): string {
  const w = new DescribeWriter()
  const ns = ing.metadata?.namespace ?? 'default'
  const spec = ing.spec ?? {}
  w.line(0, `Name:\t${ing.metadata?.name}`)
  writeLabels(w, 0, 'Labels', ing.metadata?.labels)
  w.line(0, `Namespace:\t${ns}`)
  w.line(0, `Address:\t${ingressAddress(ing.status?.loadBalancer, true)}`)
  w.line(0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}`)
  const def = spec.defaultBackend ? backendString(api, ns, spec.defaultBackend) : '<default>'
  w.line(0, `Default backend:\t${def}`)
  if (spec.tls?.length) {
    w.line(0, 'TLS:')
    for (const t of spec.tls) {
      const hosts = (t.hosts ?? []).join(',')
      w.line(1, t.secretName ? `${t.secretName} terminates ${hosts}` : `SNI routes ${hosts}`)
    }
  }
  w.line(0, 'Rules:')
  w.line(1, 'Host\tPath\tBackends')
  w.line(1, '----\t----\t--------')
  let count = 0
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue
    count++
    w.line(1, `${rule.host || '*'}\t`)
    for (const p of rule.http.paths ?? []) w.line(2, `\t${p.path ?? ''} \t${backendString(api, ns, p.backend)}`)
  }
  if (!count) w.line(1, `*\t*\t${def}`)
  writeAnnotations(w, 0, ing.metadata?.annotations)
  writeEvents(w, eventsFor(api, ing), now)
  return w.toString()
}

// ---- IngressClass -----------------------------------------------------------------------------

export function describeIngressClass(api: Api, ic: IngressClass, now: number): string {
  const w = new DescribeWriter()
  w.line(0, `Name:\t${ic.metadata?.name}`)
  writeLabels(w, 0, 'Labels', ic.metadata?.labels)
  writeAnnotations(w, 0, ic.metadata?.annotations)
  w.line(0, `Controller:\t${ic.spec?.controller ?? ''}`)
  const p = ic.spec?.parameters
  if (p) {
    w.line(0, 'Parameters:')
    if (p.apiGroup) w.line(1, `APIGroup:\t${p.apiGroup}`)
    w.line(1, `Kind:\t${p.kind}`)
    w.line(1, `Name:\t${p.name}`)
  }
  writeEvents(w, eventsFor(api, ic), now)
  return w.toString()
}

// ---- NetworkPolicy ----------------------------------------------------------------------------

/** Go's time.Time.String() of a creation timestamp (UTC): `2024-07-28 10:03:17 +0000 UTC`. */
function goTime(timestamp: string | undefined): string {
  if (!timestamp) return '0001-01-01 00:00:00 +0000 UTC'
  return `${new Date(timestamp).toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`
}

const INDENT = '    '

function writePorts(w: DescribeWriter, ports: NetworkPolicyPort[] | undefined): void {
  if (!ports?.length) {
    w.line(0, `${INDENT}To Port: <any> (traffic allowed to all ports)`)
    return
  }
  for (const p of ports) w.line(0, `${INDENT}To Port: ${p.port ?? '<nil>'}/${p.protocol ?? 'TCP'}`)
}

function writePeer(w: DescribeWriter, peer: NetworkPolicyPeer): void {
  if (peer.podSelector && peer.namespaceSelector) {
    w.line(1, `${INDENT}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}`)
    w.line(1, `${INDENT}PodSelector: ${formatLabelSelector(peer.podSelector)}`)
  } else if (peer.podSelector) {
    w.line(1, `${INDENT}PodSelector: ${formatLabelSelector(peer.podSelector)}`)
  } else if (peer.namespaceSelector) {
    w.line(1, `${INDENT}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}`)
  } else if (peer.ipBlock) {
    w.line(1, `${INDENT}IPBlock:`)
    w.line(2, `${INDENT}CIDR: ${peer.ipBlock.cidr}`)
    w.line(2, `${INDENT}Except: ${(peer.ipBlock.except ?? []).join(', ')}`)
  }
}

/** kube: printNetworkPolicySpecIngressFrom / EgressTo — rules separated by dashes. */
function writeRules(w: DescribeWriter, rules: { ports?: NetworkPolicyPort[]; peers?: NetworkPolicyPeer[] }[], dir: 'ingress' | 'egress'): void {
  if (!rules.length) {
    w.line(0, `${INDENT}<none> (Selected pods are isolated for ${dir} connectivity)`)
    return
  }
  const label = dir === 'ingress' ? 'From' : 'To'
  rules.forEach((r, i) => {
    writePorts(w, r.ports)
    // kube: kubectl says "source" for egress rules too.
    if (!r.peers?.length) w.line(0, `${INDENT}${label}: <any> (traffic not restricted by source)`)
    for (const peer of r.peers ?? []) {
      w.line(0, `${INDENT}${label}:`)
      writePeer(w, peer)
    }
    if (i !== rules.length - 1) w.line(0, `${INDENT}----------`)
  })
}

export function describeNetworkPolicy(_api: Api, np: NetworkPolicy): string {
  const w = new DescribeWriter()
  const spec = np.spec ?? { podSelector: {} }
  w.line(0, `Name:\t${np.metadata?.name}`)
  w.line(0, `Namespace:\t${np.metadata?.namespace}`)
  w.line(0, `Created on:\t${goTime(np.metadata?.creationTimestamp)}`)
  writeLabels(w, 0, 'Labels', np.metadata?.labels)
  writeAnnotations(w, 0, np.metadata?.annotations)
  w.line(0, 'Spec:')
  const sel = spec.podSelector ?? {}
  const empty = !Object.keys(sel.matchLabels ?? {}).length && !sel.matchExpressions?.length
  w.line(1, `PodSelector:     ${empty ? '<none> (Allowing the specific traffic to all pods in this namespace)' : formatLabelSelector(sel)}`)
  const types = spec.policyTypes ?? []
  if (types.includes('Ingress')) {
    w.line(1, 'Allowing ingress traffic:')
    writeRules(w, (spec.ingress ?? []).map((r) => ({ ports: r.ports, peers: r.from })), 'ingress')
  } else {
    w.line(1, 'Not affecting ingress traffic')
  }
  if (types.includes('Egress')) {
    w.line(1, 'Allowing egress traffic:')
    writeRules(w, (spec.egress ?? []).map((r) => ({ ports: r.ports, peers: r.to })), 'egress')
  } else {
    w.line(1, 'Not affecting egress traffic')
  }
  w.line(1, `Policy Types: ${types.join(', ')}`)
  return w.toString()
}
