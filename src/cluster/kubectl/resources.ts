/** Resource names as kubectl resolves and prints them (`deployment.apps/web`, `pods "x"`). */
import type { Api, KindInfo, KubeObject } from '../apiserver/types'
import { CommandError } from './host'

export function resolveResource(api: Api, name: string): KindInfo {
  const info = api.resolveKind(name) ?? api.resolveKind(name.toLowerCase())
  if (!info) throw new CommandError(`error: the server doesn't have a resource type "${name}"`)
  return info
}

/** `deployment.apps`, `pod`: the kind as kubectl prints it before a name. */
export function kindString(info: KindInfo): string {
  const kind = info.kind.toLowerCase()
  return info.group ? `${kind}.${info.group}` : kind
}

/** `deployments.apps`, `pods`: the resource as the API server names it in messages. */
export function resourceString(info: KindInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource
}

/** The namespace a request for this kind goes to (undefined for cluster-scoped kinds). */
export function scopeNamespace(info: KindInfo, namespace: string): string | undefined {
  return info.namespaced ? namespace : undefined
}

export function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata?.namespace ?? ''
  const bn = b.metadata?.namespace ?? ''
  if (an !== bn) return an < bn ? -1 : 1
  const a1 = a.metadata?.name ?? ''
  const b1 = b.metadata?.name ?? ''
  return a1 < b1 ? -1 : a1 > b1 ? 1 : 0
}
