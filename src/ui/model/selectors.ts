/** Label selectors as the UI needs them (NetworkPolicy podSelector): matchLabels and matchExpressions. */
import type { LabelSelector } from 'kubernetes-types/meta/v1'

/** kube: an empty selector ({}) selects every object; a missing one (null) selects none. */
export function selectorMatches(sel: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false
  const l = labels ?? {}
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.hasOwn(l, e.key)
    const values = e.values ?? []
    if (e.operator === 'In' && !(has && values.includes(l[e.key]))) return false
    if (e.operator === 'NotIn' && has && values.includes(l[e.key])) return false
    if (e.operator === 'Exists' && !has) return false
    if (e.operator === 'DoesNotExist' && has) return false
  }
  return true
}

/** `app=nginx,tier in (web)`, or `all pods` for the empty selector (as `kubectl describe netpol` says `<none>`). */
export function describeSelector(sel: LabelSelector | undefined): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`)
  for (const e of sel?.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key)
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`)
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`)
  }
  return parts.length ? parts.join(',') : 'all pods'
}
