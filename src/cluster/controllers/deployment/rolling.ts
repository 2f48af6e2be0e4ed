/**
 * The RollingUpdate strategy (kube: pkg/controller/deployment/rolling.go): grow the new
 * ReplicaSet while the total stays within replicas + maxSurge, shrink old ones while the
 * available pods stay at or above replicas - maxUnavailable. One step per sync; the next sync
 * comes when a ReplicaSet's status moves.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import { deploymentComplete } from './conditions'
import { allOf, type DeploymentSync } from './sync'
import {
  byCreation, filterActive, maxUnavailable, newRSNewReplicas, replicasOf, sumReplicas,
} from './util'

export function rolloutRolling(s: DeploymentSync): void {
  let sets = s.replicaSets(true)
  if (reconcileNewReplicaSet(s, allOf(sets), sets.newRS)) {
    sets = s.refresh(sets)
    s.syncRolloutStatus(allOf(sets), sets.newRS)
    return
  }
  if (reconcileOldReplicaSets(s, allOf(sets), filterActive(sets.oldRSs), sets.newRS)) {
    sets = s.refresh(sets)
    s.syncRolloutStatus(allOf(sets), sets.newRS)
    return
  }
  if (deploymentComplete(s.d, s.d.status ?? {})) s.cleanup(sets.oldRSs)
  s.syncRolloutStatus(allOf(sets), sets.newRS)
}

function reconcileNewReplicaSet(s: DeploymentSync, all: ReplicaSet[], newRS: ReplicaSet | undefined): boolean {
  if (!newRS) return false
  const want = replicasOf(s.d)
  if (replicasOf(newRS) === want) return false
  if (replicasOf(newRS) > want) return s.scaleAndRecord(newRS, want).scaled
  return s.scaleAndRecord(newRS, newRSNewReplicas(s.d, all, newRS)).scaled
}

/**
 * kube: reconcileOldReplicaSets — first drop old pods that are not available anyway (they cost
 * no availability), then scale old ReplicaSets down as far as availability allows.
 */
function reconcileOldReplicaSets(s: DeploymentSync, all: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet | undefined): boolean {
  if (sumReplicas(oldRSs) === 0) return false
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d)
  const newUnavailable = newRS ? replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0) : 0
  const maxScaledDown = sumReplicas(all) - minAvailable - newUnavailable
  if (maxScaledDown <= 0) return false
  const cleaned = cleanupUnhealthyReplicas(s, oldRSs, maxScaledDown)
  const allNow = newRS ? [...cleaned.oldRSs, newRS] : cleaned.oldRSs
  const scaledDown = scaleDownOldForRollingUpdate(s, allNow, cleaned.oldRSs)
  return cleaned.count + scaledDown > 0
}

/** kube: cleanupUnhealthyReplicas — scale down old ReplicaSets by their unavailable pods, oldest first. */
function cleanupUnhealthyReplicas(s: DeploymentSync, oldRSs: ReplicaSet[], maxCleanup: number): { oldRSs: ReplicaSet[]; count: number } {
  const sorted = [...oldRSs].sort(byCreation)
  let total = 0
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanup) break
    const rs = sorted[i]
    const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0)
    if (replicasOf(rs) === 0 || unhealthy <= 0) continue
    const n = Math.min(maxCleanup - total, unhealthy)
    sorted[i] = s.scaleAndRecord(rs, replicasOf(rs) - n).rs
    total += n
  }
  return { oldRSs: sorted, count: total }
}

/** kube: scaleDownOldReplicaSetsForRollingUpdate — keep at least replicas - maxUnavailable available. */
function scaleDownOldForRollingUpdate(s: DeploymentSync, all: ReplicaSet[], oldRSs: ReplicaSet[]): number {
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d)
  // kube sums status.availableReplicas. A ReplicaSet that just scaled down writes the count it saw
  // before its deletions, and in the moment before its next sync that count overstates what is left
  // (kube has the same race; our 50 ms sync window widens it). An old set cannot keep more
  // available pods than it wants, so cap each at spec.replicas and never dip below minAvailable.
  const available = all.reduce((n, rs) => n + Math.min(rs.status?.availableReplicas ?? 0, replicasOf(rs)), 0)
  if (available <= minAvailable) return 0
  const total = available - minAvailable
  let done = 0
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (done >= total) break
    if (replicasOf(rs) === 0) continue
    const n = Math.min(replicasOf(rs), total - done)
    s.scaleAndRecord(rs, replicasOf(rs) - n)
    done += n
  }
  return done
}
