/**
 * The kinds this API server serves. One file per family; adding a kind means adding its KindDef here.
 */
import type { KindDef } from './kind'
import { podKind } from './pod'
import { deploymentKind, replicaSetKind } from './workloads'
import { eventKind, leaseKind, namespaceKind, nodeKind, serviceKind } from './cluster-kinds'

export const BUILTIN_KINDS: KindDef[] = [
  namespaceKind, nodeKind, podKind, serviceKind, eventKind, replicaSetKind, deploymentKind, leaseKind,
]

export type { KindDef, ServerContext } from './kind'
