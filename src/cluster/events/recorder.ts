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
  private seen = new Map<string, string>() // aggregation key -> event name
  private seq = 0

  constructor(private readonly api: Api, private readonly clock: Clock) {}

  /**
   * `fieldPath` names the part of the object the event is about, e.g. `spec.containers{nginx}` for
   * a container's events (kubectl describe prints it before the message).
   */
  record(regarding: KubeObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const meta = regarding.metadata ?? {}
    const namespace = meta.namespace || 'default'
    const ref: ObjectReference = {
      apiVersion: regarding.apiVersion,
      kind: regarding.kind,
      name: meta.name,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    }
    const now = this.clock.timestamp()
    const aggKey = `${meta.uid}|${fieldPath ?? ''}|${type}|${reason}|${message}|${source.component}|${source.host ?? ''}`
    const actor = source.host ? `${source.component}/${source.host}` : source.component
    const existing = this.seen.get(aggKey)
    if (existing) {
      const ev = this.api.find<KEvent>('Event', namespace, existing)
      if (ev) {
        this.api.patch('Event', namespace, existing, { count: (ev.count ?? 1) + 1, lastTimestamp: now }, { actor })
        return
      }
    }
    // kube: event names are `<object>.<hex of the time in ns>`; a sequence keeps them unique.
    // Fix (replicaset/deployment helper): now * 1e6 exceeds 2^53, so adding seq as a float was lost to
    // rounding and events at the same instant collided (AlreadyExists, silently dropped). BigInt keeps it exact.
    const name = `${meta.name}.${(BigInt(this.clock.now()) * 1_000_000n + BigInt(++this.seq)).toString(16)}`
    const event: KEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: ref,
      reason,
      message,
      type,
      source,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    }
    try {
      this.api.create(event as KubeObject, { actor })
      this.seen.set(aggKey, name)
    } catch {
      // Events are best effort in Kubernetes too: a lost event never fails the caller.
    }
  }
}
