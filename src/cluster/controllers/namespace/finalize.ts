/**
 * The namespaces/finalize subresource on top of the Api: the only way Kubernetes changes a
 * namespace's spec.finalizers. Once the last one is gone, the server removes the terminating
 * namespace in the same write (kube: the namespace registry's ShouldDeleteDuringUpdate).
 */
import type { Namespace } from 'kubernetes-types/core/v1'
import type { Api, RequestContext } from '../../apiserver/types'

/** kube: the finalizer every namespace carries until the namespace controller has emptied it. */
export const FINALIZER_KUBERNETES = 'kubernetes'

/** Removes `finalizer` from spec.finalizers; returns the namespace as stored (gone when it was the last). */
export function finalizeNamespace(api: Api, ns: Namespace, finalizer: string, ctx: RequestContext): Namespace {
  const finalizers = ns.spec?.finalizers ?? []
  if (!finalizers.includes(finalizer)) return ns
  const next = structuredClone(ns)
  next.spec = { ...next.spec, finalizers: finalizers.filter((f) => f !== finalizer) }
  return api.update(next, ctx)
}
