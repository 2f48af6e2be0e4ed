/**
 * The API server: every read and write in the cluster goes through here. It resolves kinds, runs
 * defaulting, admission and validation, enforces optimistic concurrency, graceful deletion and
 * finalizers, records who made each write, and hands the result to the store.
 */
import type { Pod, ResourceQuota } from 'kubernetes-types/core/v1'
import type { ObjectMeta } from 'kubernetes-types/meta/v1'
import type { Clock } from '../clock'
import { Store } from '../store/store'
import { BUILTIN_KINDS, type KindDef, type ServerContext } from './kinds'
import { toSelector, matches } from './labels'
import { deepEqual, deepFreeze, plainCopy } from './objects'
import { jsonPatch, mergePatch, strategicMergePatch } from './patch'
import {
  type Api, ApiError, type DeleteOptions, type KindInfo, type KubeObject, type ListOptions, type PatchType,
  type RequestContext, type StatusCause, type WatchHandler, type Writable, type WriteRecord,
} from './types'
import { dns1035Label, dns1123Label, dns1123Subdomain, isObject, required, typeError, validateLabels } from './validation'
import { ClusterIPAllocator, NodePortAllocator } from './allocators'
import { admitObjectQuota } from './admission/resourcequota-objects'

const MAX_WRITE_RECORDS = 5_000

/**
 * kube: the kinds whose strategy keeps metadata.generation (bumped on every spec change, mirrored in
 * status.observedGeneration). Pods have it since v1.34 (PodObservedGenerationTracking).
 */
const GENERATION_KINDS = new Set([
  'Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'PodDisruptionBudget',
  'ReplicationController', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'Ingress',
])

export interface ApiServerOptions {
  /** Freeze stored objects so a component that mutates what it read fails loudly (on by default). */
  freeze?: boolean
}

export class ApiServer implements Api {
  readonly store = new Store()
  private byKind = new Map<string, KindDef>()
  private aliases = new Map<string, KindDef>()
  private writeLog: WriteRecord[] = []
  private readonly freeze: boolean
  private readonly server: ServerContext
  private readonly clusterIPs: ClusterIPAllocator
  private readonly nodePorts: NodePortAllocator

  constructor(private readonly clock: Clock, options: ApiServerOptions = {}) {
    this.freeze = options.freeze ?? true
    for (const k of BUILTIN_KINDS) this.register(k)
    this.clusterIPs = new ClusterIPAllocator(clock.random)
    this.nodePorts = new NodePortAllocator(clock.random)
    this.server = {
      clock,
      find: (kind, ns, name) => this.find(kind, ns, name),
      list: (kind) => this.list(kind),
      allocateClusterIP: () => this.clusterIPs.allocate(),
      releaseClusterIP: (ip) => this.clusterIPs.release(ip),
      allocateNodePort: () => this.nodePorts.allocate(),
    }
  }

  register(def: KindDef): void {
    const i = def.info
    this.byKind.set(i.kind, def)
    const names = [i.kind, i.kind.toLowerCase(), i.resource, i.singular, ...i.shortNames]
    for (const n of names) {
      this.aliases.set(n.toLowerCase(), def)
      if (i.group) this.aliases.set(`${n.toLowerCase()}.${i.group}`, def)
    }
  }

  revision(): number {
    return this.store.revision()
  }

  kinds(): KindInfo[] {
    return [...this.byKind.values()].map((d) => d.info)
  }

  resolveKind(name: string): KindInfo | undefined {
    return (this.byKind.get(name) ?? this.aliases.get(name.toLowerCase()))?.info
  }

  // ---- reads ---------------------------------------------------------------------------------

  get<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T {
    const def = this.def(kind)
    const obj = this.store.get(def.info.kind, this.scope(def, namespace), name)
    if (!obj) throw ApiError.notFound(def.info, name)
    return obj as T
  }

  find<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const def = this.def(kind)
    return this.store.get(def.info.kind, this.scope(def, namespace), name) as T | undefined
  }

  list<T extends KubeObject>(kind: string, options: ListOptions = {}): T[] {
    const def = this.def(kind)
    const ns = def.info.namespaced ? options.namespace : undefined
    let items = this.store.list(def.info.kind, ns)
    let sel
    try {
      sel = toSelector(options.labelSelector)
    } catch (e) {
      throw new ApiError(400, 'BadRequest', (e as Error).message)
    }
    if (sel === null) return []
    if (sel.length) items = items.filter((o) => matches(sel, o.metadata?.labels))
    if (options.fieldSelector) items = items.filter(fieldFilter(options.fieldSelector))
    return items.sort(byNamespaceAndName) as T[]
  }

  watch<T extends KubeObject>(kind: string, handler: WatchHandler<T>): () => void {
    const k = kind === '*' ? '*' : this.def(kind).info.kind
    return this.store.watch(k, handler as WatchHandler)
  }

  writes(sinceRevision = 0): WriteRecord[] {
    return this.writeLog.filter((w) => w.revision > sinceRevision)
  }

  // ---- writes --------------------------------------------------------------------------------

  create<T extends KubeObject>(input: T, ctx: RequestContext): T {
    input = this.toStoredVersion(input)
    const def = this.defForObject(input)
    const obj = ctx.handOver ? this.checkInput(input, def) : this.prepareInput(input, def)
    const meta = obj.metadata as Writable<ObjectMeta>
    if (def.info.namespaced) {
      meta.namespace ||= 'default'
      this.requireNamespace(meta.namespace, def, meta.name ?? '')
    } else delete meta.namespace
    if (!meta.name && meta.generateName) meta.name = this.generateName(def, meta)
    // kube: system fields (uid) are filled before PrepareForCreate, which may use them (a Job's
    // generated selector names its own uid).
    meta.uid = this.clock.random.uuid()
    def.applyDefaults?.(obj)
    if (def.prepareForCreate && def.info.hasStatus) delete obj.status
    def.prepareForCreate?.(obj, this.server)
    // kube: metadata and spec errors are reported together, before storage finds a duplicate name.
    this.validate(def, obj, [...this.metaCauses(def, obj), ...(def.validate?.(obj) ?? [])])
    this.admitQuota(def, obj)
    if (this.store.get(def.info.kind, meta.namespace ?? '', meta.name!)) throw ApiError.alreadyExists(def.info, meta.name!)
    if (ctx.dryRun) return obj as T
    const rev = this.store.nextRevision()
    delete meta.deletionTimestamp
    delete meta.deletionGracePeriodSeconds
    Object.assign(meta, {
      resourceVersion: String(rev),
      creationTimestamp: this.clock.timestamp(),
      generation: 1,
    } satisfies ObjectMeta)
    if (!GENERATION_KINDS.has(def.info.kind)) delete meta.generation
    const stored = this.seal(obj)
    this.record(rev, ctx, 'create', def, stored)
    this.store.put(def.info.kind, stored, 'ADDED')
    return stored as T
  }

  /**
   * kube: ResourceQuota, the last validating admission plugin, for objects other than pods (the pod
   * kind admits its own). A refused create gives back what PrepareForCreate allocated.
   */
  private admitQuota(def: KindDef, obj: KubeObject): void {
    if (!def.info.namespaced || def.info.kind === 'Pod') return
    const ns = obj.metadata!.namespace ?? ''
    if (!this.store.count('ResourceQuota', ns)) return
    const quotas = this.store.list('ResourceQuota', ns) as ResourceQuota[]
    try {
      admitObjectQuota(def.info, obj, quotas, () => this.store.list(def.info.kind, ns))
    } catch (e) {
      def.onRemoved?.(obj, this.server)
      throw e
    }
  }

  update<T extends KubeObject>(input: T, ctx: RequestContext): T {
    return this.write(input, ctx, 'update')
  }

  updateStatus<T extends KubeObject>(input: T, ctx: RequestContext): T {
    return this.write(input, ctx, 'status')
  }

  patch<T extends KubeObject>(
    kind: string, namespace: string | undefined, name: string, patch: unknown, ctx: RequestContext,
    options: { type?: PatchType; subresource?: 'status' } = {},
  ): T {
    const current = this.get<T>(kind, namespace, name)
    const type = options.type ?? 'merge'
    let patched: unknown
    if (type === 'json') patched = jsonPatch(current, patch)
    else if (!isObject(patch)) throw new ApiError(400, 'BadRequest', 'json: cannot unmarshal into Go value of type map[string]interface {}')
    else patched = type === 'strategic' ? strategicMergePatch(current, patch) : mergePatch(current, patch, ctx.handOver)
    if (!isObject(patched)) throw new ApiError(400, 'BadRequest', 'patch result is not an object')
    const obj = patched as T
    obj.metadata = { ...(obj.metadata ?? {}), resourceVersion: current.metadata!.resourceVersion }
    // The merge built new objects along the patched paths and shares the rest with the stored,
    // immutable object, so the result is ours without another copy.
    return this.write(obj, ctx, options.subresource === 'status' ? 'status' : 'patch', true)
  }

  delete<T extends KubeObject>(
    kind: string, namespace: string | undefined, name: string, ctx: RequestContext, options: DeleteOptions = {},
  ): T {
    const def = this.def(kind)
    const current = this.get<T>(kind, namespace, name)
    if (options.uid && current.metadata!.uid !== options.uid) {
      throw new ApiError(409, 'Conflict', `Precondition failed: UID in precondition: ${options.uid}, UID in object meta: ${current.metadata!.uid}`)
    }
    def.admitDelete?.(current)
    if (ctx.dryRun) return current
    const meta = current.metadata!
    const finalizers = [...(meta.finalizers ?? [])]
    const policy = options.propagationPolicy
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion')
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan')
    const grace = this.gracePeriod(def, current, options)

    const held = def.statusWhileDeleting?.(current)
    if (finalizers.length === 0 && grace === 0 && held === undefined) return this.remove(def, current, ctx)

    // Graceful or finalized deletion: mark the object; the kubelet or the finalizers' owners finish it.
    const next = { ...current, metadata: { ...current.metadata } } as KubeObject
    const m = next.metadata as Writable<ObjectMeta>
    const already = m.deletionTimestamp !== undefined
    if (!already || (grace < (m.deletionGracePeriodSeconds ?? Infinity))) {
      m.deletionTimestamp = this.clock.timestamp(this.clock.now() + grace * 1000)
      m.deletionGracePeriodSeconds = grace
    }
    m.finalizers = finalizers.length ? finalizers : undefined
    if (m.finalizers === undefined) delete m.finalizers
    if (held !== undefined) next.status = held
    if (already && deepEqual(next, current)) return current
    return this.commit(def, next, current, ctx, 'delete') as T
  }

  bind(namespace: string, podName: string, nodeName: string, ctx: RequestContext): void {
    const def = this.def('Pod')
    const pod = this.get<Pod>('Pod', namespace, podName)
    if (pod.spec?.nodeName) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${podName}": pod ${podName} is already assigned to node "${pod.spec.nodeName}"`)
    }
    if (pod.metadata?.deletionTimestamp) {
      throw new ApiError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${podName}": pod ${podName} is being deleted, cannot be assigned to a host`)
    }
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled')
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: this.clock.timestamp() })
    const status: Writable<NonNullable<Pod['status']>> = { ...pod.status, conditions }
    // kube v1.35 (KEP-5278): binding clears the nomination that preemption left.
    delete status.nominatedNodeName
    const next: Writable<Pod> = { ...pod, metadata: { ...pod.metadata }, spec: { ...pod.spec!, nodeName }, status }
    this.commit(def, next as KubeObject, pod as KubeObject, ctx, 'bind')
  }

  // ---- internals -----------------------------------------------------------------------------

  private write<T extends KubeObject>(input: T, ctx: RequestContext, verb: 'update' | 'patch' | 'status', owned = false): T {
    input = this.toStoredVersion(input)
    const def = this.defForObject(input)
    const meta0 = input.metadata ?? {}
    const current = this.get<T>(def.info.kind, meta0.namespace, meta0.name ?? '')
    if (meta0.resourceVersion && meta0.resourceVersion !== current.metadata!.resourceVersion) {
      throw ApiError.conflict(def.info, meta0.name!)
    }
    if (verb === 'status') {
      // Only status changes through the status subresource; the rest is the stored object's.
      const status = owned ? input.status : plainCopy(input.status)
      const merged = { ...current, metadata: { ...current.metadata }, status } as KubeObject
      return this.commit(def, merged, current, ctx, 'status') as T
    }
    const obj = owned ? this.checkInput(input, def) : this.prepareInput(input, def)
    const meta = obj.metadata as Writable<ObjectMeta>
    const cur = current.metadata!
    // Identity and server-owned fields come from the stored object.
    Object.assign(meta, {
      name: cur.name, namespace: cur.namespace, uid: cur.uid, creationTimestamp: cur.creationTimestamp,
      deletionTimestamp: cur.deletionTimestamp, deletionGracePeriodSeconds: cur.deletionGracePeriodSeconds,
      generation: cur.generation, resourceVersion: cur.resourceVersion,
    })
    if (def.info.hasStatus && def.info.kind !== 'Event' && def.info.kind !== 'Lease') obj.status = current.status
    if (cur.deletionTimestamp && (meta.finalizers?.length ?? 0) > (cur.finalizers?.length ?? 0)) {
      const added = (meta.finalizers ?? []).filter((f) => !(cur.finalizers ?? []).includes(f))
      if (added.length) throw new ApiError(422, 'Invalid', `${def.info.kind} "${cur.name}" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}`)
    }
    def.applyDefaults?.(obj)
    def.prepareForUpdate?.(obj, current, this.server)
    const causes = [...this.metaCauses(def, obj), ...(def.validate?.(obj) ?? []), ...(def.validateUpdate?.(obj, current) ?? [])]
    this.validate(def, obj, causes)
    if (!deepEqual(obj.spec, current.spec) && meta.generation !== undefined) meta.generation = (cur.generation ?? 0) + 1
    // A dry run changes nothing, not even the removal that emptying the finalizers would trigger.
    if (ctx.dryRun) return obj as T
    if (cur.deletionTimestamp && !(meta.finalizers?.length) && (cur.deletionGracePeriodSeconds ?? 0) === 0 && def.statusWhileDeleting?.(obj) === undefined) {
      return this.remove(def, current, ctx) as T
    }
    return this.commit(def, obj, current, ctx, verb) as T
  }

  /** Writes `next` unless it equals `current` (a no-op write keeps its resourceVersion, as in Kubernetes). */
  private commit(def: KindDef, next: KubeObject, current: KubeObject, ctx: RequestContext, verb: WriteRecord['verb']): KubeObject {
    const meta = next.metadata as Writable<ObjectMeta>
    meta.resourceVersion = current.metadata!.resourceVersion
    if (deepEqual(next, current)) return current
    if (ctx.dryRun) return next
    const rev = this.store.nextRevision()
    meta.resourceVersion = String(rev)
    const stored = this.seal(next)
    this.record(rev, ctx, verb, def, stored)
    this.store.put(def.info.kind, stored, 'MODIFIED', current)
    return stored
  }

  private remove<T extends KubeObject>(def: KindDef, current: T, ctx: RequestContext): T {
    const rev = this.store.nextRevision()
    const last = { ...current, metadata: { ...current.metadata, resourceVersion: String(rev) } } as KubeObject
    const stored = this.seal(last)
    this.record(rev, ctx, 'delete', def, stored)
    this.store.remove(def.info.kind, stored, current)
    def.onRemoved?.(stored, this.server)
    return stored as T
  }

  private gracePeriod(def: KindDef, obj: KubeObject, options: DeleteOptions): number {
    if (def.info.kind !== 'Pod') return 0
    const pod = obj as Pod
    // kube: an unscheduled pod, or one that already finished, has nothing to stop: delete at once.
    if (!pod.spec?.nodeName) return 0
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0
    const g = options.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30
    return Math.max(0, g)
  }

  private seal(obj: KubeObject): KubeObject {
    return this.freeze ? deepFreeze(obj) : obj
  }

  private record(revision: number, ctx: RequestContext, verb: WriteRecord['verb'], def: KindDef, obj: KubeObject): void {
    this.writeLog.push({
      revision, time: this.clock.now(), actor: ctx.actor, verb, kind: def.info.kind,
      namespace: obj.metadata?.namespace, name: obj.metadata!.name!,
    })
    if (this.writeLog.length > MAX_WRITE_RECORDS * 1.2) this.writeLog = this.writeLog.slice(-MAX_WRITE_RECORDS)
  }

  private def(kind: string): KindDef {
    const def = this.byKind.get(kind) ?? this.aliases.get(kind.toLowerCase())
    if (!def) throw new ApiError(404, 'NotFound', `the server doesn't have a resource type "${kind}"`)
    return def
  }

  /** kube: an object of another served version is converted to the stored one before anything else. */
  private toStoredVersion<T extends KubeObject>(input: T): T {
    if (!isObject(input)) return input
    const def = this.byKind.get(String(input.kind))
    if (!def || def.info.apiVersion === input.apiVersion) return input
    const convert = def.alternateVersions?.[String(input.apiVersion)]
    return convert ? (convert(plainCopy(input)) as T) : input
  }

  private defForObject(obj: KubeObject): KindDef {
    if (!isObject(obj)) throw new ApiError(400, 'BadRequest', 'Object is not a mapping')
    if (!obj.kind) throw new ApiError(400, 'BadRequest', "Object 'Kind' is missing")
    if (!obj.apiVersion) throw new ApiError(400, 'BadRequest', "Object 'apiVersion' is missing")
    const def = this.byKind.get(String(obj.kind))
    if (!def || def.info.apiVersion !== obj.apiVersion) {
      throw new ApiError(404, 'NotFound', `no matches for kind "${String(obj.kind)}" in version "${String(obj.apiVersion)}"`)
    }
    return def
  }

  private scope(def: KindDef, namespace: string | undefined): string {
    return def.info.namespaced ? namespace || 'default' : ''
  }

  private requireNamespace(ns: string, def: KindDef, name: string): void {
    const found = this.store.get('Namespace', '', ns)
    if (!found) throw new ApiError(404, 'NotFound', `namespaces "${ns}" not found`)
    if (found.metadata?.deletionTimestamp) {
      // kube: NamespaceLifecycle admission, a Forbidden error on the created resource.
      const res = def.info.group ? `${def.info.resource}.${def.info.group}` : def.info.resource
      throw new ApiError(403, 'Forbidden', `${res} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`)
    }
  }

  /** A private, unfrozen copy of the caller's object with shape errors reported as field errors. */
  private prepareInput(input: KubeObject, def: KindDef): KubeObject {
    return this.checkInput(plainCopy(input), def)
  }

  private checkInput(obj: KubeObject, def: KindDef): KubeObject {
    const causes: StatusCause[] = []
    if (obj.metadata !== undefined && !isObject(obj.metadata)) causes.push(typeError('metadata', obj.metadata, 'object'))
    else {
      obj.metadata ??= {}
      const m = obj.metadata as Record<string, unknown>
      for (const f of ['name', 'generateName', 'namespace'] as const) {
        if (m[f] !== undefined && typeof m[f] !== 'string') causes.push(typeError(`metadata.${f}`, m[f], 'string'))
      }
      for (const f of ['labels', 'annotations'] as const) {
        if (m[f] !== undefined && m[f] !== null && !isObject(m[f])) causes.push(typeError(`metadata.${f}`, m[f], 'object'))
      }
    }
    causes.push(...(def.checkTypes?.(obj) ?? []))
    if (causes.length) throw ApiError.invalid(def.info.kind, this.displayName(obj), causes)
    return obj
  }

  private displayName(obj: KubeObject): string {
    const m = obj.metadata as Record<string, unknown> | undefined
    return typeof m?.name === 'string' ? m.name : ''
  }

  private metaCauses(def: KindDef, obj: KubeObject): StatusCause[] {
    const meta = obj.metadata!
    const causes: StatusCause[] = []
    if (!meta.name) causes.push(required('metadata.name', 'name or generateName is required'))
    else if (def.nameRule === 'subdomain') causes.push(...dns1123Subdomain('metadata.name', meta.name))
    else if (def.nameRule === 'label') causes.push(...dns1123Label('metadata.name', meta.name))
    else if (def.nameRule === 'dns1035') causes.push(...dns1035Label('metadata.name', meta.name))
    causes.push(...validateLabels('metadata.labels', meta.labels))
    return causes
  }

  private validate(def: KindDef, obj: KubeObject, causes: StatusCause[]): void {
    if (causes.length) throw ApiError.invalid(def.info.kind, obj.metadata?.name ?? '', causes)
  }

  private generateName(def: KindDef, meta: ObjectMeta): string {
    // kube: generateName + 5 random characters; the server retries on a (rare) collision.
    for (let i = 0; i < 8; i++) {
      const name = `${meta.generateName}${this.clock.random.nameSuffix(5)}`
      if (!this.store.get(def.info.kind, meta.namespace ?? '', name)) return name
    }
    throw new ApiError(409, 'AlreadyExists', `${def.info.resource} "${meta.generateName}" already exists`)
  }
}

function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata?.namespace ?? ''
  const bn = b.metadata?.namespace ?? ''
  if (an !== bn) return an < bn ? -1 : 1
  const x = a.metadata?.name ?? ''
  const y = b.metadata?.name ?? ''
  return x < y ? -1 : x > y ? 1 : 0
}

/** kubectl's field selector form: `spec.nodeName=node-1,status.phase!=Running,metadata.name==x`. */
function fieldFilter(text: string): (o: KubeObject) => boolean {
  const reqs = text.split(',').filter(Boolean).map((part) => {
    const m = /^([^!=]+)(==|!=|=)(.*)$/.exec(part.trim())
    if (!m) throw new ApiError(400, 'BadRequest', `invalid selector: '${text}'; can't understand '${part}'`)
    return { path: m[1].split('.'), neg: m[2] === '!=', value: m[3] }
  })
  return (o) => reqs.every((r) => {
    let cur: unknown = o
    for (const p of r.path) cur = (cur as Record<string, unknown> | undefined)?.[p]
    const v = cur === undefined || cur === null ? '' : String(cur)
    return r.neg ? v !== r.value : v === r.value
  })
}
