/**
 * The slice packing of kube's EndpointSlice reconciler (staging/src/k8s.io/endpointslice/reconciler.go),
 * reduced to its observable rules: endpoints are grouped by the ports they resolve to (one set of
 * slices per group); an endpoint stays in the slice that already holds it; new endpoints fill the
 * existing slices of their group up to maxEndpointsPerSlice, then go to new slices; slices left
 * empty are deleted; a Service with no endpoints keeps one placeholder slice with no ports.
 */
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1'

/** kube: --max-endpoints-per-slice default 100. */
export const MAX_ENDPOINTS_PER_SLICE = 100

export interface DesiredGroup {
  ports: EndpointPort[]
  /** Keyed by pod uid (the targetRef), in the order new endpoints are added. */
  endpoints: Map<string, Endpoint>
}

export interface SlicePlan {
  /** Existing slices to rewrite with these ports and endpoints (unchanged slices are left out). */
  update: { slice: EndpointSlice; ports: EndpointPort[]; endpoints: Endpoint[] }[]
  /** Slices to create. */
  create: { ports: EndpointPort[]; endpoints: Endpoint[] }[]
  delete: EndpointSlice[]
  /** Existing slices kept as they are. */
  keep: EndpointSlice[]
}

export const portsKey = (ports: readonly EndpointPort[]): string =>
  JSON.stringify(ports.map((p) => [p.name ?? '', p.port ?? null, p.protocol ?? 'TCP', p.appProtocol ?? '']))

const endpointKey = (e: Endpoint): string => e.targetRef?.uid ?? e.addresses[0]

export function planSlices(existing: EndpointSlice[], desired: Map<string, DesiredGroup>, max = MAX_ENDPOINTS_PER_SLICE): SlicePlan {
  const plan: SlicePlan = { update: [], create: [], delete: [], keep: [] }
  const placed = new Set<string>()
  const open: Map<string, { slice: EndpointSlice | undefined; ports: EndpointPort[]; endpoints: Endpoint[]; changed: boolean }[]> = new Map()
  const sorted = [...existing].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
  for (const slice of sorted) {
    const key = portsKey(slice.ports ?? [])
    const group = desired.get(key)
    if (!group) {
      plan.delete.push(slice)
      continue
    }
    let changed = false
    const endpoints: Endpoint[] = []
    for (const e of slice.endpoints ?? []) {
      const k = endpointKey(e)
      const want = group.endpoints.get(k)
      if (!want || placed.has(k)) {
        changed = true
        continue
      }
      placed.add(k)
      if (JSON.stringify(want) !== JSON.stringify(e)) changed = true
      endpoints.push(want)
    }
    const list = open.get(key) ?? []
    list.push({ slice, ports: group.ports, endpoints, changed })
    open.set(key, list)
  }
  for (const [key, group] of desired) {
    const list = open.get(key) ?? []
    open.set(key, list)
    for (const [k, e] of group.endpoints) {
      if (placed.has(k)) continue
      placed.add(k)
      let target = list.find((s) => s.endpoints.length < max)
      if (!target) {
        target = { slice: undefined, ports: group.ports, endpoints: [], changed: true }
        list.push(target)
      }
      target.endpoints.push(e)
      target.changed = true
    }
  }
  for (const [key, list] of open) {
    const group = desired.get(key)!
    for (const s of list) {
      // kube: an emptied slice is deleted — except the placeholder of a Service without endpoints.
      const placeholder = group.endpoints.size === 0 && group.ports.length === 0
      if (s.endpoints.length === 0 && !placeholder) {
        if (s.slice) plan.delete.push(s.slice)
        continue
      }
      if (!s.slice) plan.create.push({ ports: s.ports, endpoints: s.endpoints })
      else if (s.changed) plan.update.push({ slice: s.slice, ports: s.ports, endpoints: s.endpoints })
      else plan.keep.push(s.slice)
    }
    if (group.endpoints.size === 0 && list.length === 0) plan.create.push({ ports: group.ports, endpoints: [] })
  }
  return plan
}
