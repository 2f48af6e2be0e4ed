/**
 * The UI's normalized mirror of the cluster: pure functions that fold a `hello` or a `diff` into a
 * new state. Maps and id lists are replaced (never mutated), and only the lists that changed get a
 * new identity, so a component subscribed to one list re-renders only when that list changes.
 */
import type { KubeObject } from '../../cluster/apiserver/types'
import type { ObjectRef } from '../../protocol/messages'

export interface Mirror {
  /** Every object, keyed by metadata.uid. */
  objects: Map<string, KubeObject>
  /** uids per kind, in arrival order (stable: an object that stays keeps its place). */
  ids: Record<string, string[]>
  /** Pod uids per node name; '' holds the pods not yet bound to a node. */
  podsByNode: Record<string, string[]>
  /** `Kind/namespace/name` → uid. */
  byName: Map<string, string>
}

export const emptyMirror = (): Mirror => ({ objects: new Map(), ids: {}, podsByNode: {}, byName: new Map() })

export const nameKey = (kind: string, namespace: string | undefined, name: string): string =>
  `${kind}/${namespace ?? ''}/${name}`

const nodeOf = (o: KubeObject | undefined): string =>
  ((o?.spec as { nodeName?: string } | undefined)?.nodeName) ?? ''

/** Folds one batch of changes into a new mirror. */
export function applyChanges(prev: Mirror, added: KubeObject[], updated: KubeObject[], removed: ObjectRef[]): Mirror {
  if (!added.length && !updated.length && !removed.length) return prev
  const objects = new Map(prev.objects)
  let byName = prev.byName
  const ids = { ...prev.ids }
  const podsByNode = { ...prev.podsByNode }
  const touchedKinds = new Set<string>()
  const touchedNodes = new Set<string>()
  const idLists = new Map<string, Set<string>>()
  const list = (kind: string): Set<string> => {
    let s = idLists.get(kind)
    if (!s) idLists.set(kind, (s = new Set(prev.ids[kind] ?? [])))
    return s
  }
  const nodeLists = new Map<string, Set<string>>()
  const podsOn = (node: string): Set<string> => {
    let s = nodeLists.get(node)
    if (!s) nodeLists.set(node, (s = new Set(prev.podsByNode[node] ?? [])))
    return s
  }
  const editNames = (): Map<string, string> => (byName === prev.byName ? (byName = new Map(prev.byName)) : byName)

  for (const obj of [...added, ...updated]) {
    const uid = obj.metadata?.uid
    const kind = obj.kind ?? ''
    if (!uid) continue
    const old = objects.get(uid)
    objects.set(uid, obj)
    if (!old) {
      list(kind).add(uid)
      touchedKinds.add(kind)
      editNames().set(nameKey(kind, obj.metadata?.namespace, obj.metadata?.name ?? ''), uid)
    }
    if (kind === 'Pod') {
      const from = old ? nodeOf(old) : undefined
      const to = nodeOf(obj)
      if (from !== to) {
        if (from !== undefined) {
          podsOn(from).delete(uid)
          touchedNodes.add(from)
        }
        podsOn(to).add(uid)
        touchedNodes.add(to)
      }
    }
  }
  for (const ref of removed) {
    const old = objects.get(ref.uid)
    if (!old) continue
    objects.delete(ref.uid)
    list(ref.kind).delete(ref.uid)
    touchedKinds.add(ref.kind)
    const key = nameKey(ref.kind, ref.namespace, ref.name)
    if (byName.get(key) === ref.uid) editNames().delete(key)
    if (ref.kind === 'Pod') {
      const from = nodeOf(old)
      podsOn(from).delete(ref.uid)
      touchedNodes.add(from)
    }
  }
  for (const kind of touchedKinds) ids[kind] = [...list(kind)]
  for (const node of touchedNodes) podsByNode[node] = [...podsOn(node)]
  return { objects, ids, podsByNode, byName }
}
