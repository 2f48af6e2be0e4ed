/** Patches the API server accepts: JSON merge patch (RFC 7386) and JSON patch (RFC 6902). */
import { ApiError } from './types'

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * structuredClone for the values a patch carries: primitives as they are, plain arrays and objects
 * copied by hand (structuredClone costs a microsecond per call, and status patches are hot);
 * anything else goes to structuredClone itself.
 */
function cloneValue(v: unknown): unknown {
  if (typeof v === 'function' || typeof v === 'symbol') return structuredClone(v)
  if (typeof v !== 'object' || v === null) return v
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return structuredClone(v)
    const out = new Array<unknown>(v.length)
    for (let i = 0; i < v.length; i++) out[i] = cloneValue(v[i])
    return out
  }
  const proto = Object.getPrototypeOf(v)
  if (proto !== Object.prototype && proto !== null) return structuredClone(v)
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(v)) {
    const x = cloneValue((v as Record<string, unknown>)[k])
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true })
    else out[k] = x
  }
  return out
}

/** RFC 7386: objects merge key by key, null removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown, handOver = false): unknown {
  // handOver: the caller gives the patch away, so its values may be kept rather than copied.
  if (!isPlain(patch)) return handOver ? patch : cloneValue(patch)
  const out: Record<string, unknown> = isPlain(target) ? { ...target } : {}
  for (const k of Object.keys(patch)) {
    const v = patch[k]
    if (v === null) delete out[k]
    else out[k] = mergePatch(out[k], v, handOver)
  }
  return out
}

interface Op {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test'
  path: string
  value?: unknown
  from?: string
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~')

/** RFC 6902, applied to a copy. */
export function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new ApiError(400, 'BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch')
  let root = structuredClone(doc)
  const walk = (path: string): [Record<string, unknown> | unknown[], string] => {
    const parts = path.split('/').slice(1).map(unescape)
    let cur: unknown = root
    for (const p of parts.slice(0, -1)) {
      cur = Array.isArray(cur) ? cur[Number(p)] : (cur as Record<string, unknown>)?.[p]
      if (cur === undefined || cur === null) throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: doc is missing path: "${path}"`)
    }
    return [cur as Record<string, unknown> | unknown[], parts[parts.length - 1]]
  }
  const get = (path: string): unknown => {
    if (path === '') return root
    const [parent, key] = walk(path)
    return Array.isArray(parent) ? parent[Number(key)] : parent[key]
  }
  const put = (path: string, value: unknown, replace: boolean) => {
    if (path === '') return void (root = value)
    const [parent, key] = walk(path)
    if (Array.isArray(parent)) {
      const i = key === '-' ? parent.length : Number(key)
      if (replace) parent[i] = value
      else parent.splice(i, 0, value)
    } else parent[key] = value
  }
  const del = (path: string) => {
    const [parent, key] = walk(path)
    if (Array.isArray(parent)) parent.splice(Number(key), 1)
    else {
      if (!(key in parent)) throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: remove operation does not apply: doc is missing path: "${path}"`)
      delete parent[key]
    }
  }
  for (const op of ops as Op[]) {
    switch (op.op) {
      case 'add': put(op.path, structuredClone(op.value), false); break
      case 'replace': put(op.path, structuredClone(op.value), true); break
      case 'remove': del(op.path); break
      case 'copy': put(op.path, structuredClone(get(op.from!)), false); break
      case 'move': { const v = get(op.from!); del(op.from!); put(op.path, v, false); break }
      case 'test':
        if (JSON.stringify(get(op.path)) !== JSON.stringify(op.value)) {
          throw new ApiError(422, 'Invalid', `the server rejected our request due to an error in our request: testing value ${op.path} failed`)
        }
        break
      default: throw new ApiError(400, 'BadRequest', `Unexpected kind: ${(op as Op).op}`)
    }
  }
  return root
}

/**
 * Strategic merge for the lists that matter most in pod specs: lists of named items (containers,
 * ports, env, volumes) merge by their key; other lists replace, as with merge patch.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlain(patch)) return cloneValue(patch)
  const out: Record<string, unknown> = isPlain(target) ? { ...target } : {}
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else if (Array.isArray(v) && Array.isArray(out[k]) && MERGE_KEYS[k]) out[k] = mergeList(out[k] as unknown[], v, MERGE_KEYS[k])
    else out[k] = strategicMergePatch(out[k], v)
  }
  return out
}

/** kube: patchMergeKey of the lists in core/v1 that kubectl patches most. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name', initContainers: 'name', env: 'name', volumes: 'name', volumeMounts: 'mountPath',
  ports: 'containerPort', imagePullSecrets: 'name', conditions: 'type',
}

function mergeList(target: unknown[], patch: unknown[], key: string): unknown[] {
  const out = [...target]
  for (const item of patch) {
    if (!isPlain(item)) return cloneValue(patch) as unknown[]
    const i = out.findIndex((t) => isPlain(t) && t[key] === item[key])
    if (i >= 0) out[i] = strategicMergePatch(out[i], item)
    else out.push(cloneValue(item))
  }
  return out
}
