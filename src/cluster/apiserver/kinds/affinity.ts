/**
 * What the API server does with a pod's scheduling constraints before the scheduler sees them:
 * decoding errors for affinity fields of the wrong shape (kube answers 400 before any validation),
 * and the merge of matchLabelKeys / mismatchLabelKeys into label selectors at create time
 * (kube v1.33+ pod strategy: MatchLabelKeysInPodAffinity, and v1.34+
 * MatchLabelKeysInPodTopologySpreadSelectorMerge, both on by default).
 */
import type { Pod, PodAffinityTerm } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import { ApiError, type KubeObject } from '../types'
import { isObject } from '../validation'

interface Expected {
  path: string[]
  /** The Go struct that holds the field, as json's UnmarshalTypeError names it. */
  struct: string
  goType: string
  want: 'object' | 'array'
}

const EXPECTED: Expected[] = [
  { path: ['nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'], struct: 'NodeAffinity', goType: 'v1.NodeSelector', want: 'object' },
  { path: ['nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution'], struct: 'NodeAffinity', goType: '[]v1.PreferredSchedulingTerm', want: 'array' },
  { path: ['podAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'], struct: 'PodAffinity', goType: '[]v1.PodAffinityTerm', want: 'array' },
  { path: ['podAffinity', 'preferredDuringSchedulingIgnoredDuringExecution'], struct: 'PodAffinity', goType: '[]v1.WeightedPodAffinityTerm', want: 'array' },
  { path: ['podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'], struct: 'PodAntiAffinity', goType: '[]v1.PodAffinityTerm', want: 'array' },
  { path: ['podAntiAffinity', 'preferredDuringSchedulingIgnoredDuringExecution'], struct: 'PodAntiAffinity', goType: '[]v1.WeightedPodAffinityTerm', want: 'array' },
]

/**
 * kube: a field of the wrong JSON type fails decoding, e.g. the old docs' pod-with-node-affinity
 * that put a list of weighted preferences under requiredDuringSchedulingIgnoredDuringExecution:
 * `Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal array into Go struct
 * field NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of
 * type v1.NodeSelector`.
 */
export function checkAffinityDecoding(obj: KubeObject): void {
  const spec = obj.spec as unknown
  if (!isObject(spec) || !isObject(spec.affinity)) return
  const affinity = spec.affinity
  for (const e of EXPECTED) {
    const parent = affinity[e.path[0]]
    if (!isObject(parent)) continue
    const v = parent[e.path[1]]
    if (v === undefined || v === null) continue
    const got = Array.isArray(v) ? 'array' : isObject(v) ? 'object' : typeof v === 'string' ? 'string' : typeof v
    if (got === e.want) continue
    throw new ApiError(400, 'BadRequest',
      `Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal ${got} into Go struct field ${e.struct}.spec.affinity.${e.path.join('.')} of type ${e.goType}`)
  }
}

/** kube: applyMatchLabelKeysAndMismatchLabelKeys and applyMatchLabelKeys (pod strategy, on create). */
export function mergeMatchLabelKeys(pod: Pod): void {
  const labels = pod.metadata?.labels ?? {}
  const spec = pod.spec
  if (!spec) return
  const affinity = spec.affinity
  const terms: PodAffinityTerm[] = []
  for (const a of [affinity?.podAffinity, affinity?.podAntiAffinity]) {
    if (!a) continue
    terms.push(...(a.requiredDuringSchedulingIgnoredDuringExecution ?? []))
    for (const w of a.preferredDuringSchedulingIgnoredDuringExecution ?? []) if (w.podAffinityTerm) terms.push(w.podAffinityTerm)
  }
  for (const t of terms) {
    // A nil selector matches nothing; kube leaves it so.
    if (!t.labelSelector) continue
    merge(t.labelSelector, labels, t.matchLabelKeys, 'In')
    merge(t.labelSelector, labels, t.mismatchLabelKeys, 'NotIn')
  }
  for (const c of spec.topologySpreadConstraints ?? []) {
    if (c.labelSelector) merge(c.labelSelector, labels, c.matchLabelKeys, 'In')
  }
}

function merge(selector: LabelSelector, labels: Record<string, string>, keys: readonly string[] | undefined, operator: 'In' | 'NotIn'): void {
  for (const key of keys ?? []) {
    if (!(key in labels)) continue
    const exprs = (selector.matchExpressions ??= [])
    exprs.push({ key, operator, values: [labels[key]] })
  }
}
