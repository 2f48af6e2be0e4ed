/**
 * The etcd-like store: one revision counter for the whole cluster, objects per kind and namespace,
 * and watchers that see every change in revision order. The API server is its only writer.
 */
import type { KubeObject, WatchEvent, WatchEventType } from '../apiserver/types'

type Handler = (event: WatchEvent) => void

export interface StoredRecord {
  kind: string
  object: KubeObject
}

export class Store {
  private rev = 0
  /** kind -> namespace ('' for cluster-scoped) -> name -> object */
  private data = new Map<string, Map<string, Map<string, KubeObject>>>()
  private watchers = new Map<string, Set<Handler>>()
  /** Each kind's watchers as an array, rebuilt when they change: what one event is delivered to. */
  private snapshots = new Map<string, readonly Handler[]>()
  private queue: { kind: string; event: WatchEvent }[] = []
  private queueHead = 0
  private dispatching = false

  constructor(revision = 0) {
    this.rev = revision
  }

  revision(): number {
    return this.rev
  }

  /** Reserves the revision the next write will carry. */
  nextRevision(): number {
    return ++this.rev
  }

  get(kind: string, namespace: string, name: string): KubeObject | undefined {
    return this.data.get(kind)?.get(namespace)?.get(name)
  }

  list(kind: string, namespace?: string): KubeObject[] {
    const byNs = this.data.get(kind)
    if (!byNs) return []
    if (namespace !== undefined) return [...(byNs.get(namespace)?.values() ?? [])]
    const out: KubeObject[] = []
    for (const m of byNs.values()) for (const o of m.values()) out.push(o)
    return out
  }

  count(kind: string, namespace: string): number {
    return this.data.get(kind)?.get(namespace)?.size ?? 0
  }

  kinds(): string[] {
    return [...this.data.keys()]
  }

  /** Writes an object whose metadata.resourceVersion is already the reserved revision. */
  put(kind: string, obj: KubeObject, type: WatchEventType, oldObject?: KubeObject): void {
    const ns = obj.metadata?.namespace ?? ''
    const name = obj.metadata!.name!
    let byNs = this.data.get(kind)
    if (!byNs) this.data.set(kind, (byNs = new Map()))
    let m = byNs.get(ns)
    if (!m) byNs.set(ns, (m = new Map()))
    m.set(name, obj)
    this.emit(kind, { type, object: obj, oldObject, revision: this.rev })
  }

  remove(kind: string, obj: KubeObject, oldObject: KubeObject): void {
    const ns = obj.metadata?.namespace ?? ''
    const m = this.data.get(kind)?.get(ns)
    m?.delete(obj.metadata!.name!)
    if (m && m.size === 0) this.data.get(kind)!.delete(ns)
    this.emit(kind, { type: 'DELETED', object: obj, oldObject, revision: this.rev })
  }

  watch(kind: string, handler: Handler): () => void {
    let set = this.watchers.get(kind)
    if (!set) this.watchers.set(kind, (set = new Set()))
    set.add(handler)
    this.snapshots.delete(kind)
    return () => {
      set!.delete(handler)
      this.snapshots.delete(kind)
    }
  }

  private handlersOf(kind: string): readonly Handler[] | undefined {
    let snap = this.snapshots.get(kind)
    if (snap === undefined) {
      const set = this.watchers.get(kind)
      if (!set) return undefined
      this.snapshots.set(kind, (snap = [...set]))
    }
    return snap
  }

  /**
   * Events are queued and delivered one at a time to every watcher: a write made by a watcher while
   * it handles an event is delivered after that event has reached everyone, so all watchers see all
   * changes in revision order.
   */
  /** Errors thrown by watchers (a bug in a component), newest last; kept so tests can assert none. */
  readonly watchErrors: string[] = []

  private deliver(h: Handler, e: WatchEvent): void {
    try {
      h(e)
    } catch (err) {
      // One broken watcher must not starve the others or lose the event for them.
      const where = `${e.type} ${e.object.kind} ${e.object.metadata?.namespace ?? ''}/${e.object.metadata?.name}`
      this.watchErrors.push(`${where}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`)
      if (this.watchErrors.length > 100) this.watchErrors.shift()
    }
  }

  private emit(kind: string, event: WatchEvent): void {
    this.queue.push({ kind, event })
    if (this.dispatching) return
    this.dispatching = true
    try {
      while (this.queueHead < this.queue.length) {
        const { kind: k, event: e } = this.queue[this.queueHead++]
        // The watchers as they are when the event is delivered (a snapshot, as copying the set would give).
        const specific = this.handlersOf(k)
        if (specific) for (const h of specific) this.deliver(h, e)
        const all = this.handlersOf('*')
        if (all) for (const h of all) this.deliver(h, e)
      }
    } finally {
      this.queue = []
      this.queueHead = 0
      this.dispatching = false
    }
  }
}
