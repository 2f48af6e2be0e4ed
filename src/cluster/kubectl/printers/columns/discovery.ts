/** kubectl get endpoints / endpointslices: printEndpoints and printEndpointSlice. */
import type { Endpoints } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import { since } from '../../duration'
import type { Columns } from './types'

/** kube: kubectl shows three entries, then ` + N more...`. */
const MAX_SHOWN = 3

/** kube: formatEndpoints — `ip:port` for every port of every subset's ready addresses; `<none>` without subsets. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? []
  if (!subsets.length) return '<none>'
  const list: string[] = []
  let count = 0
  for (const ss of subsets) {
    const addresses = ss.addresses ?? []
    const ports = ss.ports ?? []
    if (!ports.length) {
      count += addresses.length
      for (const a of addresses) if (list.length < MAX_SHOWN) list.push(a.ip)
      continue
    }
    for (const p of ports) {
      count += addresses.length
      for (const a of addresses) if (list.length < MAX_SHOWN) list.push(`${a.ip}:${p.port}`)
    }
  }
  const ret = list.join(',')
  return count > MAX_SHOWN ? `${ret} + ${count - MAX_SHOWN} more...` : ret
}

/** kube: listWithMoreString — `<unset>` for an empty list. */
function listWithMore(list: string[], count: number): string {
  const ret = list.slice(0, MAX_SHOWN).join(',')
  if (count > MAX_SHOWN) return `${ret} + ${count - MAX_SHOWN} more...`
  return ret || '<unset>'
}

export const endpointsColumns: Columns<Endpoints> = {
  headers: ['NAME', 'ENDPOINTS', 'AGE'],
  row: (ep, now) => [ep.metadata?.name ?? '', formatEndpoints(ep), since(ep.metadata?.creationTimestamp, now)],
}

export const endpointSliceColumns: Columns<EndpointSlice> = {
  headers: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
  row(s, now) {
    // kube: formatDiscoveryPorts (the port, or its name, or `*`) and formatDiscoveryEndpoints (every address).
    const ports = (s.ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name ?? '*'))
    const addresses = (s.endpoints ?? []).flatMap((e) => e.addresses)
    return [
      s.metadata?.name ?? '', s.addressType, listWithMore(ports, ports.length), listWithMore(addresses, addresses.length),
      since(s.metadata?.creationTimestamp, now),
    ]
  },
}
