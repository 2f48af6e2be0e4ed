/**
 * A Service's endpoints as kube-proxy sees them: read from its EndpointSlices (not from the
 * Service's selector), which is where the EndpointSlice controller records which pods are ready.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import type { Service } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../cluster/apiserver/types'
import type { Mirror } from '../state/mirror'

// kube: the EndpointSlice controller labels each slice with the name of its Service.
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name'

export interface EndpointView {
  address: string
  ready: boolean
  serving: boolean
  terminating: boolean
  pod?: string
  podUid?: string
  node?: string
  zone?: string
}

/** The EndpointSlices of one Service, by namespace and name. */
export function slicesOf(s: Pick<Mirror, 'ids' | 'objects'>, namespace: string | undefined, name: string): EndpointSlice[] {
  const out: EndpointSlice[] = []
  for (const uid of s.ids.EndpointSlice ?? []) {
    const es = s.objects.get(uid) as EndpointSlice | undefined
    if (es?.metadata?.namespace === namespace && es?.metadata?.labels?.[SERVICE_NAME_LABEL] === name) out.push(es)
  }
  return out
}

/** Every endpoint of the Service. kube: a nil `ready` condition means ready; `serving` defaults to `ready`. */
export function endpointsOf(s: Pick<Mirror, 'ids' | 'objects'>, svc: KubeObject | Service | undefined): EndpointView[] {
  if (!svc?.metadata?.name) return []
  const out: EndpointView[] = []
  for (const es of slicesOf(s, svc.metadata.namespace, svc.metadata.name)) {
    for (const ep of es.endpoints ?? []) {
      const ready = ep.conditions?.ready ?? true
      out.push({
        address: (ep.addresses ?? []).join(','),
        ready,
        serving: ep.conditions?.serving ?? ready,
        terminating: ep.conditions?.terminating ?? false,
        pod: ep.targetRef?.kind === 'Pod' ? ep.targetRef.name : undefined,
        podUid: ep.targetRef?.kind === 'Pod' ? ep.targetRef.uid : undefined,
        node: ep.nodeName,
        zone: ep.zone,
      })
    }
  }
  return out
}

/** Per node: how many of the Service's endpoints there are ready, and how many are not (or terminating). */
export function endpointsByNode(eps: EndpointView[]): Map<string, { ready: number; notReady: number }> {
  const m = new Map<string, { ready: number; notReady: number }>()
  for (const e of eps) {
    if (!e.node) continue
    const c = m.get(e.node) ?? { ready: 0, notReady: 0 }
    if (e.ready && !e.terminating) c.ready++
    else c.notReady++
    m.set(e.node, c)
  }
  return m
}
