/**
 * The status conditions the namespace controller reports while it empties a namespace (kube:
 * pkg/controller/namespace/deletion/status_condition_utils.go): every deletion condition is
 * present, False with an all-clear reason until something is wrong.
 */
import type { NamespaceCondition } from 'kubernetes-types/core/v1'

interface ConditionSpec {
  type: string
  okReason: string
  okMessage: string
  badReason: string
}

// kube: the five deletion condition types, in the order the controller writes them.
const SPECS: ConditionSpec[] = [
  { type: 'NamespaceDeletionDiscoveryFailure', okReason: 'ResourcesDiscovered', okMessage: 'All resources successfully discovered', badReason: 'DiscoveryFailed' },
  { type: 'NamespaceDeletionGroupVersionParsingFailure', okReason: 'ParsedGroupVersions', okMessage: 'All legacy kube types successfully parsed', badReason: 'GroupVersionParsingFailed' },
  { type: 'NamespaceDeletionContentFailure', okReason: 'ContentDeleted', okMessage: 'All content successfully deleted, may be waiting on finalization', badReason: 'ContentDeletionFailed' },
  { type: 'NamespaceContentRemaining', okReason: 'ContentRemoved', okMessage: 'All content successfully removed', badReason: 'SomeResourcesRemain' },
  { type: 'NamespaceFinalizersRemaining', okReason: 'ContentHasNoFinalizers', okMessage: 'All content-preserving finalizers finished', badReason: 'SomeFinalizersRemain' },
]

export interface ContentTotals {
  /** Remaining instances per group-resource, e.g. `pods.` (core group) or `deployments.apps`. */
  remaining: Map<string, number>
  /** Remaining instances per finalizer that holds them. */
  finalizers: Map<string, number>
  /** Deletion errors (kube: NamespaceDeletionContentFailure). */
  errors: string[]
}

/** The problems of one pass, by condition type (absent: all clear). */
export function problems(totals: ContentTotals): Map<string, string> {
  const out = new Map<string, string>()
  const list = (m: Map<string, number>, unit: string) =>
    [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, n]) => `${k} ${unit} ${n} resource instances`).join(', ')
  if (totals.errors.length) out.set('NamespaceDeletionContentFailure', `Failed to delete all resource types, ${totals.errors.length} remaining: ${totals.errors.join(', ')}`)
  // kube: "Some resources are remaining: pods. has 2 resource instances".
  if (totals.remaining.size) out.set('NamespaceContentRemaining', `Some resources are remaining: ${list(totals.remaining, 'has')}`)
  if (totals.finalizers.size) out.set('NamespaceFinalizersRemaining', `Some content in the namespace has finalizers remaining: ${list(totals.finalizers, 'in')}`)
  return out
}

/**
 * The conditions after one pass: a condition keeps its lastTransitionTime while its status stays the
 * same (kube: updateConditions only moves the time on a status change).
 */
export function nextConditions(current: readonly NamespaceCondition[] | undefined, found: Map<string, string>, now: string): NamespaceCondition[] {
  const out: NamespaceCondition[] = SPECS.map((s) => {
    const message = found.get(s.type)
    const status = message === undefined ? 'False' : 'True'
    const prev = current?.find((c) => c.type === s.type)
    return {
      type: s.type,
      status,
      lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now,
      reason: message === undefined ? s.okReason : s.badReason,
      message: message ?? s.okMessage,
    }
  })
  const own = new Set(SPECS.map((s) => s.type))
  return [...(current ?? []).filter((c) => !own.has(c.type)), ...out]
}
