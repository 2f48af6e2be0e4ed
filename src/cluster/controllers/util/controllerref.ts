/**
 * Controller references (kube: metav1.GetControllerOf, metav1.NewControllerRef): the one
 * ownerReference with `controller: true` says which controller manages an object.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import type { KubeObject } from '../../apiserver/types'

export function getControllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true)
}

export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  const ref = getControllerOf(obj)
  return ref !== undefined && ref.uid === owner.metadata?.uid
}

/** A reference that makes `owner` the controller of a new object, blocking the owner's foreground deletion. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  }
}

/**
 * Informer index of objects that have no controller, by namespace: where a controller looks for
 * orphans to adopt without scanning every object of the kind.
 */
export const INDEX_ORPHANS_BY_NAMESPACE = 'controllers/orphansByNamespace'

export const orphansByNamespaceIndex = (obj: KubeObject): string[] =>
  getControllerOf(obj) ? [] : [obj.metadata?.namespace ?? '']
