/**
 * A pod's inter-pod affinity terms, compiled once per pod (kube: framework.AffinityTerm and
 * PodInfo's RequiredAffinityTerms, RequiredAntiAffinityTerms, PreferredAffinityTerms, ...).
 *
 * A term matches a pod when the pod's namespace is one of the term's namespaces (by default the
 * namespace of the pod that has the term) or its labels match the namespaceSelector, and the pod's
 * labels match the labelSelector. A missing labelSelector or namespaceSelector matches nothing; an
 * empty one matches everything. matchLabelKeys were merged into labelSelector by the API server.
 */
import type { PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1'
import { fromLabelSelector, matches, type Selector } from '../../apiserver/labels'
import type { PodInfo } from '../podinfo'

export interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>
  readonly namespaceSelector: Selector | null
  readonly selector: Selector | null
  readonly topologyKey: string
  /** For preferred terms; 1 for required ones. */
  readonly weight: number
  /** Names the term's pod predicate (for the handle's per-node counts). */
  readonly key: string
}

export interface PodAffinityInfo {
  requiredAffinity: AffinityTerm[]
  requiredAntiAffinity: AffinityTerm[]
  preferredAffinity: AffinityTerm[]
  preferredAntiAffinity: AffinityTerm[]
}

const EMPTY: PodAffinityInfo = Object.freeze({
  requiredAffinity: [], requiredAntiAffinity: [], preferredAffinity: [], preferredAntiAffinity: [],
}) as PodAffinityInfo

const memo = new WeakMap<PodInfo, PodAffinityInfo>()

/** The pod's compiled terms; computed once per PodInfo. */
export function affinityOf(pod: PodInfo): PodAffinityInfo {
  let a = memo.get(pod)
  if (a) return a
  const spec = pod.pod.spec?.affinity
  if (!spec?.podAffinity && !spec?.podAntiAffinity) a = EMPTY
  else {
    const req = (terms: PodAffinityTerm[] | undefined) => (terms ?? []).map((t) => compile(pod, t, 1))
    const pref = (terms: WeightedPodAffinityTerm[] | undefined) =>
      (terms ?? []).map((t) => compile(pod, t.podAffinityTerm, t.weight))
    a = {
      requiredAffinity: req(spec.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
      requiredAntiAffinity: req(spec.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
      preferredAffinity: pref(spec.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
      preferredAntiAffinity: pref(spec.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    }
  }
  memo.set(pod, a)
  return a
}

export const hasPodAffinity = (a: PodAffinityInfo) =>
  a.requiredAffinity.length + a.requiredAntiAffinity.length + a.preferredAffinity.length + a.preferredAntiAffinity.length > 0

/** kube: GetNamespacesFromPodAffinityTerm and NewAffinityTerm. */
function compile(owner: PodInfo, t: PodAffinityTerm, weight: number): AffinityTerm {
  const namespaces = new Set(t.namespaces ?? [])
  if (namespaces.size === 0 && !t.namespaceSelector) namespaces.add(owner.namespace)
  const namespaceSelector = fromLabelSelector(t.namespaceSelector)
  const selector = fromLabelSelector(t.labelSelector)
  const key = JSON.stringify([[...namespaces].sort(), t.namespaceSelector ?? null, t.labelSelector ?? null])
  return { namespaces, namespaceSelector, selector, topologyKey: t.topologyKey, weight, key }
}

/** kube: AffinityTerm.Matches — `nsLabels` are the labels of the pod's namespace (for namespaceSelector). */
export function termMatches(term: AffinityTerm, pod: PodInfo, nsLabels: Readonly<Record<string, string>> | undefined): boolean {
  const inNamespace = term.namespaces.has(pod.namespace)
    || (term.namespaceSelector !== null && matches(term.namespaceSelector, nsLabels ?? {}))
  if (!inNamespace) return false
  return term.selector !== null && matches(term.selector, pod.pod.metadata?.labels)
}

/** Whether a term's match depends on namespace labels (those can change, so its counts are not kept). */
export const usesNamespaceSelector = (t: AffinityTerm) => t.namespaceSelector !== null
