/**
 * A Deployment's status from its ReplicaSets (kube: deployment calculateStatus). Counts follow
 * Go's omitempty when written: zero counts and an empty condition list are left out.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1'
import { MIN_AVAILABLE, MIN_UNAVAILABLE, newCondition, setCondition } from './conditions'
import {
  maxUnavailable, replicasOf, sumActualReplicas, sumAvailableReplicas, sumReadyReplicas, sumReplicas,
} from './util'

export function calculateStatus(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined, timestamp: string): DeploymentStatus {
  const available = sumAvailableReplicas(all)
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation,
    replicas: sumActualReplicas(all),
    updatedReplicas: newRS ? sumActualReplicas([newRS]) : 0,
    readyReplicas: sumReadyReplicas(all),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, sumReplicas(all) - available),
    conditions: structuredClone(d.status?.conditions ?? []),
    collisionCount: d.status?.collisionCount,
  }
  // kube: Available means at least replicas - maxUnavailable pods are available.
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', MIN_AVAILABLE, 'Deployment has minimum availability.', timestamp))
  } else {
    setCondition(status, newCondition('Available', 'False', MIN_UNAVAILABLE, 'Deployment does not have minimum availability.', timestamp))
  }
  return status
}

/** Go's omitempty: zero counts, an empty condition list and an unset collisionCount are left out. */
export function normalizeStatus(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {}
  for (const k of ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const) {
    if (s[k]) out[k] = s[k]
  }
  if (s.conditions?.length) out.conditions = s.conditions
  if (s.collisionCount !== undefined && s.collisionCount !== null) out.collisionCount = s.collisionCount
  return out
}
