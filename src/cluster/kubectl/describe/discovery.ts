/** kubectl describe endpoints / endpointslices: describeEndpoints, describeEndpointSliceV1. */
import type { Endpoints } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import type { Api } from '../../apiserver/types'
import { eventsFor, writeAnnotations, writeEvents, writeLabels } from './common'
import { DescribeWriter } from './writer'

export function describeEndpoints(api: Api, ep: Endpoints, now: number): string {
  const w = new DescribeWriter()
  w.line(0, `Name:\t${ep.metadata?.name}`)
  w.line(0, `Namespace:\t${ep.metadata?.namespace}`)
  writeLabels(w, 0, 'Labels', ep.metadata?.labels)
  writeAnnotations(w, 0, ep.metadata?.annotations)
  w.line(0, 'Subsets:')
  for (const s of ep.subsets ?? []) {
    w.line(1, `Addresses:\t${(s.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}`)
    w.line(1, `NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}`)
    if (s.ports?.length) {
      w.line(1, 'Ports:')
      w.line(2, 'Name\tPort\tProtocol')
      w.line(2, '----\t----\t--------')
      for (const p of s.ports) w.line(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}`)
    }
    w.line(0, '')
  }
  writeEvents(w, eventsFor(api, ep), now)
  return w.toString()
}

export function describeEndpointSlice(api: Api, eps: EndpointSlice, now: number): string {
  const w = new DescribeWriter()
  w.line(0, `Name:\t${eps.metadata?.name}`)
  w.line(0, `Namespace:\t${eps.metadata?.namespace}`)
  writeLabels(w, 0, 'Labels', eps.metadata?.labels)
  writeAnnotations(w, 0, eps.metadata?.annotations)
  w.line(0, `AddressType:\t${eps.addressType}`)
  if (!eps.ports?.length) w.line(0, 'Ports: <unset>')
  else {
    w.line(0, 'Ports:')
    w.line(1, 'Name\tPort\tProtocol')
    w.line(1, '----\t----\t--------')
    for (const p of eps.ports) w.line(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? 'TCP'}`)
  }
  if (!eps.endpoints?.length) w.line(0, 'Endpoints: <none>')
  else {
    w.line(0, 'Endpoints:')
    for (const e of eps.endpoints) {
      w.line(1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}`)
      w.line(2, 'Conditions:')
      w.line(3, `Ready:\t${e.conditions?.ready === undefined ? '<unset>' : String(e.conditions.ready)}`)
      w.line(2, `Hostname:\t${e.hostname ?? '<unset>'}`)
      if (e.targetRef) w.line(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}`)
      w.line(2, `NodeName:\t${e.nodeName ?? '<unset>'}`)
      w.line(2, `Zone:\t${e.zone ?? '<unset>'}`)
    }
  }
  writeEvents(w, eventsFor(api, eps), now)
  return w.toString()
}
