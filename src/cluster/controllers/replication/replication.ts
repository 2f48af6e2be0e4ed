/**
 * The ReplicationController controller (kube: pkg/controller/replication). As in Kubernetes, it is
 * the ReplicaSet controller run through an adapter: every ReplicationController is shown to it as a
 * ReplicaSet of the same kind, name, uid and status, whose selector is the RC's label map as
 * `matchLabels`; pods get a controller reference to the ReplicationController (v1), and events and
 * writes come from `replication-controller`.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { ReplicationController } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../../component'
import type { EventHandlers, IndexFunc, Informer, InformerFactory } from '../../informers/informer'
import { ReplicaSetController, type ReplicaSetSource, type ReplicatedKind } from '../replicaset/replicaset'

/** kube: the RC controller's event source component and client name. */
export const REPLICATION_CONTROLLER = 'replication-controller'

/** kube: conversion.go — the RC as the ReplicaSet the shared controller works on. */
export function asReplicaSet(rc: ReplicationController): ReplicaSet {
  const spec = rc.spec ?? {}
  return Object.freeze({
    ...rc,
    spec: Object.freeze({ ...spec, selector: Object.freeze({ matchLabels: spec.selector ?? {} }), template: spec.template }),
  }) as unknown as ReplicaSet
}

/** kube: informerAdapter / listerAdapter — reads ReplicationControllers as ReplicaSets. */
export class ReplicationControllerSource implements ReplicaSetSource {
  /** Objects are immutable, so one conversion per stored version keeps selector memoization working. */
  private readonly converted = new WeakMap<ReplicationController, ReplicaSet>()

  constructor(private readonly informer: Informer<ReplicationController>) {}

  private rs = (rc: ReplicationController): ReplicaSet => {
    let rs = this.converted.get(rc)
    if (!rs) this.converted.set(rc, (rs = asReplicaSet(rc)))
    return rs
  }

  addIndex(name: string, fn: IndexFunc<ReplicaSet>): void {
    this.informer.addIndex(name, (rc) => fn(this.rs(rc)))
  }

  addEventHandler(h: EventHandlers<ReplicaSet>): void {
    this.informer.addEventHandler({
      add: h.add && ((rc) => h.add!(this.rs(rc))),
      update: h.update && ((old, rc) => h.update!(this.rs(old), this.rs(rc))),
      delete: h.delete && ((rc) => h.delete!(this.rs(rc))),
    })
  }

  get(namespace: string | undefined, name: string): ReplicaSet | undefined {
    const rc = this.informer.get(namespace, name)
    return rc && this.rs(rc)
  }

  list(namespace?: string): ReplicaSet[] {
    return this.informer.list(namespace).map(this.rs)
  }

  byIndex(index: string, value: string): ReplicaSet[] {
    return this.informer.byIndex(index, value).map(this.rs)
  }
}

export const REPLICATION_CONTROLLER_KIND: ReplicatedKind = {
  kind: 'ReplicationController', apiVersion: 'v1', controllerName: REPLICATION_CONTROLLER,
  source: (informers: InformerFactory) => new ReplicationControllerSource(informers.for<ReplicationController>('ReplicationController')),
}

/** kube: NewReplicationManager — the ReplicaSet controller for ReplicationControllers. */
export class ReplicationManager extends ReplicaSetController {
  constructor(c: ComponentContext) {
    super(c, { kind: REPLICATION_CONTROLLER_KIND })
  }
}
