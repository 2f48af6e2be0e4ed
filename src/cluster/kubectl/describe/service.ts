/** kubectl describe service: describeService. The Endpoints line reads the Service's EndpointSlices. */
import type { Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import type { Api } from '../../apiserver/types'
import { eventsFor, writeAnnotations, writeEvents, writeLabels } from './common'
import { DescribeWriter } from './writer'

export function describeService(api: Api, svc: Service, now: number): string {
  const w = new DescribeWriter()
  const spec = svc.spec ?? {}
  w.line(0, `Name:\t${svc.metadata?.name}`)
  w.line(0, `Namespace:\t${svc.metadata?.namespace}`)
  writeLabels(w, 0, 'Labels', svc.metadata?.labels)
  writeAnnotations(w, 0, svc.metadata?.annotations)
  const sel = spec.selector ?? {}
  const selKeys = Object.keys(sel).sort()
  w.line(0, `Selector:\t${selKeys.length ? selKeys.map((k) => `${k}=${sel[k]}`).join(',') : '<none>'}`)
  w.line(0, `Type:\t${spec.type ?? 'ClusterIP'}`)
  if (spec.ipFamilyPolicy) w.line(0, `IP Family Policy:\t${spec.ipFamilyPolicy}`)
  if (spec.ipFamilies?.length) w.line(0, `IP Families:\t${spec.ipFamilies.join(',')}`)
  w.line(0, `IP:\t${spec.clusterIP ?? ''}`)
  w.line(0, `IPs:\t${(spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])).join(',') || '<none>'}`)
  if (spec.externalIPs?.length) w.line(0, `External IPs:\t${spec.externalIPs.join(',')}`)
  if (spec.loadBalancerIP) w.line(0, `LoadBalancer IP:\t${spec.loadBalancerIP}`)
  if (spec.type === 'ExternalName') w.line(0, `External Name:\t${spec.externalName ?? ''}`)
  const ingress = svc.status?.loadBalancer?.ingress ?? []
  if (ingress.length) {
    // kube: buildIngressString — the ip (or hostname), with its ipMode in parentheses.
    w.line(0, `LoadBalancer Ingress:\t${ingress.map((i) => (i.ip || i.hostname || '') + (i.ipMode ? ` (${i.ipMode})` : '')).join(', ')}`)
  }
  const slices = api.list<EndpointSlice>('EndpointSlice', {
    namespace: svc.metadata?.namespace, labelSelector: { matchLabels: { 'kubernetes.io/service-name': svc.metadata?.name ?? '' } },
  })
  for (const p of spec.ports ?? []) {
    const proto = p.protocol ?? 'TCP'
    w.line(0, `Port:\t${p.name || '<unset>'}\t${p.port}/${proto}`)
    const target = p.targetPort ?? p.port
    w.line(0, `TargetPort:\t${target}/${proto}`)
    if (p.nodePort) w.line(0, `NodePort:\t${p.name || '<unset>'}\t${p.nodePort}/${proto}`)
    w.line(0, `Endpoints:\t${formatEndpointSlices(slices, p.name ?? '')}`)
  }
  w.line(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}`)
  if (spec.externalTrafficPolicy) w.line(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}`)
  if (spec.internalTrafficPolicy) w.line(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}`)
  writeEvents(w, eventsFor(api, svc), now)
  return w.toString()
}

/**
 * kube: formatEndpointSlices — `ip:port` of the ready endpoints for the slice ports named like the
 * Service port, three shown and the rest counted; `<none>` when the Service has no slices.
 */
export function formatEndpointSlices(slices: readonly EndpointSlice[], portName: string): string {
  if (!slices.length) return '<none>'
  const list: string[] = []
  let count = 0
  let more = false
  const add = (ready: boolean | undefined, text: string) => {
    if (list.length === 3) more = true
    if (!more && ready !== false) list.push(text)
    count++
  }
  for (const s of slices) {
    const ports = s.ports ?? []
    if (!ports.length) {
      for (const e of s.endpoints ?? []) add(e.conditions?.ready ?? undefined, e.addresses[0])
      continue
    }
    for (const p of ports) {
      if ((p.name ?? '') !== portName) continue
      for (const e of s.endpoints ?? []) add(e.conditions?.ready ?? undefined, `${e.addresses[0]}:${p.port}`)
    }
  }
  const ret = list.join(',')
  return more ? `${ret} + ${count - 3} more...` : ret
}
