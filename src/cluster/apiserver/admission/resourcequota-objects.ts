/**
 * kube: the ResourceQuota evaluators for objects other than pods (pkg/quota/v1/evaluator/core:
 * services.go, persistent_volume_claims.go, and the generic object-count evaluator). Every
 * namespaced object counts as `count/<resource>` (core group) or `count/<resource>.<group>`; a few
 * kinds also have their legacy names (`services`, `configmaps`…), Services count their load
 * balancers and node ports, and claims their requested storage, in total and per StorageClass.
 */
import type { PersistentVolumeClaim, ResourceQuota, Service } from 'kubernetes-types/core/v1'
import type { KindInfo, KubeObject } from '../types'
import { enforceQuotas, type Usage } from './resourcequota'
import { isBinary, milli } from './quantities'

/** kube: the resource names quotas have counted since before `count/*` (ResourceServices…). */
const LEGACY_NAMES: Record<string, string> = {
  Service: 'services',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  ReplicationController: 'replicationcontrollers',
  ResourceQuota: 'resourcequotas',
}

/** kube: V1ResourceByStorageClass — `<class>.storageclass.storage.k8s.io/<resource>`. */
const byClass = (className: string, resource: string) => `${className}.storageclass.storage.k8s.io/${resource}`

/** kube: ObjectCountQuotaResourceNameFor. */
export function countResourceName(info: Pick<KindInfo, 'resource' | 'group'>): string {
  return info.group ? `count/${info.resource}.${info.group}` : `count/${info.resource}`
}

function add(u: Usage, key: string, q: string | number): void {
  const prev = u.get(key)
  u.set(key, { value: (prev?.value ?? 0) + milli(q), binary: prev?.binary ?? isBinary(q) })
}

/** What one object (not a pod) uses of a namespace's quotas. */
export function objectUsage(info: KindInfo, obj: KubeObject): Usage {
  const u: Usage = new Map()
  add(u, countResourceName(info), 1)
  const legacy = LEGACY_NAMES[info.kind]
  if (legacy) add(u, legacy, 1)
  if (info.kind === 'Service') {
    const spec = (obj as Service).spec
    const ports = spec?.ports?.length ?? 0
    if (spec?.type === 'NodePort') add(u, 'services.nodeports', ports)
    if (spec?.type === 'LoadBalancer') {
      // kube: without allocateLoadBalancerNodePorts only ports that name a nodePort count.
      const nodePorts = spec.allocateLoadBalancerNodePorts === false ? (spec.ports ?? []).filter((p) => p.nodePort).length : ports
      add(u, 'services.nodeports', nodePorts)
      add(u, 'services.loadbalancers', 1)
    }
  }
  if (info.kind === 'PersistentVolumeClaim') {
    const pvc = obj as PersistentVolumeClaim
    const storage = pvc.spec?.resources?.requests?.storage
    const className = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? ''
    if (className) add(u, byClass(className, 'persistentvolumeclaims'), 1)
    if (storage !== undefined) {
      add(u, 'requests.storage', storage)
      if (className) add(u, byClass(className, 'requests.storage'), storage)
    }
  }
  return u
}

/** Adds `more` into `total`, keeping the first format seen. */
export function addUsage(total: Usage, more: Usage): Usage {
  for (const [k, v] of more) {
    const prev = total.get(k)
    total.set(k, { value: (prev?.value ?? 0) + v.value, binary: prev?.binary ?? v.binary })
  }
  return total
}

/**
 * The kinds whose objects a quota's `hard` counts (Pod aside: the pod evaluator covers compute
 * resources). `resolve` maps a resource (`deployments.apps`) to its kind.
 */
export function countedKinds(hard: Record<string, unknown>, resolve: (resource: string) => string | undefined): Set<string> {
  const kinds = new Set<string>()
  for (const key of Object.keys(hard)) {
    const legacy = Object.entries(LEGACY_NAMES).find(([, n]) => n === key)?.[0]
    if (legacy) kinds.add(legacy)
    else if (key.startsWith('services.')) kinds.add('Service')
    else if (key === 'requests.storage' || key.includes('.storageclass.storage.k8s.io/')) kinds.add('PersistentVolumeClaim')
    else if (key.startsWith('count/')) {
      const kind = resolve(key.slice('count/'.length))
      if (kind) kinds.add(kind)
    }
  }
  kinds.delete('Pod')
  return kinds
}

/**
 * kube: ResourceQuota admission for a create of any namespaced object but a pod: refused with 403
 * when, added to what the namespace's objects of its kind use, it would pass a quota's hard limit.
 */
export function admitObjectQuota(info: KindInfo, obj: KubeObject, quotas: readonly ResourceQuota[], existing: () => readonly KubeObject[]): void {
  if (quotas.length === 0 || info.kind === 'Pod' || !info.namespaced) return
  const requested = objectUsage(info, obj)
  const limited = quotas.some((q) => Object.keys(q.spec?.hard ?? {}).some((k) => requested.has(k)))
  if (!limited) return
  const used: Usage = new Map()
  for (const o of existing()) addUsage(used, objectUsage(info, o))
  // kube: admission.NewForbidden names the group-qualified resource: `deployments.apps "x" is forbidden`.
  enforceQuotas(info.group ? `${info.resource}.${info.group}` : info.resource, obj.metadata?.name ?? obj.metadata?.generateName ?? '', requested, quotas, used)
}
