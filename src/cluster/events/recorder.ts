/**
 * Writes core/v1 Events as Kubernetes components do (client-go's EventRecorder): one Event per
 * object, reason and message; a repeat bumps `count` and `lastTimestamp` instead of adding another.
 */
import type { Event as KEvent, ObjectReference } from 'kubernetes-types/core/v1'
import type { Clock } from '../clock'
import type { Api, KubeObject } from '../apiserver/types'

export type EventType = 'Normal' | 'Warning'

export interface EventSource {
  /** kube: source.component, e.g. `default-scheduler`, `kubelet`, `replicaset-controller`. */
  component: string
  host?: string
}

export class EventRecorder {
  /** involved object uid -> aggregation key -> event name */
  private seen = new Map<string, Map<string, string>>()
  private seq = 0
  private nanosAt = NaN
  private nanos = 0n

  constructor(private readonly api: Api, private readonly clock: Clock) {}

  /**
   * `fieldPath` names the part of the object the event is about, e.g. `spec.containers{nginx}` for
   * a container's events (kubectl describe prints it before the message).
   */
  record(regarding: KubeObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const meta = regarding.metadata ?? {}
    const namespace = meta.namespace || 'default'
    // Built without undefined values: the API server keeps this object as it is (handOver).
    const ref: ObjectReference = {}
    if (regarding.apiVersion !== undefined) ref.apiVersion = regarding.apiVersion
    if (regarding.kind !== undefined) ref.kind = regarding.kind
    if (meta.name !== undefined) ref.name = meta.name
    if (meta.namespace !== undefined) ref.namespace = meta.namespace
    if (meta.uid !== undefined) ref.uid = meta.uid
    if (meta.resourceVersion !== undefined) ref.resourceVersion = meta.resourceVersion
    if (fieldPath) ref.fieldPath = fieldPath
    const now = this.clock.timestamp()
    // Keyed by the object first: many small maps are kinder to the caches than one huge one.
    const aggKey = `${fieldPath ?? ''}|${type}|${reason}|${message}|${source.component}|${source.host ?? ''}`
    const uid = meta.uid ?? 'undefined'
    let seen = this.seen.get(uid)
    if (!seen) this.seen.set(uid, (seen = new Map()))
    const actor = source.host ? `${source.component}/${source.host}` : source.component
    const existing = seen.get(aggKey)
    if (existing) {
      const ev = this.api.find<KEvent>('Event', namespace, existing)
      if (ev) {
        this.api.patch('Event', namespace, existing, { count: (ev.count ?? 1) + 1, lastTimestamp: now }, { actor })
        return
      }
    }
    // kube: event names are `<object>.<hex of the time in ns>`; a sequence keeps them unique.
    // now * 1e6 exceeds 2^53, so adding seq as a float was lost to
    // rounding and events at the same instant collided (AlreadyExists, silently dropped). BigInt keeps it exact.
    const at = this.clock.now()
    if (at !== this.nanosAt) {
      this.nanosAt = at
      // Virtual time is fractional (kubelet jitter); BigInt() of a fraction throws.
      this.nanos = BigInt(Math.round(at * 1_000)) * 1_000n
    }
    const name = `${meta.name}.${(this.nanos + BigInt(++this.seq)).toString(16)}`
    const event: KEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: ref,
      reason,
      message,
      type,
      source: copySource(source),
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    }
    try {
      this.api.create(event as KubeObject, { actor, handOver: true })
      seen.set(aggKey, name)
    } catch {
      // Events are best effort in Kubernetes too: a lost event never fails the caller.
    }
  }
}

/** The caller's source, as a copy of its own without undefined values (the event keeps it). */
function copySource(source: EventSource): EventSource {
  const out = {} as EventSource
  for (const k in source) {
    const v = source[k as keyof EventSource]
    if (v !== undefined) out[k as keyof EventSource] = v
  }
  return out
}
