/**
 * What plugins may read about the cluster beyond the pod and the node in hand (kube:
 * framework.Handle and its SharedLister): every node, the pods on them, listers of other kinds,
 * and indexes that keep the per-pod work of InterPodAffinity and PodTopologySpread from growing
 * with the number of pods:
 *
 * - the pods that carry pod (anti-)affinity (kube: NodeInfo.PodsWithAffinity), so a pod without
 *   affinity checks existing anti-affinity rules by looking at those pods only;
 * - per-node counts of the pods that match a selector, kept up to date pod by pod once asked for:
 *   the pods of one Deployment share one selector, so spreading them costs a lookup per node.
 */
import type { Namespace, Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../apiserver/types'
import type { InformerFactory, Informer } from '../informers/informer'
import type { SchedulerCache } from './cache'
import type { NodeInfo } from './nodeinfo'
import type { PodInfo } from './podinfo'

export interface AssignedPod {
  info: PodInfo
  node: string
}

/** Selectors whose counts are kept (least recently used ones are dropped beyond this). */
export const MAX_COUNTED_SELECTORS = 64

export interface Handle {
  nodes(): readonly NodeInfo[]
  node(name: string): NodeInfo | undefined
  /** Every pod on a node (assumed ones included). */
  pods(): Iterable<AssignedPod>
  /** Pods with any pod affinity or anti-affinity term. */
  podsWithAffinity(): Iterable<AssignedPod>
  /** Pods with a required pod anti-affinity term. */
  podsWithRequiredAntiAffinity(): Iterable<AssignedPod>
  /**
   * Node name → number of pods on it for which `match` holds (nodes with none are absent). `key`
   * names the predicate: the same key must always mean the same predicate.
   */
  countMatching(key: string, match: (p: PodInfo) => boolean): ReadonlyMap<string, number>
  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined
  /** Objects of another kind, of one namespace or all; empty when the cluster does not serve the kind. */
  list<T extends KubeObject>(kind: string, namespace?: string): T[]
  /** One object of another kind (undefined when absent or not served). */
  get<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined
  /** Grows whenever an object of the kind is added, changed or removed (for memos). */
  version(kind: string): number
  /** The pod as the informer has it now (the cache keeps the version it first saw). */
  currentPod(namespace: string, name: string): Pod | undefined
}

const hasAffinity = (p: PodInfo) => !!(p.pod.spec?.affinity?.podAffinity || p.pod.spec?.affinity?.podAntiAffinity)
const hasRequiredAnti = (p: PodInfo) => (p.pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0

interface Counter {
  match: (p: PodInfo) => boolean
  counts: Map<string, number>
}

export class ClusterState implements Handle {
  private readonly withAffinity = new Map<string, AssignedPod>()
  private readonly withRequiredAnti = new Map<string, AssignedPod>()
  /** Insertion order is use order: the first entry is the least recently used. */
  private readonly counters = new Map<string, Counter>()
  private readonly informers = new Map<string, Informer | null>()
  private readonly versions = new Map<string, number>()

  constructor(private readonly cache: SchedulerCache, private readonly factory?: InformerFactory) {
    cache.addPodListener({
      added: (info, node) => this.added(info, node),
      removed: (info, node) => this.removed(info, node),
    })
  }

  nodes(): readonly NodeInfo[] {
    return this.cache.nodes()
  }

  node(name: string): NodeInfo | undefined {
    return this.cache.node(name)
  }

  pods(): Iterable<AssignedPod> {
    return this.cache.pods()
  }

  podsWithAffinity(): Iterable<AssignedPod> {
    return this.withAffinity.values()
  }

  podsWithRequiredAntiAffinity(): Iterable<AssignedPod> {
    return this.withRequiredAnti.values()
  }

  countMatching(key: string, match: (p: PodInfo) => boolean): ReadonlyMap<string, number> {
    let c = this.counters.get(key)
    if (c) {
      this.counters.delete(key)
      this.counters.set(key, c)
      return c.counts
    }
    c = { match, counts: new Map() }
    for (const { info, node } of this.cache.pods()) if (match(info)) c.counts.set(node, (c.counts.get(node) ?? 0) + 1)
    this.counters.set(key, c)
    if (this.counters.size > MAX_COUNTED_SELECTORS) this.counters.delete(this.counters.keys().next().value!)
    return c.counts
  }

  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined {
    const ns = this.informer<Namespace>('Namespace')?.get(undefined, namespace)
    return ns?.metadata?.labels
  }

  list<T extends KubeObject>(kind: string, namespace?: string): T[] {
    return (this.informer<T>(kind)?.list(namespace) ?? []) as T[]
  }

  get<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.informer<T>(kind)?.get(namespace, name)
  }

  version(kind: string): number {
    let v = this.versions.get(kind)
    if (v === undefined) {
      this.versions.set(kind, (v = 0))
      const bump = () => this.versions.set(kind, (this.versions.get(kind) ?? 0) + 1)
      this.informer(kind)?.addEventHandler({ add: bump, update: bump, delete: bump })
      v = this.versions.get(kind)!
    }
    return v
  }

  currentPod(namespace: string, name: string): Pod | undefined {
    return this.informer<Pod>('Pod')?.get(namespace, name)
  }

  private informer<T extends KubeObject>(kind: string): Informer<T> | undefined {
    if (!this.factory) return undefined
    let inf = this.informers.get(kind)
    if (inf === undefined) {
      try {
        inf = this.factory.for(kind) as unknown as Informer
      } catch {
        inf = null // the cluster does not serve this kind (yet)
      }
      this.informers.set(kind, inf)
    }
    return (inf ?? undefined) as Informer<T> | undefined
  }

  private added(info: PodInfo, node: string): void {
    if (hasAffinity(info)) {
      this.withAffinity.set(info.uid, { info, node })
      if (hasRequiredAnti(info)) this.withRequiredAnti.set(info.uid, { info, node })
    }
    for (const c of this.counters.values()) if (c.match(info)) c.counts.set(node, (c.counts.get(node) ?? 0) + 1)
  }

  private removed(info: PodInfo, node: string): void {
    this.withAffinity.delete(info.uid)
    this.withRequiredAnti.delete(info.uid)
    for (const c of this.counters.values()) {
      if (!c.match(info)) continue
      const n = (c.counts.get(node) ?? 0) - 1
      if (n > 0) c.counts.set(node, n)
      else c.counts.delete(node)
    }
  }
}
