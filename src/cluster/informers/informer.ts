/**
 * A list+watch cache of one kind, shared by every component that reads that kind (client-go's
 * SharedIndexInformer). Reads never go to the API server; they come from here. Objects in the cache
 * are the server's own and must never be mutated: copy before changing.
 */
import type { Api, KubeObject, WatchEvent } from '../apiserver/types'
import { keyOf } from './workqueue'

export type IndexFunc<T> = (obj: T) => string[]

export interface EventHandlers<T> {
  add?: (obj: T) => void
  update?: (oldObj: T, newObj: T) => void
  delete?: (obj: T) => void
}

const EMPTY_BUCKET = new Map<string, never>()

export class Informer<T extends KubeObject = KubeObject> {
  private items = new Map<string, T>()
  private indexers = new Map<string, IndexFunc<T>>()
  private indexes = new Map<string, Map<string, Map<string, T>>>()
  private handlers: EventHandlers<T>[] = []

  constructor(api: Api, readonly kind: string) {
    this.addIndex('namespace', (o) => [o.metadata?.namespace ?? ''])
    for (const obj of api.list<T>(kind)) this.put(obj)
    api.watch<T>(kind, (e) => this.onEvent(e))
  }

  /** Indexes are kept up to date as events arrive; add them before the first read. */
  addIndex(name: string, fn: IndexFunc<T>): void {
    if (this.indexers.has(name)) return
    this.indexers.set(name, fn)
    const index = new Map<string, Map<string, T>>()
    this.indexes.set(name, index)
    for (const [key, obj] of this.items) for (const v of fn(obj)) bucket(index, v).set(key, obj)
  }

  addEventHandler(handlers: EventHandlers<T>): void {
    this.handlers.push(handlers)
    if (handlers.add) for (const obj of this.items.values()) handlers.add(obj)
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name)
  }

  getByKey(key: string): T | undefined {
    return this.items.get(key)
  }

  /** Every object, or those of one namespace. */
  list(namespace?: string): T[] {
    if (namespace === undefined) return [...this.items.values()]
    return this.byIndex('namespace', namespace)
  }

  byIndex(index: string, value: string): T[] {
    const b = this.indexes.get(index)?.get(value)
    return b ? [...b.values()] : []
  }

  /** The index bucket itself, to iterate without copying; do not hold it across writes. */
  valuesByIndex(index: string, value: string): IterableIterator<T> {
    const b = this.indexes.get(index)?.get(value)
    return b ? b.values() : EMPTY_BUCKET.values()
  }

  /** Key and object of each entry of an index bucket, without copying; do not hold it across writes. */
  entriesByIndex(index: string, value: string): IterableIterator<[string, T]> {
    const b = this.indexes.get(index)?.get(value)
    return b ? b.entries() : EMPTY_BUCKET.entries()
  }

  countByIndex(index: string, value: string): number {
    return this.indexes.get(index)?.get(value)?.size ?? 0
  }

  get size(): number {
    return this.items.size
  }

  private onEvent(e: WatchEvent<T>): void {
    if (e.type === 'DELETED') {
      const old = this.remove(keyOf(e.object))
      for (const h of this.handlers) h.delete?.(old ?? e.object)
      return
    }
    const key = keyOf(e.object)
    const old = this.items.get(key)
    if (old) this.replace(key, old, e.object)
    else this.put(e.object)
    for (const h of this.handlers) {
      if (old) h.update?.(old, e.object)
      else h.add?.(e.object)
    }
  }

  private put(obj: T): void {
    const key = keyOf(obj)
    this.items.set(key, obj)
    for (const [name, fn] of this.indexers) {
      const index = this.indexes.get(name)!
      for (const v of fn(obj)) bucket(index, v).set(key, obj)
    }
  }

  /**
   * remove(key) then put(obj), with the same result (the entry moves to the end of the items and of
   * each bucket it is in) but one bucket operation instead of two when an index value is unchanged.
   */
  private replace(key: string, old: T, obj: T): void {
    this.items.delete(key)
    this.items.set(key, obj)
    for (const [name, fn] of this.indexers) {
      const index = this.indexes.get(name)!
      const before = fn(old)
      const after = fn(obj)
      if (before.length === 1 && after.length === 1 && before[0] === after[0]) {
        const b = index.get(before[0])!
        b.delete(key)
        b.set(key, obj)
        continue
      }
      for (const v of before) {
        const b = index.get(v)
        b?.delete(key)
        if (b && b.size === 0) index.delete(v)
      }
      for (const v of after) bucket(index, v).set(key, obj)
    }
  }

  private remove(key: string): T | undefined {
    const obj = this.items.get(key)
    if (!obj) return undefined
    this.items.delete(key)
    for (const [name, fn] of this.indexers) {
      const index = this.indexes.get(name)!
      for (const v of fn(obj)) {
        const b = index.get(v)
        b?.delete(key)
        if (b && b.size === 0) index.delete(v)
      }
    }
    return obj
  }
}

function bucket<T>(index: Map<string, Map<string, T>>, value: string): Map<string, T> {
  let b = index.get(value)
  if (!b) index.set(value, (b = new Map()))
  return b
}

/** One informer per kind for the whole control plane. */
export class InformerFactory {
  private informers = new Map<string, Informer>()

  constructor(private readonly api: Api) {}

  for<T extends KubeObject>(kind: string): Informer<T> {
    let inf = this.informers.get(kind)
    if (!inf) this.informers.set(kind, (inf = new Informer(this.api, kind)))
    return inf as unknown as Informer<T>
  }
}

/** kube index names used across components. */
export const INDEX_NODE_NAME = 'spec.nodeName'
export const INDEX_OWNER_UID = 'metadata.ownerReferences.uid'

export const nodeNameIndex = (pod: KubeObject): string[] => {
  const n = (pod.spec as { nodeName?: string } | undefined)?.nodeName
  return n ? [n] : []
}

export const ownerUidIndex = (obj: KubeObject): string[] => (obj.metadata?.ownerReferences ?? []).map((r) => r.uid)
