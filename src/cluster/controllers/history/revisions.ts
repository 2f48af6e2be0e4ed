/**
 * Creating, finding and pruning ControllerRevisions (kube: pkg/controller/history/controller_history.go).
 * A revision's data is the patch that restores the owner's pod template:
 * `{"spec":{"template":{…,"$patch":"replace"}}}`.
 */
import type { ControllerRevision } from 'kubernetes-types/apps/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import type { Api, KubeObject, RequestContext } from '../../apiserver/types'
import { isAlreadyExists, isNotFound } from '../../apiserver/types'
import { canonicalJson, safeEncodeString } from '../util/hash'

/** kube: history.ControllerRevisionHashLabel, on every StatefulSet revision. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash'
/** kube: apps.ControllerRevisionHashLabelKey, on every pod of a StatefulSet or DaemonSet. */
export const POD_REVISION_HASH_LABEL = 'controller-revision-hash'

const encoder = new TextEncoder()

/** FNV-1 (not 1a), 32-bit: kube's HashControllerRevision uses hash/fnv.New32. */
function fnv32(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0
  for (let i = 0; i < bytes.length; i++) {
    h = Math.imul(h, 0x01000193) >>> 0
    h ^= bytes[i]
  }
  return h >>> 0
}

/** kube: HashControllerRevision — the data, then the collision count in decimal, safe-encoded. */
export function hashRevisionData(data: unknown, collisionCount?: number): string {
  let h = fnv32(encoder.encode(canonicalJson(data)))
  if (collisionCount !== undefined) h = fnv32(encoder.encode(String(collisionCount)), h)
  return safeEncodeString(String(h))
}

/** kube: ControllerRevisionName — `<prefix>-<hash>`, the prefix cut to 223 characters. */
export function revisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`
}

/** The patch a StatefulSet or DaemonSet revision stores (kube: getPatch). */
export function templatePatch(template: PodTemplateSpec | undefined): unknown {
  return { spec: { template: { ...(template ?? {}), $patch: 'replace' } } }
}

/** The template a revision restores. */
export function templateOf(revision: ControllerRevision | undefined): PodTemplateSpec | undefined {
  const data = revision?.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined
  const t = data?.spec?.template
  if (!t) return undefined
  const { $patch: _p, ...rest } = t
  return rest
}

/** kube: history.EqualRevision — same data (the hash label is only a shortcut there). */
export function equalRevision(a: ControllerRevision | undefined, b: ControllerRevision | undefined): boolean {
  if (!a || !b) return a === b
  return canonicalJson(a.data) === canonicalJson(b.data)
}

/** kube: SortControllerRevisions — by revision, then creation time, then name. */
export function sortRevisions(revs: ControllerRevision[]): ControllerRevision[] {
  return [...revs].sort((a, b) => a.revision - b.revision
    || (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? '')
    || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))
}

/** kube: nextRevision — one past the highest. */
export function nextRevisionNumber(revs: ControllerRevision[]): number {
  let max = 0
  for (const r of revs) if (r.revision > max) max = r.revision
  return max + 1
}

export interface NewRevision {
  owner: KubeObject
  ownerRef: OwnerReference
  /** Labels the revision carries besides its hash label (the template's). */
  labels: Record<string, string> | undefined
  hashLabel: string
  hash: string
  data: unknown
  revision: number
}

export function newRevision(o: NewRevision): ControllerRevision {
  const meta = o.owner.metadata ?? {}
  const annotations = meta.annotations ? { ...meta.annotations } : undefined
  if (annotations) delete annotations['kubectl.kubernetes.io/last-applied-configuration']
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(meta.name ?? '', o.hash),
      namespace: meta.namespace,
      labels: { ...(o.labels ?? {}), [o.hashLabel]: o.hash },
      ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [{ ...o.ownerRef }],
    },
    data: o.data as ControllerRevision['data'],
    revision: o.revision,
  }
}

/**
 * kube: realHistory.CreateControllerRevision — creates the revision; when the name is taken by a
 * different revision, bumps the collision count and tries the next hash. `rehash` gives the
 * revision for a collision count. Returns the revision and the collision count used.
 */
export function createRevision(
  api: Api, ctx: RequestContext, rehash: (collisionCount: number) => ControllerRevision, collisionCount: number,
): { revision: ControllerRevision; collisionCount: number } {
  for (let count = collisionCount; ; count++) {
    const rev = rehash(count)
    try {
      return { revision: api.create(rev, ctx), collisionCount: count }
    } catch (e) {
      if (!isAlreadyExists(e)) throw e
      const existing = api.get<ControllerRevision>('ControllerRevision', rev.metadata?.namespace, rev.metadata?.name ?? '')
      const sameOwner = existing.metadata?.ownerReferences?.some((r) => r.uid === rev.metadata?.ownerReferences?.[0]?.uid)
      if (sameOwner && equalRevision(existing, rev)) return { revision: existing, collisionCount: count }
    }
  }
}

/** kube: UpdateControllerRevision — a roll-back renumbers the old revision as the newest. */
export function renumberRevision(api: Api, ctx: RequestContext, rev: ControllerRevision, revision: number): ControllerRevision {
  if (rev.revision === revision) return rev
  return api.patch('ControllerRevision', rev.metadata?.namespace, rev.metadata?.name ?? '', { revision }, ctx)
}

/**
 * kube: truncateHistory — keeps `limit` old revisions besides the live ones (current, update and
 * any still used by a pod), deleting the oldest first.
 */
export function truncateHistory(
  api: Api, ctx: RequestContext, revisions: ControllerRevision[], live: Set<string>, limit: number,
): void {
  const old = sortRevisions(revisions).filter((r) => !live.has(r.metadata?.name ?? ''))
  const excess = old.length - limit
  for (let i = 0; i < excess; i++) {
    try {
      api.delete('ControllerRevision', old[i].metadata?.namespace, old[i].metadata?.name ?? '', ctx)
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }
}
