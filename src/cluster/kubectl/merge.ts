/**
 * Client-side apply's three-way merge (kubectl apply without --server-side): the new object is the
 * live object, with every field of the new configuration set, and every field that the last applied
 * configuration had but the new one dropped removed. Fields set by others (server defaults,
 * controllers) are kept. Lists whose items have a merge key (strategic merge patch's
 * `patchMergeKey`, e.g. containers by name) merge item by item; other lists are replaced.
 */
import { MERGE_KEYS } from './strategic-merge'

type Json = unknown
type Obj = Record<string, Json>

// Ports merge by port number; a Service's ports by `port`, a container's by `containerPort`.
function mergeKeyFor(field: string, items: Json[]): string | undefined {
  if (field === 'ports') {
    const first = items.find((i) => isObj(i)) as Obj | undefined
    if (first && 'containerPort' in first) return 'containerPort'
    if (first && 'port' in first) return 'port'
    return undefined
  }
  return MERGE_KEYS[field]
}

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

export function threeWayMerge(live: Json, last: Json, config: Json, field = ''): Json {
  if (isObj(config)) {
    const out: Obj = isObj(live) ? { ...live } : {}
    const lastObj = isObj(last) ? last : {}
    for (const [k, v] of Object.entries(config)) {
      if (v === null) {
        delete out[k]
        continue
      }
      out[k] = threeWayMerge(out[k], lastObj[k], v, k)
    }
    for (const k of Object.keys(lastObj)) if (!(k in config)) delete out[k]
    return out
  }
  if (Array.isArray(config)) {
    const key = mergeKeyFor(field, [...config, ...(Array.isArray(live) ? live : [])])
    if (!key || !Array.isArray(live) || !config.every(isObj)) return structuredClone(config)
    const lastItems = Array.isArray(last) ? last.filter(isObj) : []
    const id = (o: Obj) => JSON.stringify(o[key])
    const configIds = new Set((config as Obj[]).map(id))
    const lastIds = new Set(lastItems.map(id))
    const merged: Json[] = (config as Obj[]).map((item) => {
      const liveItem = live.find((l) => isObj(l) && id(l) === id(item))
      const lastItem = lastItems.find((l) => id(l) === id(item))
      return threeWayMerge(liveItem, lastItem, item, '')
    })
    // Items others added stay; items only our last configuration had are removed.
    for (const l of live) if (isObj(l) && !configIds.has(id(l)) && !lastIds.has(id(l))) merged.push(l)
    return merged
  }
  return config
}

/** Deep equality of JSON values, ignoring key order. */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]))
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined)
    const kb = Object.keys(b).filter((k) => b[k] !== undefined)
    return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]))
  }
  return false
}
