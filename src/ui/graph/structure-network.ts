/**
 * The networking, storage and autoscaling part of the graph's structure: Service → the nodes where
 * its endpoints are (as its EndpointSlices say, ready solid, not ready dashed), Ingress → its backend
 * Services, HorizontalPodAutoscaler → its scale target, NetworkPolicy boxes, and
 * PersistentVolumeClaim → PersistentVolume → the node of the pod that mounts it.
 */
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2'
import type { Ingress, IngressBackend } from 'kubernetes-types/networking/v1'
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../cluster/apiserver/types'
import type { Mirror } from '../state/mirror'
import { nameKey } from '../state/mirror'
import { endpointsByNode, endpointsOf } from '../model/endpoints'

export type NetBoxType = 'ingress' | 'hpa' | 'networkpolicy' | 'pvc' | 'pv'
export type NetLinkKind = 'routes' | 'routesNotReady' | 'ingress' | 'scales' | 'binds' | 'mounts'

const nameOf = (o: KubeObject | undefined): string => o?.metadata?.name ?? ''
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** Per Service: node → ready/not-ready endpoint counts. */
export function serviceEndpointNodes(s: Mirror, svcUid: string): Map<string, { ready: number; notReady: number }> {
  return endpointsByNode(endpointsOf(s, s.objects.get(svcUid)))
}

/** The Services an Ingress sends to (its rules' backends and its default backend), with the path for the label. */
export function ingressBackends(ing: Ingress | undefined): { service: string; path: string }[] {
  const out: { service: string; path: string }[] = []
  const add = (b: IngressBackend | undefined, path: string) => {
    const name = b?.service?.name
    if (name && !out.some((o) => o.service === name)) out.push({ service: name, path })
  }
  add(ing?.spec?.defaultBackend, 'by default')
  for (const rule of ing?.spec?.rules ?? []) {
    for (const p of rule.http?.paths ?? []) add(p.backend, `${rule.host ?? '*'}${p.path ?? '/'}`)
  }
  return out
}

/** The uid of what an HPA scales (`scaleTargetRef`, v2 and v1 alike), if it exists. */
export function hpaTarget(s: Mirror, hpa: KubeObject | undefined): string | undefined {
  const ref = (hpa as HorizontalPodAutoscaler | undefined)?.spec?.scaleTargetRef
  return ref ? s.byName.get(nameKey(ref.kind, hpa?.metadata?.namespace, ref.name)) : undefined
}

/** Claim → PersistentVolume uid (the claim's spec.volumeName, once bound). */
export function claimVolume(s: Mirror, pvcUid: string): string | undefined {
  const pvc = s.objects.get(pvcUid) as PersistentVolumeClaim | undefined
  const vol = pvc?.spec?.volumeName
  return vol ? s.byName.get(nameKey('PersistentVolume', undefined, vol)) : undefined
}

/** For each PersistentVolume (uid): the nodes whose pods mount it through a claim, with the pod names. */
export function volumeMounts(s: Mirror): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>()
  for (const [node, pods] of Object.entries(s.podsByNode)) {
    if (!node) continue
    for (const uid of pods) {
      const pod = s.objects.get(uid) as Pod | undefined
      for (const v of pod?.spec?.volumes ?? []) {
        if (!v.persistentVolumeClaim) continue
        const pvc = s.byName.get(nameKey('PersistentVolumeClaim', pod?.metadata?.namespace, v.persistentVolumeClaim.claimName))
        const pv = pvc && claimVolume(s, pvc)
        if (!pv) continue
        const byNode = out.get(pv) ?? new Map<string, string[]>()
        byNode.set(node, [...(byNode.get(node) ?? []), nameOf(pod)])
        out.set(pv, byNode)
      }
    }
  }
  return out
}

/** The part of the structure key these boxes and links add (see structureKey). */
export function networkKey(s: Mirror): string {
  const parts: string[] = []
  for (const kind of ['Ingress', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'PersistentVolumeClaim', 'PersistentVolume']) {
    parts.push(kind, ...(s.ids[kind] ?? []))
  }
  for (const uid of s.ids.Service ?? []) {
    for (const [node, c] of serviceEndpointNodes(s, uid)) parts.push(`${uid}>${node}=${c.ready}/${c.notReady}`)
  }
  for (const uid of s.ids.Ingress ?? []) parts.push(`${uid}>${ingressBackends(s.objects.get(uid) as Ingress).map((b) => b.service).join(',')}`)
  for (const uid of s.ids.HorizontalPodAutoscaler ?? []) parts.push(`${uid}>${hpaTarget(s, s.objects.get(uid)) ?? ''}`)
  for (const uid of s.ids.PersistentVolumeClaim ?? []) parts.push(`${uid}>${claimVolume(s, uid) ?? ''}`)
  for (const [pv, byNode] of volumeMounts(s)) for (const [node, pods] of byNode) parts.push(`${pv}>${node}=${pods.join(',')}`)
  return parts.join('|')
}

export interface NetLink {
  id: string
  source: string
  target: string
  label: string
  kind: NetLinkKind
  /** For a Service's links: `namespace/name` and the node, so requests through them can be animated. */
  service?: string
  node?: string
}

/** Service → node region links, one per node and readiness, from the Service's EndpointSlices. */
export function serviceLinks(s: Mirror, svcUid: string, regionOf: (node: string) => string, known: Set<string>): NetLink[] {
  const svc = s.objects.get(svcUid)
  const name = nameOf(svc)
  const service = `${svc?.metadata?.namespace ?? ''}/${name}`
  const links: NetLink[] = []
  for (const [node, c] of serviceEndpointNodes(s, svcUid)) {
    const target = regionOf(node)
    if (!known.has(target)) continue
    if (c.ready) {
      links.push({
        id: `${svcUid}>${target}`, source: svcUid, target, kind: 'routes', service, node,
        label: `Service ${name} routes to ${plural(c.ready, 'ready endpoint')} on node ${node}`,
      })
    }
    if (c.notReady) {
      links.push({
        // Requests to this node are drawn on the ready link when there is one (no double dots).
        id: `${svcUid}>${target}:not-ready`, source: svcUid, target, kind: 'routesNotReady', node, service: c.ready ? undefined : service,
        label: `Service ${name} has ${plural(c.notReady, 'endpoint')} not ready on node ${node}`,
      })
    }
  }
  return links
}

export { plural }
