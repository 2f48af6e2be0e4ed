/**
 * LimitRange and ResourceQuota (v1): a namespace's per-container bounds and defaults, and its total
 * budget (kube: pkg/apis/core/validation ValidateLimitRange, ValidateResourceQuota;
 * pkg/apis/core/v1 SetDefaults_LimitRangeItem). The admission plugins that apply them to pods live in
 * ../admission; the quota controller keeps status.
 */
import type { LimitRange, LimitRangeItem, Pod, ResourceQuota } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../types'
import { canonicalQuantity, isQuantity } from '../quantity'
import { type Causes, forbidden, invalid, isObject, required, typeError, unsupported } from '../validation'
import { info, type KindDef, type ServerContext } from './kind'
import { milli } from '../admission/quantities'
import { admitLimitRanger } from '../admission/limitranger'
import { admitResourceQuota, sumUsage } from '../admission/resourcequota'

const LIMIT_TYPES = ['Container', 'Pod', 'PersistentVolumeClaim']
const ITEM_LISTS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const

type List = Record<string, string>

export const limitRangeKind: KindDef = {
  info: info({ kind: 'LimitRange', apiVersion: 'v1', resource: 'limitranges', shortNames: ['limits'], hasStatus: false }),
  nameRule: 'subdomain',
  checkTypes: (obj) => {
    const out: Causes = []
    const spec = (obj as { spec?: unknown }).spec
    if (spec === undefined) return out
    if (!isObject(spec)) return [typeError('spec', spec, 'object')]
    const limits = spec.limits
    if (limits === undefined || limits === null) return out
    if (!Array.isArray(limits)) return [typeError('spec.limits', limits, 'array')]
    limits.forEach((item: unknown, i) => {
      if (!isObject(item)) { out.push(typeError(`spec.limits[${i}]`, item, 'object')); return }
      for (const f of ITEM_LISTS) quantityMap(item[f], `spec.limits[${i}].${f}`, out)
    })
    return out
  },
  applyDefaults: (obj) => {
    for (const item of (obj as LimitRange).spec?.limits ?? []) defaultLimitRangeItem(item)
  },
  validate: (obj) => validateLimitRange(obj as LimitRange),
}

export const resourceQuotaKind: KindDef = {
  info: info({ kind: 'ResourceQuota', apiVersion: 'v1', resource: 'resourcequotas', shortNames: ['quota'] }),
  nameRule: 'subdomain',
  checkTypes: (obj) => {
    const out: Causes = []
    const spec = (obj as { spec?: unknown }).spec
    if (spec === undefined) return out
    if (!isObject(spec)) return [typeError('spec', spec, 'object')]
    quantityMap(spec.hard, 'spec.hard', out)
    return out
  },
  applyDefaults: (obj) => {
    const spec = (obj as ResourceQuota).spec
    if (spec?.hard) spec.hard = canonicalList(spec.hard as List)
  },
  validate: (obj) => {
    const out: Causes = []
    for (const [k, v] of Object.entries((obj as ResourceQuota).spec?.hard ?? {})) {
      if (milli(v) < 0) out.push(invalid(`spec.hard[${k}]`, v, 'must be greater than or equal to 0'))
    }
    return out
  },
}

function quantityMap(v: unknown, field: string, out: Causes): void {
  if (v === undefined || v === null) return
  if (!isObject(v)) { out.push(typeError(field, v, 'object')); return }
  for (const [k, q] of Object.entries(v)) {
    if (!isQuantity(q)) out.push(invalid(`${field}[${k}]`, q, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"))
  }
}

function canonicalList(list: List): List {
  return Object.fromEntries(Object.entries(list).map(([k, v]) => [k, canonicalQuantity(v)]))
}

/**
 * kube: SetDefaults_LimitRangeItem — for Container items a missing default limit is the max, a
 * missing default request the default limit, else the min.
 */
function defaultLimitRangeItem(item: LimitRangeItem): void {
  for (const f of ITEM_LISTS) if (item[f]) item[f] = canonicalList(item[f] as List)
  if (item.type !== 'Container') return
  const def: List = { ...(item.default ?? {}) }
  const defReq: List = { ...(item.defaultRequest ?? {}) }
  for (const [k, v] of Object.entries(item.max ?? {})) def[k] ??= v
  for (const [k, v] of Object.entries(def)) defReq[k] ??= v
  for (const [k, v] of Object.entries(item.min ?? {})) defReq[k] ??= v
  if (Object.keys(def).length) item.default = def
  if (Object.keys(defReq).length) item.defaultRequest = defReq
}

/** kube: ValidateLimitRange — the bounds must be ordered min ≤ defaultRequest ≤ default ≤ max. */
function validateLimitRange(lr: LimitRange): Causes {
  const out: Causes = []
  ;(lr.spec?.limits ?? []).forEach((item, i) => {
    const f = `spec.limits[${i}]`
    if (!item.type) out.push(required(`${f}.type`))
    else if (!LIMIT_TYPES.includes(item.type)) out.push(unsupported(`${f}.type`, item.type, LIMIT_TYPES))
    if (item.type === 'Pod') {
      if (item.default) out.push(forbidden(`${f}.default`, 'may not be specified when `type` is \'Pod\''))
      if (item.defaultRequest) out.push(forbidden(`${f}.defaultRequest`, 'may not be specified when `type` is \'Pod\''))
    }
    const min = (item.min ?? {}) as List
    const max = (item.max ?? {}) as List
    const def = (item.default ?? {}) as List
    const defReq = (item.defaultRequest ?? {}) as List
    const gt = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && milli(a) > milli(b)
    for (const k of Object.keys({ ...min, ...max, ...def, ...defReq })) {
      if (gt(min[k], max[k])) out.push(invalid(`${f}.min[${k}]`, min[k], `min value ${min[k]} is greater than max value ${max[k]}`))
      if (gt(defReq[k], max[k])) out.push(invalid(`${f}.defaultRequest[${k}]`, defReq[k], `default request value ${defReq[k]} is greater than max value ${max[k]}`))
      if (gt(min[k], defReq[k])) out.push(invalid(`${f}.defaultRequest[${k}]`, defReq[k], `min value ${min[k]} is greater than default request value ${defReq[k]}`))
      if (gt(defReq[k], def[k])) out.push(invalid(`${f}.defaultRequest[${k}]`, defReq[k], `default request value ${defReq[k]} is greater than default limit value ${def[k]}`))
      if (gt(def[k], max[k])) out.push(invalid(`${f}.default[${k}]`, def[k], `default value ${def[k]} is greater than max value ${max[k]}`))
      if (gt(min[k], def[k])) out.push(invalid(`${f}.default[${k}]`, def[k], `min value ${min[k]} is greater than default value ${def[k]}`))
    }
  })
  return out
}

/** The LimitRanges and ResourceQuotas of a namespace, as the pod admission reads them. */
export function inNamespace<T>(objs: readonly KubeObject[] | undefined, namespace: string | undefined): T[] {
  return (objs ?? []).filter((o) => o.metadata?.namespace === namespace) as unknown as T[]
}

/** kube: LimitRanger admission on a pod create, with the namespace's LimitRanges. */
export function admitPodLimitRanges(pod: Pod, ctx: ServerContext): void {
  admitLimitRanger(pod, inNamespace<LimitRange>(ctx.list?.('LimitRange'), pod.metadata?.namespace))
}

/**
 * kube: ResourceQuota admission on a pod create. Only a namespace with a quota pays for reading its
 * pods; their usage is summed from the store rather than status.used, so pods created in one burst
 * (a ReplicaSet's) see each other before the quota controller has run.
 */
export function admitPodResourceQuotas(pod: Pod, ctx: ServerContext): void {
  const ns = pod.metadata?.namespace
  const quotas = inNamespace<ResourceQuota>(ctx.list?.('ResourceQuota'), ns)
  if (quotas.length === 0) return
  admitResourceQuota(pod, quotas, sumUsage(inNamespace<Pod>(ctx.list?.('Pod'), ns)))
}
