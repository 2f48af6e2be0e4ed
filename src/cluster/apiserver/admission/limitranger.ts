/**
 * kube: the LimitRanger admission plugin (plugin/pkg/admission/limitranger). It fills a container's
 * missing requests and limits from the `default`/`defaultRequest` of the namespace's LimitRanges
 * (recording what it set in the `kubernetes.io/limit-ranger` annotation), then refuses a pod whose
 * containers break a min, max or maxLimitRequestRatio.
 */
import type { Container, LimitRange, LimitRangeItem, Pod } from 'kubernetes-types/core/v1'
import { ApiError } from '../types'
import { canonicalQuantity } from '../quantity'
import { milli } from './quantities'

/** kube: limitRangerAnnotation */
export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger'

type List = Record<string, string>

/** Mutates `pod` with the defaults and throws 403 Forbidden on a violation. */
export function admitLimitRanger(pod: Pod, limitRanges: readonly LimitRange[]): void {
  if (limitRanges.length === 0) return
  const items = limitRanges.flatMap((lr) => lr.spec?.limits ?? [])
  applyDefaults(pod, items.filter((i) => i.type === 'Container'))
  const errors = items.flatMap((item) => validateItem(item, pod))
  if (errors.length === 0) return
  // kube: utilerrors.NewAggregate prints a list of errors in brackets.
  const name = pod.metadata?.generateName ?? pod.metadata?.name ?? ''
  const reason = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`
  throw new ApiError(403, 'Forbidden', `pods "${name}" is forbidden: ${reason}`)
}

function applyDefaults(pod: Pod, items: LimitRangeItem[]): void {
  const defaultRequests: List = {}
  const defaultLimits: List = {}
  for (const item of items) {
    Object.assign(defaultRequests, item.defaultRequest ?? {})
    Object.assign(defaultLimits, item.default ?? {})
  }
  const notes: string[] = []
  const fill = (c: Container, label: string) => {
    const resources = (c.resources ??= {}) as { requests?: List; limits?: List }
    const setReq = fillList((resources.requests ??= {}), defaultRequests)
    const setLim = fillList((resources.limits ??= {}), defaultLimits)
    if (Object.keys(resources.requests).length === 0) delete resources.requests
    if (Object.keys(resources.limits).length === 0) delete resources.limits
    if (setReq.length) notes.push(`${setReq.sort().join(', ')} request for ${label} ${c.name}`)
    if (setLim.length) notes.push(`${setLim.sort().join(', ')} limit for ${label} ${c.name}`)
  }
  for (const c of pod.spec?.containers ?? []) fill(c, 'container')
  for (const c of pod.spec?.initContainers ?? []) fill(c, 'init container')
  if (notes.length) {
    const meta = (pod.metadata ??= {})
    meta.annotations = { ...(meta.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` }
  }
}

function fillList(into: List, defaults: List): string[] {
  const set: string[] = []
  for (const [k, v] of Object.entries(defaults)) {
    if (into[k] === undefined) { into[k] = canonicalQuantity(v); set.push(k) }
  }
  return set
}

/** kube: PodValidateLimitFunc — Container items check each container, Pod items the pod's sums. */
function validateItem(item: LimitRangeItem, pod: Pod): string[] {
  const containers = pod.spec?.containers ?? []
  if (item.type === 'Container') {
    return [...containers, ...(pod.spec?.initContainers ?? [])].flatMap((c) =>
      checkBounds(item, 'Container', (c.resources?.requests ?? {}) as List, (c.resources?.limits ?? {}) as List))
  }
  if (item.type === 'Pod') {
    const sum = (kind: 'requests' | 'limits') => {
      const out: Record<string, number> = {}
      for (const c of containers) for (const [k, v] of Object.entries(c.resources?.[kind] ?? {})) out[k] = (out[k] ?? 0) + milli(v)
      return out
    }
    const req = sum('requests')
    const lim = sum('limits')
    const show = (m: Record<string, number>): List =>
      Object.fromEntries(Object.entries(m).map(([k, v]) => [k, canonicalQuantity(v % 1000 === 0 ? `${v / 1000}` : `${v}m`)]))
    return checkBounds(item, 'Pod', show(req), show(lim))
  }
  return []
}

function checkBounds(item: LimitRangeItem, type: string, requests: List, limits: List): string[] {
  const out: string[] = []
  for (const [r, min] of Object.entries(item.min ?? {})) {
    const req = requests[r]
    const lim = limits[r]
    if (req === undefined) out.push(`minimum ${r} usage per ${type} is ${min}.  No request is specified`)
    else if (milli(req) < milli(min)) out.push(`minimum ${r} usage per ${type} is ${min}, but request is ${req}`)
    else if (lim !== undefined && milli(lim) < milli(min)) out.push(`minimum ${r} usage per ${type} is ${min}, but limit is ${lim}`)
  }
  for (const [r, max] of Object.entries(item.max ?? {})) {
    const req = requests[r]
    const lim = limits[r]
    if (lim === undefined) out.push(`maximum ${r} usage per ${type} is ${max}.  No limit is specified`)
    else if (milli(lim) > milli(max)) out.push(`maximum ${r} usage per ${type} is ${max}, but limit is ${lim}`)
    else if (req !== undefined && milli(req) > milli(max)) out.push(`maximum ${r} usage per ${type} is ${max}, but request is ${req}`)
  }
  for (const [r, ratio] of Object.entries(item.maxLimitRequestRatio ?? {})) {
    const req = requests[r] === undefined ? 0 : milli(requests[r])
    const lim = limits[r] === undefined ? 0 : milli(limits[r])
    if (req === 0) out.push(`${r} max limit to request ratio per ${type} is ${ratio}, but no request is specified or request is 0`)
    else if (lim === 0) out.push(`${r} max limit to request ratio per ${type} is ${ratio}, but no limit is specified or limit is 0`)
    else if (lim / req > milli(ratio) / 1000) {
      // kube: the observed ratio is printed with Go's %f (six decimals).
      out.push(`${r} max limit to request ratio per ${type} is ${ratio}, but provided ratio is ${(lim / req).toFixed(6)}`)
    }
  }
  return out
}
