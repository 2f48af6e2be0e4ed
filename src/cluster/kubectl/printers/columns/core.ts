/** kubectl get services / namespaces / events / leases: printService, printNamespace, printEvent, printLease. */
import type { Event, Namespace, Service } from 'kubernetes-types/core/v1'
import type { Lease } from 'kubernetes-types/coordination/v1'
import { since } from '../../duration'
import type { Columns } from './types'

function externalIP(svc: Service): string {
  const spec = svc.spec ?? {}
  const ips = spec.externalIPs ?? []
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ips.length ? ips.join(',') : '<none>'
    case 'LoadBalancer': {
      const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean)
      const all = [...ingress, ...ips]
      return all.length ? all.join(',') : '<pending>'
    }
    case 'ExternalName':
      return spec.externalName ?? ''
  }
  return '<unknown>'
}

/** kube: makePortString — `80/TCP`, `80:30080/TCP`. */
export function portString(svc: Service): string {
  const ports = svc.spec?.ports ?? []
  if (!ports.length) return '<none>'
  return ports.map((p) => {
    const proto = p.protocol ?? 'TCP'
    return p.nodePort ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`
  }).join(',')
}

export const serviceColumns: Columns<Service> = {
  headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wide: ['SELECTOR'],
  row(svc, now) {
    return [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? 'ClusterIP',
      svc.spec?.clusterIP || '<none>',
      externalIP(svc),
      portString(svc),
      since(svc.metadata?.creationTimestamp, now),
    ]
  },
  wideRow(svc) {
    const sel = svc.spec?.selector ?? {}
    const keys = Object.keys(sel).sort()
    return [keys.length ? keys.map((k) => `${k}=${sel[k]}`).join(',') : '<none>']
  },
}

export const namespaceColumns: Columns<Namespace> = {
  headers: ['NAME', 'STATUS', 'AGE'],
  row: (ns, now) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', since(ns.metadata?.creationTimestamp, now)],
}

export const leaseColumns: Columns<Lease> = {
  headers: ['NAME', 'HOLDER', 'AGE'],
  row: (l, now) => [l.metadata?.name ?? '', l.spec?.holderIdentity ?? '', since(l.metadata?.creationTimestamp, now)],
}

function eventTimes(e: Event, now: number) {
  const first = e.firstTimestamp ? since(e.firstTimestamp, now) : since(e.eventTime, now)
  let last = e.lastTimestamp ? since(e.lastTimestamp, now) : first
  let count = e.count ?? 0
  if (e.series) {
    last = since(e.series.lastObservedTime, now)
    count = e.series.count ?? 0
  } else if (count === 0) {
    count = 1
  }
  return { first, last, count }
}

const eventTarget = (e: Event) => {
  const kind = (e.involvedObject.kind ?? '').toLowerCase()
  return e.involvedObject.name ? `${kind}/${e.involvedObject.name}` : kind
}

export const eventColumns: Columns<Event> = {
  headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  row(e, now) {
    return [eventTimes(e, now).last, e.type ?? '', e.reason ?? '', eventTarget(e), (e.message ?? '').trim()]
  },
}

/** `-o wide` events have their own column order (printEvent with options.Wide). */
export const eventWideColumns: Columns<Event> = {
  headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
  row(e, now) {
    const t = eventTimes(e, now)
    const source = e.source?.host ? `${e.source.component}, ${e.source.host}` : e.source?.component ?? ''
    return [
      t.last, e.type ?? '', e.reason ?? '', eventTarget(e), e.involvedObject.fieldPath ?? '', source,
      (e.message ?? '').trim(), t.first, String(t.count), e.metadata?.name ?? '',
    ]
  },
}
