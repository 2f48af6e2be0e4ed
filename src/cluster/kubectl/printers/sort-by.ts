/**
 * `--sort-by=.status.startTime` (kubectl's RuntimeSort): objects ordered by the first value the
 * relaxed JSONPath finds. Numbers compare as numbers, strings that both parse as quantities
 * (`500m` < `2`) compare as quantities, other strings in natural order (`pod-2` < `pod-10`);
 * objects without the field come first. The sort is stable.
 */
import type { KubeObject } from '../../apiserver/types'
import { CommandError } from '../host'
import { findResults, JsonPathError, relaxedJsonPath } from './jsonpath'
import { isQuantity, parseQuantity as parseApiQuantity } from '../../apiserver/quantity'

export function sortObjects<T extends KubeObject>(objects: T[], field: string): T[] {
  let template: string
  try {
    template = relaxedJsonPath(field)
    findResults(template, {})
  } catch (e) {
    if (e instanceof JsonPathError) throw new CommandError(`error: ${e.message}`)
    throw e
  }
  const keyed = objects.map((o) => ({ o, v: findResults(template, o).flat()[0] }))
  if (objects.length && keyed.every((k) => k.v === undefined)) {
    // kube: SortObjects refuses a field no object has.
    throw new CommandError(`error: couldn't find any field with path "${template}" in the list of objects`)
  }
  keyed.sort((a, b) => compareValues(a.v, b.v))
  return keyed.map((k) => k.o)
}

export function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  if (typeof a === 'string' && typeof b === 'string') {
    const qa = parseQuantity(a)
    const qb = parseQuantity(b)
    if (qa !== undefined && qb !== undefined) return qa - qb
    return naturalCompare(a, b)
  }
  return naturalCompare(JSON.stringify(a), JSON.stringify(b))
}

/** resource.ParseQuantity, as a number (precision is enough for ordering); undefined when not a quantity. */
export function parseQuantity(s: string): number | undefined {
  return isQuantity(s) ? parseApiQuantity(s) : undefined
}

/** sortorder.NaturalLess: runs of digits compare by value, the rest byte by byte. */
export function naturalCompare(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const da = /\d/.test(a[i])
    const db = /\d/.test(b[j])
    if (da && db) {
      let ei = i
      let ej = j
      while (ei < a.length && /\d/.test(a[ei])) ei++
      while (ej < b.length && /\d/.test(b[ej])) ej++
      const na = a.slice(i, ei).replace(/^0+/, '')
      const nb = b.slice(j, ej).replace(/^0+/, '')
      if (na.length !== nb.length) return na.length - nb.length
      if (na !== nb) return na < nb ? -1 : 1
      if (ei - i !== ej - j) return (ei - i) - (ej - j)
      i = ei
      j = ej
    } else {
      if (a[i] !== b[j]) return a[i] < b[j] ? -1 : 1
      i++
      j++
    }
  }
  return (a.length - i) - (b.length - j)
}
