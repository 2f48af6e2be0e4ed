/**
 * The Recreate strategy (kube: pkg/controller/deployment/recreate.go): scale every old
 * ReplicaSet to zero, wait until none of their pods is still running, then create and scale up
 * the new one.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import { isPodTerminal } from '../util/pods'
import { deploymentComplete } from './conditions'
import { allOf, type DeploymentSync } from './sync'
import { filterActive, replicasOf, sumActualReplicas } from './util'

export function rolloutRecreate(s: DeploymentSync): void {
  let sets = s.replicaSets(false)
  let scaledDown = false
  for (const rs of filterActive(sets.oldRSs)) {
    if (s.scaleAndRecord(rs, 0).scaled) scaledDown = true
  }
  if (scaledDown) {
    sets = s.refresh(sets)
    s.syncRolloutStatus(allOf(sets), sets.newRS)
    return
  }
  if (oldPodsRunning(s, sets.newRS, sets.oldRSs)) {
    s.syncRolloutStatus(allOf(sets), sets.newRS)
    return
  }
  if (!sets.newRS) sets = s.replicaSets(true)
  if (sets.newRS) s.scaleAndRecord(sets.newRS, replicasOf(s.d))
  sets = s.refresh(sets)
  if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanup(sets.oldRSs)
  s.syncRolloutStatus(allOf(sets), sets.newRS)
}

/** kube: oldPodsRunning — any old pod not yet Succeeded or Failed (terminating pods count). */
function oldPodsRunning(s: DeploymentSync, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
  if (sumActualReplicas(oldRSs) > 0) return true
  for (const rs of oldRSs) {
    if (newRS && rs.metadata?.uid === newRS.metadata?.uid) continue
    if (s.env.podsOf(rs).some((p) => !isPodTerminal(p))) return true
  }
  return false
}
