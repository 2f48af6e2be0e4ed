/**
 * The garbage collector (kube: pkg/controller/garbagecollector). It keeps a graph of every
 * object's ownerReferences, learned from a watch on all kinds, and:
 *  - deletes a dependent once none of its owners exists any more (background deletion of the
 *    owner), which cascades down the graph one level per deletion;
 *  - for an owner deleted with propagationPolicy Orphan (the `orphan` finalizer), removes the
 *    references to it from its dependents, then the finalizer;
 *  - for an owner deleted with Foreground (the `foregroundDeletion` finalizer), deletes its
 *    dependents first and removes the finalizer once no dependent with blockOwnerDeletion remains.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import type { ComponentContext } from '../../component'
import type { DeleteOptions, KubeObject, RequestContext, WatchEvent } from '../../apiserver/types'
import { isConflict, isNotFound } from '../../apiserver/types'
import { WorkQueue } from '../../informers/workqueue'

export const GARBAGE_COLLECTOR = 'generic-garbage-collector'
export const FINALIZER_ORPHAN = 'orphan'
export const FINALIZER_FOREGROUND = 'foregroundDeletion'

/** Kinds that never own anything and are too numerous to track. */
const UNTRACKED_KINDS = new Set(['Event'])

interface GraphNode {
  uid: string
  kind: string
  namespace?: string
  name: string
  owners: OwnerReference[]
  deleting: boolean
  finalizers: string[]
}

export class GarbageCollector {
  readonly queue: WorkQueue
  private readonly nodes = new Map<string, GraphNode>()
  private readonly dependents = new Map<string, Set<string>>()
  private readonly ctx: RequestContext = { actor: GARBAGE_COLLECTOR }
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, GARBAGE_COLLECTOR, (uid) => this.reconcile(uid))
  }

  start(): void {
    if (this.started) return
    this.started = true
    for (const info of this.c.api.kinds()) {
      if (UNTRACKED_KINDS.has(info.kind)) continue
      for (const obj of this.c.api.list(info.kind)) this.observe(obj)
    }
    this.c.api.watch('*', (e) => this.onEvent(e))
    // Objects whose owners vanished before we started are collected too.
    for (const node of this.nodes.values()) if (node.owners.length || node.deleting) this.queue.add(node.uid)
  }

  /** Dependents of an owner uid, as the graph knows them (for tests and the UI). */
  dependentsOf(uid: string): string[] {
    return [...(this.dependents.get(uid) ?? [])]
  }

  // ---- graph ------------------------------------------------------------------------------------

  private onEvent(e: WatchEvent): void {
    const kind = e.object.kind ?? ''
    if (UNTRACKED_KINDS.has(kind)) return
    const uid = e.object.metadata?.uid
    if (!uid) return
    if (e.type === 'DELETED') {
      const node = this.nodes.get(uid)
      if (!node) return
      this.forget(node)
      // kube: the owner is gone; its dependents must be looked at again.
      for (const dep of this.dependents.get(uid) ?? []) this.queue.add(dep)
      // An owner waiting in foreground deletion may be waiting for this one.
      for (const ref of node.owners) if (this.nodes.get(ref.uid)?.deleting) this.queue.add(ref.uid)
      return
    }
    const before = this.nodes.get(uid)
    const node = this.observe(e.object)
    const removedOwners = (before?.owners ?? []).filter((r) => !node.owners.some((o) => o.uid === r.uid))
    for (const ref of removedOwners) if (this.nodes.get(ref.uid)?.deleting) this.queue.add(ref.uid)
    if (node.deleting && hasGcFinalizer(node)) this.queue.add(uid)
    if (node.owners.some((r) => this.ownerNeedsAttention(r))) this.queue.add(uid)
    // A dependent marked for deletion may unblock an owner's foreground deletion.
    if (node.deleting && !before?.deleting) for (const ref of node.owners) if (this.nodes.get(ref.uid)?.deleting) this.queue.add(ref.uid)
  }

  private ownerNeedsAttention(ref: OwnerReference): boolean {
    const owner = this.nodes.get(ref.uid)
    return !owner || (owner.deleting && owner.finalizers.includes(FINALIZER_FOREGROUND))
  }

  private observe(obj: KubeObject): GraphNode {
    const meta = obj.metadata!
    const old = this.nodes.get(meta.uid!)
    // Most writes (status, binding) leave what the graph records untouched: keep the node as it is.
    if (old && old.owners === (meta.ownerReferences ?? old.owners) && old.finalizers === (meta.finalizers ?? old.finalizers)
      && old.deleting === !!meta.deletionTimestamp && old.name === meta.name && old.namespace === meta.namespace && old.kind === obj.kind
      && (meta.ownerReferences !== undefined || old.owners.length === 0) && (meta.finalizers !== undefined || old.finalizers.length === 0)
      && this.relink(old)) {
      return old
    }
    if (old) this.unlink(old)
    const node: GraphNode = {
      uid: meta.uid!, kind: obj.kind ?? '', namespace: meta.namespace, name: meta.name ?? '',
      owners: meta.ownerReferences ?? [], deleting: !!meta.deletionTimestamp, finalizers: meta.finalizers ?? [],
    }
    this.nodes.set(node.uid, node)
    for (const ref of node.owners) {
      let set = this.dependents.get(ref.uid)
      if (!set) this.dependents.set(ref.uid, (set = new Set()))
      set.add(node.uid)
    }
    return node
  }

  /**
   * What unlink and link again would do to an unchanged node, without rebuilding it: each owner's
   * dependents set sees the uid move to its end (their order is the order dependents are queued in).
   */
  private relink(node: GraphNode): boolean {
    for (const ref of node.owners) if (!this.dependents.has(ref.uid)) return false
    for (const ref of node.owners) {
      const set = this.dependents.get(ref.uid)!
      set.delete(node.uid)
      set.add(node.uid)
    }
    return true
  }

  private forget(node: GraphNode): void {
    this.unlink(node)
    this.nodes.delete(node.uid)
  }

  private unlink(node: GraphNode): void {
    for (const ref of node.owners) {
      const set = this.dependents.get(ref.uid)
      set?.delete(node.uid)
      // Keep the dependents entry of a live owner; drop it once empty and the owner is gone.
      if (set && set.size === 0 && !this.nodes.has(ref.uid)) this.dependents.delete(ref.uid)
    }
  }

  // ---- reconcile --------------------------------------------------------------------------------

  reconcile(uid: string): void {
    const node = this.nodes.get(uid)
    if (!node) return
    if (node.deleting && node.finalizers.includes(FINALIZER_ORPHAN)) this.orphanDependents(node)
    else if (node.deleting && node.finalizers.includes(FINALIZER_FOREGROUND)) this.deleteDependentsFirst(node)
    if (node.owners.length) this.attemptToDelete(node)
  }

  /** kube: attemptToDeleteItem — classify owners as solid, dangling or waiting, then act. */
  private attemptToDelete(node: GraphNode): void {
    const solid: OwnerReference[] = []
    const dangling: OwnerReference[] = []
    const waiting: OwnerReference[] = []
    for (const ref of node.owners) {
      const owner = this.nodes.get(ref.uid)
      if (!owner) dangling.push(ref)
      else if (owner.deleting && owner.finalizers.includes(FINALIZER_FOREGROUND)) waiting.push(ref)
      else solid.push(ref)
    }
    if (solid.length) {
      if (!dangling.length && !waiting.length) return
      // kube: an object with a live owner stays; references to gone or foreground-deleting owners are dropped.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid))
      this.patchOwners(node, node.owners.filter((r) => !drop.has(r.uid)))
      return
    }
    if (node.deleting) return
    let policy: DeleteOptions['propagationPolicy'] = 'Background'
    // kube: under an owner in foreground deletion, a dependent with dependents of its own goes foreground too.
    if (waiting.length && this.dependents.get(node.uid)?.size) policy = 'Foreground'
    else if (node.finalizers.includes(FINALIZER_ORPHAN)) policy = 'Orphan'
    else if (node.finalizers.includes(FINALIZER_FOREGROUND)) policy = 'Foreground'
    this.deleteObject(node, policy)
  }

  /** kube: orphanDependents, then remove the `orphan` finalizer. */
  private orphanDependents(owner: GraphNode): void {
    for (const depUid of [...(this.dependents.get(owner.uid) ?? [])]) {
      const dep = this.nodes.get(depUid)
      if (dep) this.patchOwners(dep, dep.owners.filter((r) => r.uid !== owner.uid))
    }
    this.removeFinalizer(owner, FINALIZER_ORPHAN)
  }

  /** kube: processDeletingDependentsItem — delete dependents, wait for the blocking ones. */
  private deleteDependentsFirst(owner: GraphNode): void {
    let blocking = 0
    for (const depUid of [...(this.dependents.get(owner.uid) ?? [])]) {
      const dep = this.nodes.get(depUid)
      if (!dep) continue
      const ref = dep.owners.find((r) => r.uid === owner.uid)
      if (ref?.blockOwnerDeletion) blocking++
      // Dependents are handed to attemptToDelete, which sees the owner waiting.
      this.queue.add(depUid)
    }
    if (blocking === 0) this.removeFinalizer(owner, FINALIZER_FOREGROUND)
  }

  // ---- writes -----------------------------------------------------------------------------------

  private deleteObject(node: GraphNode, propagationPolicy: DeleteOptions['propagationPolicy']): void {
    try {
      this.c.api.delete(node.kind, node.namespace, node.name, this.ctx, { propagationPolicy, uid: node.uid })
    } catch (e) {
      // Already gone, or a different object now has the name: nothing of ours to delete.
      if (isNotFound(e) || isConflict(e)) return
      throw e
    }
  }

  private patchOwners(node: GraphNode, owners: OwnerReference[]): void {
    const current = this.c.api.find(node.kind, node.namespace, node.name)
    if (!current || current.metadata?.uid !== node.uid) return
    const next = structuredClone(current)
    next.metadata!.ownerReferences = owners.length ? owners : undefined
    if (!owners.length) delete next.metadata!.ownerReferences
    this.c.api.update(next, this.ctx)
  }

  private removeFinalizer(node: GraphNode, finalizer: string): void {
    const current = this.c.api.find(node.kind, node.namespace, node.name)
    if (!current || current.metadata?.uid !== node.uid) return
    if (!current.metadata?.finalizers?.includes(finalizer)) return
    const next = structuredClone(current)
    const rest = next.metadata!.finalizers!.filter((f) => f !== finalizer)
    if (rest.length) next.metadata!.finalizers = rest
    else delete next.metadata!.finalizers
    this.c.api.update(next, this.ctx)
  }
}

function hasGcFinalizer(node: GraphNode): boolean {
  return node.finalizers.includes(FINALIZER_ORPHAN) || node.finalizers.includes(FINALIZER_FOREGROUND)
}
