/**
 * Label selectors (k8s.io/apimachinery/pkg/labels): parsing kubectl's string form and matching
 * metav1.LabelSelector objects.
 */
import type { ListOptions } from './types'

export type Labels = Record<string, string> | undefined

type SelectorLike = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }

export interface Requirement {
  key: string
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | '=' | '!='
  values: string[]
}

export type Selector = Requirement[]

export function matches(selector: Selector, labels: Labels): boolean {
  const l = labels ?? {}
  for (const r of selector) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key)
    const v = l[r.key]
    switch (r.operator) {
      case '=':
      case 'In':
        if (!has || !r.values.includes(v)) return false
        break
      case '!=':
      case 'NotIn':
        if (has && r.values.includes(v)) return false
        break
      case 'Exists':
        if (!has) return false
        break
      case 'DoesNotExist':
        if (has) return false
        break
      case 'Gt':
      case 'Lt': {
        if (!has) return false
        const n = Number(v)
        const bound = Number(r.values[0])
        if (!Number.isInteger(n) || !Number.isInteger(bound)) return false
        if (r.operator === 'Gt' ? !(n > bound) : !(n < bound)) return false
        break
      }
    }
  }
  return true
}

/** metav1.LabelSelectorAsSelector. An empty selector matches everything; `null` matches nothing. */
export function fromLabelSelector(sel: SelectorLike | null | undefined): Selector | null {
  if (!sel) return null
  const reqs: Selector = []
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, operator: '=', values: [value] })
  for (const e of sel.matchExpressions ?? []) reqs.push({ key: e.key, operator: e.operator as Requirement['operator'], values: e.values ?? [] })
  return reqs
}

export function selectorFromSet(set: Record<string, string> | undefined): Selector {
  return Object.entries(set ?? {}).map(([key, value]) => ({ key, operator: '=' as const, values: [value] }))
}

/** Parses kubectl's form: `a=b,c!=d,e in (f,g),h notin (i),j,!k`. Throws with a kubectl-like message. */
export function parseSelector(text: string): Selector {
  const reqs: Selector = []
  const s = text.trim()
  if (!s) return reqs
  let i = 0
  const skipWs = () => { while (i < s.length && s[i] === ' ') i++ }
  const word = () => {
    skipWs()
    const start = i
    while (i < s.length && !' ,=!()'.includes(s[i])) i++
    return s.slice(start, i)
  }
  while (i < s.length) {
    skipWs()
    if (s[i] === '!') {
      i++
      const key = word()
      if (!key) throw new Error(`unable to parse requirement: found '!', expected: identifier`)
      reqs.push({ key, operator: 'DoesNotExist', values: [] })
    } else {
      const key = word()
      if (!key) throw new Error(`unable to parse requirement: found '${s[i] ?? ''}', expected: identifier`)
      skipWs()
      if (s.startsWith('!=', i)) {
        i += 2
        reqs.push({ key, operator: '!=', values: [word()] })
      } else if (s.startsWith('==', i)) {
        i += 2
        reqs.push({ key, operator: '=', values: [word()] })
      } else if (s[i] === '=') {
        i++
        reqs.push({ key, operator: '=', values: [word()] })
      } else if (/^(in|notin)\s*\(/i.test(s.slice(i))) {
        const op = s.slice(i, i + 5).toLowerCase().startsWith('notin') ? 'NotIn' : 'In'
        i = s.indexOf('(', i) + 1
        const close = s.indexOf(')', i)
        if (close < 0) throw new Error(`unable to parse requirement: expected ')'`)
        const values = s.slice(i, close).split(',').map((v) => v.trim()).filter(Boolean)
        i = close + 1
        reqs.push({ key, operator: op, values })
      } else {
        reqs.push({ key, operator: 'Exists', values: [] })
      }
    }
    skipWs()
    if (i < s.length) {
      if (s[i] !== ',') throw new Error(`unable to parse requirement: found '${s[i]}', expected: ','`)
      i++
    }
  }
  return reqs
}

export function toSelector(sel: ListOptions['labelSelector']): Selector | null {
  if (sel === undefined) return []
  return typeof sel === 'string' ? parseSelector(sel) : fromLabelSelector(sel)
}

/** kube: metav1.FormatLabelSelector — `app=nginx,tier in (a,b)`, `<none>` when empty. */
export function formatLabelSelector(sel: SelectorLike | undefined): string {
  if (!sel) return '<none>'
  const parts: string[] = []
  for (const k of Object.keys(sel.matchLabels ?? {}).sort()) parts.push(`${k}=${sel.matchLabels![k]}`)
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator.toLowerCase()
    if (e.operator === 'Exists') parts.push(e.key)
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`)
    else parts.push(`${e.key} ${op} (${(e.values ?? []).join(',')})`)
  }
  return parts.length ? parts.join(',') : '<none>'
}

// Stored objects are frozen, so a selector object never changes: its parsed form can be kept.
const selectors = new WeakMap<object, Selector | null>()
const EMPTY: Selector = []

/** fromLabelSelector, the same Selector for the same (immutable) LabelSelector object. Do not mutate it. */
export function memoSelector(sel: SelectorLike | undefined): Selector | null {
  if (!sel) return null
  let s = selectors.get(sel)
  if (s === undefined) selectors.set(sel, (s = fromLabelSelector(sel)))
  return s
}

/** selectorFromSet, the same Selector for the same (immutable) label set. Do not mutate it. */
export function memoSetSelector(set: Record<string, string> | undefined): Selector {
  if (!set) return EMPTY
  let s = selectors.get(set)
  if (!s) selectors.set(set, (s = selectorFromSet(set)))
  return s
}
