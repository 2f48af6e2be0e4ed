/**
 * kube: the ResourceQuota admission plugin and the pod evaluator (apiserver/pkg/admission/plugin/
 * resourcequota, pkg/quota/v1/evaluator/core/pods.go). A pod is refused when, added to what its
 * namespace already uses, it would pass a quota's `hard` limit, or when a quota limits cpu or memory
 * and one of its containers does not state that request or limit.
 */
import type { Container, Pod, ResourceQuota } from 'kubernetes-types/core/v1'
import { ApiError } from '../types'
import { formatMilli, isBinary, milli } from './quantities'

/** A resource's value in milli-units, and whether it was given in binary SI (so sums print `Mi`). */
export type Usage = Map<string, { value: number; binary: boolean }>

// kube: the pod evaluator's validationSet — quotas on these force every container to state them.
const MUST_SPECIFY = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']

const TERMINAL = new Set(['Succeeded', 'Failed'])

/** kube: QuotaV1Pod — a pod in a terminal phase no longer counts. */
export function podCountsAgainstQuota(pod: Pod): boolean {
  return !TERMINAL.has(pod.status?.phase ?? '')
}

function add(u: Usage, key: string, q: string | number | undefined): void {
  if (q === undefined) return
  const prev = u.get(key)
  u.set(key, { value: (prev?.value ?? 0) + milli(q), binary: prev?.binary ?? isBinary(q) })
}

/** kube: podComputeUsageHelper for one container (cpu/memory count as their requests). */
function containerUsage(c: Container): Usage {
  const u: Usage = new Map()
  for (const [k, v] of Object.entries(c.resources?.requests ?? {})) {
    add(u, `requests.${k}`, v)
    if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage') add(u, k, v)
  }
  for (const [k, v] of Object.entries(c.resources?.limits ?? {})) add(u, `limits.${k}`, v)
  return u
}

/**
 * kube: PodUsageFunc — the pod's object counts plus its compute resources: the sum over containers,
 * or the largest init container when that is bigger (init containers run one at a time).
 */
export function podUsage(pod: Pod): Usage {
  const u: Usage = new Map()
  add(u, 'pods', 1)
  add(u, 'count/pods', 1)
  for (const c of pod.spec?.containers ?? []) for (const [k, v] of containerUsage(c)) {
    const prev = u.get(k)
    u.set(k, { value: (prev?.value ?? 0) + v.value, binary: prev?.binary ?? v.binary })
  }
  for (const c of pod.spec?.initContainers ?? []) for (const [k, v] of containerUsage(c)) {
    const prev = u.get(k)
    if (!prev || prev.value < v.value) u.set(k, v)
  }
  return u
}

/** The summed usage of pods (what the quota controller writes to status.used). */
export function sumUsage(pods: readonly Pod[]): Usage {
  const u: Usage = new Map()
  for (const p of pods) {
    if (!podCountsAgainstQuota(p)) continue
    for (const [k, v] of podUsage(p)) {
      const prev = u.get(k)
      u.set(k, { value: (prev?.value ?? 0) + v.value, binary: prev?.binary ?? v.binary })
    }
  }
  return u
}

/** status.used for a quota: the hard resources only, printed like the hard values they sit beside. */
export function usedFor(quota: ResourceQuota, usage: Usage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, hard] of Object.entries(quota.spec?.hard ?? {})) {
    const u = usage.get(k)
    out[k] = formatMilli(u?.value ?? 0, u?.binary ?? isBinary(hard))
  }
  return out
}

/**
 * Throws 403 Forbidden when the pod cannot be admitted under the namespace's quotas. `used` is the
 * namespace's current usage (the server computes it from the stored pods, so two pods created at
 * the same instant cannot both take the last place).
 */
export function admitResourceQuota(pod: Pod, quotas: readonly ResourceQuota[], used: Usage): void {
  if (quotas.length === 0) return
  const name = pod.metadata?.generateName ?? pod.metadata?.name ?? ''
  for (const quota of byName(quotas)) {
    const missing = missingResources(pod, MUST_SPECIFY.filter((r) => r in (quota.spec?.hard ?? {})))
    if (missing) throw forbidden('pods', name, `failed quota: ${quota.metadata?.name}: must specify ${missing}`)
  }
  enforceQuotas('pods', name, podUsage(pod), quotas, used)
}

const byName = (quotas: readonly ResourceQuota[]) => [...quotas].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))
const forbidden = (resource: string, name: string, reason: string) => new ApiError(403, 'Forbidden', `${resource} "${name}" is forbidden: ${reason}`)

/**
 * kube: the quota evaluator's check — the first quota (by name) whose hard limit `requested` added
 * to `used` would pass refuses the create: `exceeded quota: NAME, requested: …, used: …, limited: …`.
 */
export function enforceQuotas(resource: string, name: string, requested: Usage, quotas: readonly ResourceQuota[], used: Usage): void {
  for (const quota of byName(quotas)) {
    const hard = quota.spec?.hard ?? {}
    const failed = Object.keys(hard).sort().filter((k) => {
      const r = requested.get(k)
      return r !== undefined && r.value > 0 && (used.get(k)?.value ?? 0) + r.value > milli(hard[k])
    })
    if (failed.length === 0) continue
    const print = (f: (k: string) => string) => failed.map((k) => `${k}=${f(k)}`).join(',')
    const show = (k: string, u: Usage) => formatMilli(u.get(k)?.value ?? 0, u.get(k)?.binary ?? isBinary(hard[k]))
    throw forbidden(resource, name, `exceeded quota: ${quota.metadata?.name}, requested: ${print((k) => show(k, requested))}, used: ${print((k) => show(k, used))}, limited: ${print((k) => String(hard[k]))}`)
  }
}

/** kube: enforcePodContainerConstraints — `limits.cpu for: a,b; requests.memory for: a`. */
function missingResources(pod: Pod, required: string[]): string | undefined {
  if (required.length === 0) return undefined
  const missing = new Map<string, string[]>()
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const has = containerUsage(c)
    for (const r of required) if (!has.has(r)) missing.set(r, [...(missing.get(r) ?? []), c.name])
  }
  if (missing.size === 0) return undefined
  return [...missing.keys()].sort().map((r) => `${r} for: ${[...new Set(missing.get(r))].sort().join(',')}`).join('; ')
}
