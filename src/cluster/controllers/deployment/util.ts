/**
 * Deployment arithmetic (kube: pkg/controller/deployment/util): surge and unavailability
 * fenceposts, revisions and their annotations, which ReplicaSet is new, and how many replicas a
 * ReplicaSet may have next. Pure functions over API objects.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import { canonicalJson } from '../util/hash'
import { scaledValue } from '../util/intstr'
import { parseTime } from '../util/time'

// kube: apps.DefaultDeploymentUniqueLabelKey
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash'
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision'
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history'
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas'
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas'
const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration'
const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to'
// kube: --deployment-controller revision history annotation limit (MaxRevHistoryLengthInChars)
const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000

/** kube: annotationsToSkip — the Deployment's own bookkeeping is not copied onto its ReplicaSets. */
const ANNOTATIONS_TO_SKIP = new Set([
  LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, ROLLBACK_TO_ANNOTATION,
])

export const replicasOf = (o: Deployment | ReplicaSet | undefined): number => o?.spec?.replicas ?? 0
export const isRollingUpdate = (d: Deployment): boolean => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate'

/**
 * kube: ResolveFenceposts — maxSurge rounds up, maxUnavailable rounds down; if both come out 0
 * (e.g. 25% of 1 replica unavailable), one pod may be unavailable so the rollout can progress.
 */
export function resolveFenceposts(surgeValue: number | string | undefined, unavailableValue: number | string | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(surgeValue, desired, true)
  let unavailable = scaledValue(unavailableValue, desired, false)
  if (surge === 0 && unavailable === 0) unavailable = 1
  return { surge, unavailable }
}

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0
  const ru = d.spec?.strategy?.rollingUpdate
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d)).surge
}

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0
  const ru = d.spec?.strategy?.rollingUpdate
  const { unavailable } = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d))
  return Math.min(unavailable, replicasOf(d))
}

// ---- revisions ---------------------------------------------------------------------------------

export function revisionOf(obj: { metadata?: { annotations?: Record<string, string> } } | undefined): number {
  const v = obj?.metadata?.annotations?.[REVISION_ANNOTATION]
  const n = v === undefined ? 0 : Number(v)
  return Number.isInteger(n) ? n : 0
}

export function maxRevision(rss: ReplicaSet[]): number {
  let max = 0
  for (const rs of rss) max = Math.max(max, revisionOf(rs))
  return max
}

/** kube: SetDeploymentRevision. Returns true when the annotation changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const ann = (d.metadata!.annotations ??= {})
  if (ann[REVISION_ANNOTATION] === revision) return false
  ann[REVISION_ANNOTATION] = revision
  return true
}

/** kube: SetReplicasAnnotations. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const ann = (rs.metadata!.annotations ??= {})
  let changed = false
  if (ann[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    ann[DESIRED_REPLICAS_ANNOTATION] = String(desired)
    changed = true
  }
  if (ann[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    ann[MAX_REPLICAS_ANNOTATION] = String(max)
    changed = true
  }
  return changed
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const ann = rs.metadata?.annotations ?? {}
  return ann[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || ann[MAX_REPLICAS_ANNOTATION] !== String(max)
}

function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const ann = (rs.metadata!.annotations ??= {})
  let changed = false
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || ann[k] === v) continue
    ann[k] = v
    changed = true
  }
  return changed
}

/**
 * kube: SetNewReplicaSetAnnotations — copies the Deployment's annotations, raises the revision
 * (keeping the old one in revision-history when an old template comes back), and on creation
 * sets desired-replicas and max-replicas.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(d, rs)
  const ann = rs.metadata!.annotations!
  const had = Object.prototype.hasOwnProperty.call(ann, REVISION_ANNOTATION)
  const oldRevision = ann[REVISION_ANNOTATION] ?? ''
  const oldInt = oldRevision === '' ? 0 : Number(oldRevision)
  if (!Number.isInteger(oldInt)) return false
  const newInt = Number(newRevision)
  if (oldInt < newInt) {
    ann[REVISION_ANNOTATION] = newRevision
    changed = true
  }
  if (had && oldInt < newInt) {
    const history = ann[REVISION_HISTORY_ANNOTATION] ?? ''
    const old = history.split(',')
    if (old[0].length === 0) ann[REVISION_HISTORY_ANNOTATION] = oldRevision
    else {
      let total = history.length + oldRevision.length + 1
      let start = 0
      while (total > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < old.length) total -= old[start++].length + 1
      if (total <= MAX_REV_HISTORY_LENGTH_IN_CHARS) ann[REVISION_HISTORY_ANNOTATION] = [...old.slice(start), oldRevision].join(',')
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true
  return changed
}

// ---- which ReplicaSet is which -------------------------------------------------------------------

function withoutHash(t: PodTemplateSpec | undefined): string {
  const copy = structuredClone(t ?? {}) as PodTemplateSpec
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[POD_TEMPLATE_HASH_LABEL]
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels
  }
  return canonicalJson(copy)
}

/** kube: EqualIgnoreHash — templates equal apart from the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return withoutHash(a) === withoutHash(b)
}

/** kube: ReplicaSetsByCreationTimestamp — oldest first, then by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = parseTime(a.metadata?.creationTimestamp) ?? 0
  const tb = parseTime(b.metadata?.creationTimestamp) ?? 0
  if (ta !== tb) return ta - tb
  return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1
}

/** kube: ReplicaSetsByRevision — lowest revision first, ties by creation. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a)
  const rb = revisionOf(b)
  return ra !== rb ? ra - rb : byCreation(a, b)
}

/** kube: ReplicaSetsBySizeNewer / BySizeOlder — larger first, ties by age. */
export const bySizeNewer = (a: ReplicaSet, b: ReplicaSet): number =>
  replicasOf(a) !== replicasOf(b) ? replicasOf(b) - replicasOf(a) : byCreation(b, a)
export const bySizeOlder = (a: ReplicaSet, b: ReplicaSet): number =>
  replicasOf(a) !== replicasOf(b) ? replicasOf(b) - replicasOf(a) : byCreation(a, b)

/** kube: FindNewReplicaSet — the oldest ReplicaSet whose template is the Deployment's. */
export function findNewReplicaSet(d: Deployment, rss: ReplicaSet[]): ReplicaSet | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template))
}

export const filterActive = (rss: ReplicaSet[]): ReplicaSet[] => rss.filter((rs) => replicasOf(rs) > 0)
export const sumReplicas = (rss: ReplicaSet[]): number => rss.reduce((n, rs) => n + replicasOf(rs), 0)
export const sumActualReplicas = (rss: ReplicaSet[]): number => rss.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0)
export const sumReadyReplicas = (rss: ReplicaSet[]): number => rss.reduce((n, rs) => n + (rs.status?.readyReplicas ?? 0), 0)
export const sumAvailableReplicas = (rss: ReplicaSet[]): number => rss.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0)

/** kube: NewRSNewReplicas — how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return replicasOf(d)
  const current = sumReplicas(all)
  const maxTotal = replicasOf(d) + maxSurge(d)
  if (current >= maxTotal) return replicasOf(newRS)
  const up = Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS))
  return replicasOf(newRS) + up
}

/** kube: IsSaturated — the new ReplicaSet has all the Deployment's replicas, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false
  const desired = Number(rs.metadata?.annotations?.[DESIRED_REPLICAS_ANNOTATION])
  if (!Number.isInteger(desired)) return false
  return replicasOf(rs) === replicasOf(d) && desired === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d)
}

/** kube: FindActiveOrLatest — the one ReplicaSet with replicas, or the newest if none has any. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined
  const olds = [...oldRSs].sort(byCreation).reverse()
  const active = filterActive(newRS ? [...olds, newRS] : olds)
  if (active.length === 0) return newRS ?? olds[0]
  if (active.length === 1) return active[0]
  return undefined
}

/** Go's math.Round: halves away from zero. */
const roundHalfAway = (x: number): number => Math.sign(x) * Math.round(Math.abs(x))

/** kube: getReplicaSetFraction — this ReplicaSet's share of a proportional scale. */
function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs)
  const deploymentReplicas = replicasOf(d) + maxSurge(d)
  const annotated = Number(rs.metadata?.annotations?.[MAX_REPLICAS_ANNOTATION])
  const base = Number.isInteger(annotated) ? annotated : (d.status?.replicas ?? 0)
  return roundHalfAway((replicasOf(rs) * deploymentReplicas) / base) - replicasOf(rs)
}

/** kube: GetProportion — replicas to add to (or remove from) one ReplicaSet in a proportional scale. */
export function getProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0
  const fraction = replicaSetFraction(rs, d)
  const allowed = toAdd - added
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed)
}
