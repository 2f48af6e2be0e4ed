/**
 * A watcher on every kind that keeps its own account of the cluster's history (the API server's
 * audit log is bounded) and checks, as each event arrives, the rules that hold at every instant:
 * revisions increase, a bound pod never moves, and cascading deletes finish in Kubernetes' order.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { Cluster } from '../cluster'
import type { KubeObject, WatchEvent } from '../apiserver/types'
import type { Policy } from './operations'

interface Known {
  kind: string
  namespace?: string
  name: string
  rv: number
  deleted: boolean
}

interface PendingDelete {
  policy: Policy
  /** The revision when the request was made. */
  since: number
  /** Dependents (kind/namespace/name) when the request was made. */
  dependents: string[]
}

const GC = 'generic-garbage-collector'
const objKey = (kind: string | undefined, ns: string | undefined, name: string | undefined) => `${kind}/${ns ?? ''}/${name}`

export class Recorder {
  readonly violations: string[] = []
  readonly known = new Map<string, Known>()
  /** owner uid → uids of the live objects that reference it. */
  private readonly dependents = new Map<string, Set<string>>()
  private readonly refs = new Map<string, { owner: string; block: boolean }[]>()
  private readonly pending = new Map<string, PendingDelete>()
  private readonly boundTo = new Map<string, string>()
  private lastRevision = 0
  private readonly stop: () => void

  constructor(private readonly c: Cluster) {
    // What exists before the watch starts (namespaces, nodes, system objects) is known too.
    for (const info of c.api.kinds()) {
      for (const o of c.api.list<KubeObject>(info.kind)) this.track(o, Number(o.metadata?.resourceVersion))
    }
    this.lastRevision = c.api.revision()
    this.stop = c.api.watch('*', (e) => this.onEvent(e))
  }

  close(): void {
    this.stop()
  }

  private fail(message: string): void {
    if (this.violations.length < 20) this.violations.push(`t=${this.c.clock.now()} rev=${this.c.api.revision()}: ${message}`)
  }

  /** A create the test made itself: the API's answer must be the object the watch reports. */
  created(obj: KubeObject): void {
    const k = this.known.get(obj.metadata!.uid!)
    if (!k) this.fail(`create of ${objKey(obj.kind, obj.metadata?.namespace, obj.metadata?.name)} returned uid ${obj.metadata?.uid} no watch event carried`)
  }

  /** Before a cascading delete of `owner`: remember what depends on it now. */
  deleting(owner: KubeObject, policy: Policy): void {
    const uid = owner.metadata!.uid!
    // A second delete of an object already being deleted does not restart the cascade; skip its precise checks.
    if (owner.metadata?.deletionTimestamp) {
      this.pending.delete(uid)
      return
    }
    const dependents = [...(this.dependents.get(uid) ?? [])].map((d) => {
      const k = this.known.get(d)!
      return objKey(k.kind, k.namespace, k.name)
    })
    this.pending.set(uid, { policy, since: this.c.api.revision(), dependents })
  }

  private track(o: KubeObject, rv: number): void {
    const m = o.metadata!
    this.known.set(m.uid!, { kind: o.kind!, namespace: m.namespace, name: m.name!, rv, deleted: false })
    this.setRefs(m.uid!, (m.ownerReferences ?? []).map((r) => ({ owner: r.uid, block: !!r.blockOwnerDeletion })))
  }

  private setRefs(uid: string, refs: { owner: string; block: boolean }[]): void {
    for (const r of this.refs.get(uid) ?? []) this.dependents.get(r.owner)?.delete(uid)
    if (refs.length) this.refs.set(uid, refs)
    else this.refs.delete(uid)
    for (const r of refs) {
      let set = this.dependents.get(r.owner)
      if (!set) this.dependents.set(r.owner, (set = new Set()))
      set.add(uid)
    }
  }

  private onEvent(e: WatchEvent): void {
    const o = e.object
    const m = o.metadata!
    const uid = m.uid!
    const what = objKey(o.kind, m.namespace, m.name)
    // kube: etcd revisions are a strictly increasing sequence; every watch event carries a newer one.
    if (e.revision <= this.lastRevision) this.fail(`${e.type} ${what} at revision ${e.revision} after ${this.lastRevision}`)
    this.lastRevision = e.revision
    const prev = this.known.get(uid)
    if (e.type === 'DELETED') {
      if (!prev || prev.deleted) this.fail(`DELETED ${what} (uid ${uid}) was never seen alive`)
      else prev.deleted = true
      this.setRefs(uid, [])
      this.ownerGone(uid, what)
      return
    }
    const rv = Number(m.resourceVersion)
    // kube: an object's resourceVersion is the revision of its last write.
    if (rv !== e.revision) this.fail(`${e.type} ${what} has resourceVersion ${m.resourceVersion} at revision ${e.revision}`)
    if (e.type === 'ADDED' && prev) this.fail(`ADDED ${what} reuses uid ${uid}`)
    if (e.type === 'MODIFIED' && (!prev || prev.deleted)) this.fail(`MODIFIED ${what} (uid ${uid}) was never ADDED`)
    if (prev && rv <= prev.rv) this.fail(`${what} resourceVersion went from ${prev.rv} to ${rv}`)
    this.track(o, rv)
    if (o.kind === 'Pod') this.checkBinding(o as Pod, uid, what)
  }

  /** kube: spec.nodeName is set once, by the binding subresource; a bound pod never moves. */
  private checkBinding(pod: Pod, uid: string, what: string): void {
    const node = pod.spec?.nodeName
    if (!node) {
      if (this.boundTo.has(uid)) this.fail(`${what} lost its nodeName ${this.boundTo.get(uid)}`)
      return
    }
    const was = this.boundTo.get(uid)
    if (was === undefined) this.boundTo.set(uid, node)
    else if (was !== node) this.fail(`${what} moved from node ${was} to ${node}`)
  }

  private ownerGone(uid: string, what: string): void {
    const p = this.pending.get(uid)
    if (!p) return
    this.pending.delete(uid)
    const leftUids = [...(this.dependents.get(uid) ?? [])]
    const left = leftUids.map((d) => this.known.get(d)!)
    if (p.policy === 'Foreground') {
      // kube: foreground deletion — the owner goes only after every dependent with blockOwnerDeletion is gone.
      const blocking = leftUids.filter((d) => this.refs.get(d)?.some((r) => r.owner === uid && r.block)).map((d) => this.known.get(d)!)
      if (blocking.length) this.fail(`Foreground delete of ${what} finished while ${blocking.map((k) => k.name).join(', ')} still block it`)
    }
    if (p.policy === 'Orphan') {
      // kube: the garbage collector removes the owner reference from every dependent, then the orphan finalizer.
      if (left.length) this.fail(`Orphan delete of ${what} finished while ${left.map((k) => k.name).join(', ')} still reference it`)
      const mine = new Set(p.dependents)
      const killed = this.c.api.writes(p.since).filter((w) => w.actor === GC && w.verb === 'delete' && mine.has(objKey(w.kind, w.namespace, w.name)))
      if (killed.length) this.fail(`Orphan delete of ${what}: the garbage collector deleted ${killed.map((w) => w.name).join(', ')}`)
    }
  }

  /** Everything the watch says exists, keyed kind/namespace/name → uid. */
  alive(): Map<string, string> {
    const out = new Map<string, string>()
    for (const [uid, k] of this.known) if (!k.deleted) out.set(objKey(k.kind, k.namespace, k.name), uid)
    return out
  }

  /**
   * kube: no write is lost — every object the watch saw created exists (same uid, same last
   * resourceVersion) unless a delete was reported, and nothing exists that the watch never saw.
   */
  checkNoLostWrites(): void {
    const stored = new Map<string, KubeObject>()
    for (const info of this.c.api.kinds()) {
      for (const o of this.c.api.list<KubeObject>(info.kind)) stored.set(o.metadata!.uid!, o)
    }
    for (const [uid, k] of this.known) {
      const o = stored.get(uid)
      if (k.deleted) {
        if (o) this.fail(`${objKey(k.kind, k.namespace, k.name)} was reported DELETED but is stored`)
      } else if (!o) this.fail(`${objKey(k.kind, k.namespace, k.name)} (uid ${uid}) vanished without a DELETED event`)
      else if (Number(o.metadata!.resourceVersion) !== k.rv) this.fail(`${objKey(k.kind, k.namespace, k.name)} stored at rv ${o.metadata!.resourceVersion}, watch saw ${k.rv}`)
    }
    for (const [uid, o] of stored) {
      if (!this.known.has(uid)) this.fail(`${objKey(o.kind, o.metadata?.namespace, o.metadata?.name)} is stored but the watch never reported it`)
    }
  }

  /** kube: garbage collection — once deletes settle, every ownerReference points at a live object. */
  checkOwners(): void {
    for (const [uid, refs] of this.refs) {
      const k = this.known.get(uid)!
      for (const r of refs) {
        const owner = this.known.get(r.owner)
        if (!owner || owner.deleted) this.fail(`${objKey(k.kind, k.namespace, k.name)} outlives its owner ${owner ? objKey(owner.kind, owner.namespace, owner.name) : r.owner}`)
      }
    }
    for (const [uid, p] of this.pending) {
      const k = this.known.get(uid)!
      if (!k.deleted) this.fail(`${p.policy} delete of ${objKey(k.kind, k.namespace, k.name)} never finished`)
    }
  }
}
