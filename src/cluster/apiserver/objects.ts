/** Small helpers on API objects: deep freeze, deep equality, stable identity. */
import type { KubeObject } from './types'

export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v)
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) deepFreeze(v[i])
    else for (const k in v) deepFreeze((v as Record<string, unknown>)[k])
  }
  return v
}

/** Structural equality of JSON-like values; a key whose value is undefined counts as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  const arr = Array.isArray(a)
  if (arr !== Array.isArray(b)) return false
  if (arr) {
    const aa = a as unknown[]
    const bb = b as unknown[]
    if (aa.length !== bb.length) return false
    for (let i = 0; i < aa.length; i++) if (!deepEqual(aa[i], bb[i])) return false
    return true
  }
  const ao = a as Record<string, unknown>
  const bo = b as Record<string, unknown>
  let an = 0
  for (const k in ao) {
    const x = ao[k]
    if (x === undefined) continue
    an++
    if (!deepEqual(x, bo[k])) return false
  }
  let bn = 0
  for (const k in bo) if (bo[k] !== undefined) bn++
  return an === bn
}

/**
 * A plain (unfrozen, unaliased) copy that JSON can carry: exactly what a JSON round trip gives
 * (undefined and functions dropped, or null inside arrays; toJSON honoured; -0 and non-finite
 * numbers as JSON writes them), without building the text.
 */
export function plainCopy<T>(v: T): T {
  return v === undefined ? v : (jsonCopy(v, '') as T)
}

function jsonCopy(v: unknown, key: string): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON(k: string): unknown }).toJSON(key)
  }
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt')
    case 'object': {
      if (v === null) return null
      if (v instanceof Number || v instanceof String || v instanceof Boolean) return JSON.parse(JSON.stringify(v))
      if (Array.isArray(v)) {
        const out = new Array<unknown>(v.length)
        for (let i = 0; i < v.length; i++) {
          const x = jsonCopy(v[i], String(i))
          out[i] = x === undefined ? null : x
        }
        return out
      }
      const out: Record<string, unknown> = {}
      const o = v as Record<string, unknown>
      const plain = Object.getPrototypeOf(o) === Object.prototype
      // for-in on a plain object visits exactly Object.keys, in the same order, without the array.
      for (const k in o) {
        if (!plain && !Object.prototype.hasOwnProperty.call(o, k)) continue
        const x = jsonCopy(o[k], k)
        if (x === undefined) continue
        if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true })
        else out[k] = x
      }
      return out
    }
    default:
      return undefined
  }
}

export const nameOf = (o: KubeObject): string => o.metadata?.name ?? ''
export const namespaceOf = (o: KubeObject): string | undefined => o.metadata?.namespace
