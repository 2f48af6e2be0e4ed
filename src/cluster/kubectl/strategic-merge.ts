/**
 * Strategic merge patch (kube: apimachinery/pkg/util/strategicpatch) for the built-in kinds: maps
 * merge key by key and `null` removes; a list whose Go field carries `patchStrategy:"merge"` merges
 * item by item on its `patchMergeKey` (containers by name, a container's ports by containerPort, a
 * Service's ports by port...), every other list is replaced whole. Directives: `$patch: delete`
 * (drop a keyed item or a map), `$patch: replace` (a list or map replaced by the patch's own),
 * `$retainKeys`, `$deleteFromPrimitiveList/<field>`. `$setElementOrder/<field>` is accepted and
 * ignored: merged lists are ordered as the server orders them without it.
 */
import { ApiError } from '../apiserver/types'

type Json = unknown
type Obj = Record<string, Json>

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** How a list field merges: by a key (lists of objects), as a set (lists of strings), or not at all. */
type ListStrategy = { key: string } | 'set' | undefined

// kube: the patchMergeKey tags of core/v1, apps/v1, batch/v1 and meta/v1 (types.go); apply's
// three-way merge (merge.ts) merges lists by the same keys.
export const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  schedulingGates: 'name',
  resourceClaims: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
}

// kube: ObjectMeta.finalizers and NodeSpec.podCIDRs are `patchStrategy:"merge"` lists of strings.
const SETS = new Set(['finalizers', 'podCIDRs'])

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers'])

function strategyOf(kind: string, path: string[]): ListStrategy {
  const field = path[path.length - 1]
  if (field === 'ports') {
    // (Item paths carry no index: a container's ports are at [..., containers, ports].)
    // A container's ports merge by containerPort; a Service's by port; other ports lists are atomic.
    if (CONTAINER_LISTS.has(path[path.length - 2] ?? '')) return { key: 'containerPort' }
    if (kind === 'Service' && path.length === 2 && path[0] === 'spec') return { key: 'port' }
    return undefined
  }
  if (field === 'addresses') return kind === 'Node' && path[0] === 'status' ? { key: 'type' } : undefined
  if (SETS.has(field)) return 'set'
  return MERGE_KEYS[field] ? { key: MERGE_KEYS[field] } : undefined
}

const bad = (message: string) => new ApiError(400, 'BadRequest', message)

/** Applies `patch` to `original` (neither is changed) as the API server does for `kind`. */
export function strategicMerge(kind: string, original: Json, patch: Json): Json {
  if (!isObj(patch)) throw bad('json: cannot unmarshal into Go value of type map[string]interface {}')
  return mergeMap(kind, isObj(original) ? original : {}, patch, [])
}

function mergeMap(kind: string, original: Obj, patch: Obj, path: string[]): Json {
  const directive = patch.$patch
  if (directive === 'replace') {
    const { $patch: _p, ...rest } = patch
    return structuredClone(rest)
  }
  if (directive === 'delete') return undefined
  if (directive !== undefined) throw bad(`Unknown patch type: ${String(directive)} in map: ${JSON.stringify(patch)}`)
  const out: Obj = { ...original }
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length)
      const drop = new Set((Array.isArray(v) ? v : []).map((x) => JSON.stringify(x)))
      if (Array.isArray(out[field])) out[field] = (out[field] as Json[]).filter((x) => !drop.has(JSON.stringify(x)))
      continue
    }
    if (v === null) {
      delete out[k]
      continue
    }
    const childPath = [...path, k]
    let merged: Json
    if (Array.isArray(v)) merged = mergeList(kind, out[k], v, childPath)
    else if (isObj(v)) merged = mergeMap(kind, isObj(out[k]) ? (out[k] as Obj) : {}, v, childPath)
    else merged = v
    if (merged === undefined) delete out[k]
    else out[k] = merged
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[])
    for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k]
  }
  return out
}

function mergeList(kind: string, original: Json, patch: Json[], path: string[]): Json {
  const strategy = strategyOf(kind, path)
  const live = Array.isArray(original) ? original : []
  if (strategy === 'set') {
    const seen = new Set(live.map((x) => JSON.stringify(x)))
    const added = patch.filter((x) => !seen.has(JSON.stringify(x)))
    return [...added, ...live]
  }
  if (!strategy) return patch.filter((x) => !(isObj(x) && x.$patch)).map(clean)
  const key = strategy.key
  if (patch.some((x) => isObj(x) && x.$patch === 'replace')) {
    return patch.filter((x) => !(isObj(x) && x.$patch === 'replace')).map(clean)
  }
  const id = (x: Json) => (isObj(x) ? JSON.stringify(x[key]) : JSON.stringify(x))
  const deleted = new Set<string>()
  const merged: Json[] = []
  for (const item of patch) {
    if (!isObj(item)) {
      merged.push(item)
      continue
    }
    if (!(key in item)) throw bad(`map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`)
    if (item.$patch === 'delete') {
      deleted.add(id(item))
      continue
    }
    const existing = live.find((l) => id(l) === id(item))
    merged.push(mergeMap(kind, isObj(existing) ? existing : {}, item, path))
  }
  const patchIds = new Set(merged.map(id))
  const serverOnly = live.filter((l) => !patchIds.has(id(l)) && !deleted.has(id(l)))
  // kube: mergeSortedSlice — a server-only item goes before a patched one only when both were in
  // the original list in that order; new items from the patch come first.
  const order = live.map(id)
  const result: Json[] = []
  let i = 0
  let j = 0
  while (i < serverOnly.length || j < merged.length) {
    if (j >= merged.length) result.push(serverOnly[i++])
    else if (i >= serverOnly.length) result.push(merged[j++])
    else {
      const li = order.indexOf(id(serverOnly[i]))
      const ri = order.indexOf(id(merged[j]))
      if (li >= 0 && ri >= 0 && li < ri) result.push(serverOnly[i++])
      else result.push(merged[j++])
    }
  }
  return result
}

function clean(x: Json): Json {
  if (Array.isArray(x)) return x.map(clean)
  if (!isObj(x)) return x
  const out: Obj = {}
  for (const [k, v] of Object.entries(x)) if (!k.startsWith('$')) out[k] = clean(v)
  return out
}
