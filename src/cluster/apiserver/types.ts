/**
 * The API server's contract: what every component (controllers, scheduler, kubelets, kubectl, the
 * worker) may call. Objects are the `kubernetes-types` shapes; every write names its actor.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1'

/** Any API object as stored: apiVersion, kind and metadata always set by the server. */
export interface KubeObject {
  apiVersion?: string
  kind?: string
  metadata?: ObjectMeta
  spec?: unknown
  status?: unknown
}

/** kubernetes-types marks server-owned fields readonly; the server and tests that fake status write them. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] }

/** Who makes a write, recorded with its revision (kube: field manager / user agent). */
export interface RequestContext {
  actor: string
  dryRun?: boolean
  /**
   * create and merge patch: the caller hands the object (the patch) over and never changes it
   * again, so the server keeps it instead of a copy. A created object must be plain JSON data with
   * no undefined values; it may share parts with stored objects, which never change either. The
   * event recorder and the kubelet's status writes, the most frequent writes, do this.
   */
  handOver?: boolean
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED'

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType
  object: T
  /** The previous stored version, for MODIFIED and DELETED. */
  oldObject?: T
  revision: number
}

export type WatchHandler<T extends KubeObject = KubeObject> = (event: WatchEvent<T>) => void

export interface LabelSelectorRequirement {
  key: string
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt'
  values?: string[]
}

export interface ListOptions {
  /** Omitted: all namespaces. */
  namespace?: string
  /** kubectl form (`app=web,tier in (a,b)`) or a metav1.LabelSelector. */
  labelSelector?: string | { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirement[] }
  /** Field selector in kubectl form, e.g. `spec.nodeName=node-1,metadata.name!=x`. */
  fieldSelector?: string
}

export interface DeleteOptions {
  /** kube default: Background for most kinds. */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'
  /** Pods: default from spec.terminationGracePeriodSeconds (30 s); 0 deletes at once. */
  gracePeriodSeconds?: number
  /** Delete only if the stored object still has this uid (precondition). */
  uid?: string
}

export type PatchType = 'merge' | 'strategic' | 'json'

/** One API write, as the timeline and "why did this happen?" read it. */
export interface WriteRecord {
  revision: number
  time: number
  actor: string
  verb: 'create' | 'update' | 'patch' | 'delete' | 'bind' | 'status'
  kind: string
  namespace?: string
  name: string
}

export interface KindInfo {
  kind: string
  apiVersion: string
  /** Plural lower-case resource name, e.g. `deployments`. */
  resource: string
  /** Singular lower-case name, e.g. `deployment`. */
  singular: string
  shortNames: string[]
  namespaced: boolean
  /** API group, '' for the core group. */
  group: string
  /** Included in `kubectl get all`. */
  categories: string[]
  hasStatus: boolean
  /** Other apiVersions accepted on writes and converted to `apiVersion` (autoscaling/v1 for HPAs). */
  alternateVersions?: string[]
}

export interface Api {
  revision(): number
  kinds(): KindInfo[]
  /** Resolves a kind, resource, singular or short name (`po`, `pods`, `Pod`, `deploy.apps`). */
  resolveKind(nameOrKind: string): KindInfo | undefined

  create<T extends KubeObject>(obj: T, ctx: RequestContext): T
  get<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T
  find<T extends KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined
  list<T extends KubeObject>(kind: string, options?: ListOptions): T[]
  /** Replaces spec and metadata; for kinds with a status subresource the stored status is kept. */
  update<T extends KubeObject>(obj: T, ctx: RequestContext): T
  /** Replaces only status. */
  updateStatus<T extends KubeObject>(obj: T, ctx: RequestContext): T
  patch<T extends KubeObject>(
    kind: string, namespace: string | undefined, name: string, patch: unknown, ctx: RequestContext,
    options?: { type?: PatchType; subresource?: 'status' },
  ): T
  /** Returns the object as it is after the call: gone (deleted) or marked with deletionTimestamp. */
  delete<T extends KubeObject>(kind: string, namespace: string | undefined, name: string, ctx: RequestContext, options?: DeleteOptions): T
  /** pods/binding: sets spec.nodeName and the PodScheduled condition (kube-scheduler's write). */
  bind(namespace: string, podName: string, nodeName: string, ctx: RequestContext): void

  /** Watch one kind (or '*' for every kind) from now on; events arrive in revision order. */
  watch<T extends KubeObject>(kind: string, handler: WatchHandler<T>): () => void
  /** The most recent writes, oldest first (bounded). */
  writes(sinceRevision?: number): WriteRecord[]
}

export interface StatusCause {
  field: string
  message: string
}

/** kube: metav1.Status reasons, printed by kubectl as `Error from server (Reason): message`. */
export type StatusReason =
  | 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'BadRequest' | 'Forbidden' | 'MethodNotAllowed' | 'Gone'
  | 'TooManyRequests' | 'InternalError'

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly causes: StatusCause[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }

  static notFound(info: { resource: string; group: string }, name: string): ApiError {
    const res = info.group ? `${info.resource}.${info.group}` : info.resource
    return new ApiError(404, 'NotFound', `${res} "${name}" not found`)
  }

  static alreadyExists(info: { resource: string; group: string }, name: string): ApiError {
    const res = info.group ? `${info.resource}.${info.group}` : info.resource
    return new ApiError(409, 'AlreadyExists', `${res} "${name}" already exists`)
  }

  static conflict(info: { resource: string; group: string }, name: string): ApiError {
    const res = info.group ? `${info.resource}.${info.group}` : info.resource
    return new ApiError(
      409, 'Conflict',
      `Operation cannot be fulfilled on ${res} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    )
  }

  /** kube: `The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0` */
  static invalid(kind: string, name: string, causes: StatusCause[]): ApiError {
    const detail = causes.map((c) => `${c.field}: ${c.message}`)
    const joined = detail.length === 1 ? detail[0] : `[${detail.join(', ')}]`
    return new ApiError(422, 'Invalid', `${kind} "${name}" is invalid: ${joined}`, causes)
  }
}

export const isNotFound = (e: unknown): boolean => e instanceof ApiError && e.reason === 'NotFound'
export const isConflict = (e: unknown): boolean => e instanceof ApiError && e.reason === 'Conflict'
export const isAlreadyExists = (e: unknown): boolean => e instanceof ApiError && e.reason === 'AlreadyExists'
