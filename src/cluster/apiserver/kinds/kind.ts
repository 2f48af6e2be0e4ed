/**
 * What the API server knows of one kind: its names, scope, defaulting, admission and validation —
 * the parts of a Kubernetes registry strategy (pkg/registry/<group>/<kind>/strategy.go).
 */
import type { KindInfo, KubeObject, StatusCause } from '../types'
import type { Clock } from '../../clock'

export interface ServerContext {
  clock: Clock
  /** Reads the stored object of another kind (admission looks things up, e.g. the namespace). */
  find(kind: string, namespace: string | undefined, name: string): KubeObject | undefined
  /** Every stored object of a kind (Priority admission looks for the global default class). */
  list?(kind: string): readonly KubeObject[]
  /** Allocators owned by the API server (Service cluster IPs, node ports). */
  allocateClusterIP(): string
  releaseClusterIP(ip: string): void
  allocateNodePort(): number
}

export interface KindDef {
  info: KindInfo
  /** Which name rule metadata.name follows. */
  nameRule: 'subdomain' | 'label' | 'dns1035' | 'any'
  /** Shape checks before defaulting, so a wrong type is a field error and never a crash. */
  checkTypes?(obj: KubeObject): StatusCause[]
  /** kube: SetDefaults_* (runs on create and update). */
  applyDefaults?(obj: KubeObject): void
  /** kube: PrepareForCreate plus mutating admission (status reset, allocations, tolerations). */
  prepareForCreate?(obj: KubeObject, ctx: ServerContext): void
  /** kube: PrepareForUpdate (e.g. keeping allocated fields). */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: ServerContext): void
  validate?(obj: KubeObject): StatusCause[]
  validateUpdate?(obj: KubeObject, old: KubeObject): StatusCause[]
  /** Called after the object is gone, to release what it held. */
  onRemoved?(obj: KubeObject, ctx: ServerContext): void
  /** Validating admission on delete: throws to refuse (kube: NamespaceLifecycle keeps `default`). */
  admitDelete?(obj: KubeObject): void
  /**
   * kube: a registry that keeps a deleted object until spec-level finalizers are done (Namespace's
   * spec.finalizers). Returns the status the marked object carries meanwhile, or undefined when
   * nothing holds it and the usual rules (metadata.finalizers, grace period) apply.
   */
  statusWhileDeleting?(obj: KubeObject): unknown
  /**
   * Other apiVersions the server accepts for this kind, each with its conversion to the stored
   * version (kube: the conversion functions of a group with several served versions, e.g.
   * autoscaling/v1 → autoscaling/v2). Conversion runs before anything else sees the object.
   */
  alternateVersions?: Record<string, (obj: KubeObject) => KubeObject>
}

export function info(partial: Partial<KindInfo> & Pick<KindInfo, 'kind' | 'apiVersion' | 'resource'>): KindInfo {
  const group = partial.apiVersion.includes('/') ? partial.apiVersion.split('/')[0] : ''
  return {
    singular: partial.kind.toLowerCase(),
    shortNames: [],
    namespaced: true,
    group,
    categories: [],
    hasStatus: true,
    ...partial,
  }
}
