/** kubectl get ingress / ingressclass / networkpolicy: printIngress, printIngressClass, printNetworkPolicy. */
import type { Ingress, IngressClass, IngressLoadBalancerStatus, IngressRule, IngressTLS, NetworkPolicy } from 'kubernetes-types/networking/v1'
import { formatLabelSelector } from '../../../apiserver/labels'
import { since } from '../../duration'
import type { Columns } from './types'

/** kube: loadBalancerWidth — a long address list is cut to 16 characters unless `-o wide`. */
const LOAD_BALANCER_WIDTH = 16

/** kube: ingressLoadBalancerStatusStringer — the ips (else hostnames), sorted and deduplicated. */
export function ingressAddress(status: IngressLoadBalancerStatus | undefined, wide: boolean): string {
  const set = new Set<string>()
  for (const i of status?.ingress ?? []) {
    if (i.ip) set.add(i.ip)
    else if (i.hostname) set.add(i.hostname)
  }
  const r = [...set].sort().join(',')
  return !wide && r.length > LOAD_BALANCER_WIDTH ? `${r.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : r
}

/** kube: formatHosts — up to three hosts, `*` when no rule names one. */
export function ingressHosts(rules: readonly IngressRule[] | undefined): string {
  const list: string[] = []
  const max = 3
  let more = false
  for (const rule of rules ?? []) {
    if (list.length === max) more = true
    if (!more && rule.host) list.push(rule.host)
  }
  if (!list.length) return '*'
  const ret = list.join(',')
  return more ? `${ret} + ${(rules?.length ?? 0) - max} more...` : ret
}

/** kube: formatPorts — 80, and 443 too when the ingress has TLS. */
const ingressPorts = (tls: readonly IngressTLS[] | undefined) => (tls?.length ? '80, 443' : '80')

function ingressRow(ing: Ingress, now: number, wide: boolean): string[] {
  return [
    ing.metadata?.name ?? '',
    ing.spec?.ingressClassName ?? '<none>',
    ingressHosts(ing.spec?.rules),
    ingressAddress(ing.status?.loadBalancer, wide),
    ingressPorts(ing.spec?.tls),
    since(ing.metadata?.creationTimestamp, now),
  ]
}

export const ingressColumns: Columns<Ingress> = {
  headers: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
  // kube: `-o wide` only stops the address being cut; a single address never is.
  row: (ing, now) => ingressRow(ing, now, false),
}

export const ingressClassColumns: Columns<IngressClass> = {
  headers: ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'],
  row: (ic, now) => {
    const p = ic.spec?.parameters
    // kube: Kind[.APIGroup]/Name.
    const params = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>'
    return [ic.metadata?.name ?? '', ic.spec?.controller ?? '', params, since(ic.metadata?.creationTimestamp, now)]
  },
}

export const networkPolicyColumns: Columns<NetworkPolicy> = {
  headers: ['NAME', 'POD-SELECTOR', 'AGE'],
  row: (np, now) => [np.metadata?.name ?? '', formatLabelSelector(np.spec?.podSelector), since(np.metadata?.creationTimestamp, now)],
}
