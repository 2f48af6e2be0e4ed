/** kubectl describe service: describeService. Endpoints are the ready pods the selector matches. */
import type { Pod, Service } from 'kubernetes-types/core/v1'
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
  const pods = selKeys.length
    ? api.list<Pod>('Pod', { namespace: svc.metadata?.namespace, labelSelector: { matchLabels: sel } })
      .filter((p) => p.status?.podIP && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'))
    : []
  for (const p of spec.ports ?? []) {
    const proto = p.protocol ?? 'TCP'
    w.line(0, `Port:\t${p.name || '<unset>'}\t${p.port}/${proto}`)
    const target = p.targetPort ?? p.port
    w.line(0, `TargetPort:\t${target}/${proto}`)
    if (p.nodePort) w.line(0, `NodePort:\t${p.name || '<unset>'}\t${p.nodePort}/${proto}`)
    const eps = pods.map((pod) => `${pod.status!.podIP}:${typeof target === 'number' ? target : p.port}`)
    // kube: formatEndpoints shows three and counts the rest.
    const shown = eps.slice(0, 3).join(',') + (eps.length > 3 ? ` + ${eps.length - 3} more...` : '')
    w.line(0, `Endpoints:\t${shown || (selKeys.length ? '' : '<none>')}`)
  }
  w.line(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}`)
  if (spec.externalTrafficPolicy) w.line(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}`)
  if (spec.internalTrafficPolicy) w.line(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}`)
  writeEvents(w, eventsFor(api, svc), now)
  return w.toString()
}
