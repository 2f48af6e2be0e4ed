/**
 * ConfigMap and Secret (v1): named bags of keys that pods read as environment variables or files
 * (kube: pkg/apis/core/validation ValidateConfigMap, ValidateSecret; pkg/apis/core/v1 conversion
 * of Secret.stringData). Neither has a status; `immutable: true` freezes the data for good.
 */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1'
import { ApiError, type KubeObject } from '../types'
import { type Causes, forbidden, invalid, isObject, required, typeError } from '../validation'
import { info, type KindDef } from './kind'

// kube: core.MaxSecretSize — the summed size of a ConfigMap's or Secret's values, 1 MiB.
export const MAX_CONFIG_SIZE = 1024 * 1024

/** kube: core/v1 SecretType values. */
export const SECRET_TYPES = {
  opaque: 'Opaque',
  serviceAccountToken: 'kubernetes.io/service-account-token',
  dockercfg: 'kubernetes.io/dockercfg',
  dockerConfigJson: 'kubernetes.io/dockerconfigjson',
  basicAuth: 'kubernetes.io/basic-auth',
  sshAuth: 'kubernetes.io/ssh-auth',
  tls: 'kubernetes.io/tls',
} as const

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/

/** kube: validation.IsConfigMapKey — a key is a file name in a volume, so `.`/`..` are refused. */
export function configKeyErrors(key: string): string[] {
  const out: string[] = []
  if (key.length > 253) out.push('must be no more than 253 characters')
  if (!CONFIG_KEY.test(key)) {
    out.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key_name', regex used for validation is '[-._a-zA-Z0-9]+')")
  }
  if (key === '.') out.push("must not be '.'")
  else if (key === '..') out.push("must not be '..'")
  else if (key.startsWith('..')) out.push("must not start with '..'")
  return out
}

const B64 = /[A-Za-z0-9+/]/

/**
 * The offset Go's base64.StdEncoding reports for malformed input ("illegal base64 data at input
 * byte N"), or -1 when `s` decodes. Line breaks are skipped, as Go's decoder does.
 */
export function base64ErrorOffset(s: string): number {
  let j = 0 // position inside the current 4-character quantum
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === '\n' || c === '\r') continue
    if (B64.test(c)) { j = (j + 1) % 4; continue }
    if (c !== '=' || j < 2) return i
    // Padding: `xx==` or `xxx=`, then nothing but line breaks.
    let k = i + 1
    if (j === 2) {
      while (k < s.length && (s[k] === '\n' || s[k] === '\r')) k++
      if (k >= s.length) return s.length
      if (s[k] !== '=') return k - 1
      k++
    }
    while (k < s.length && (s[k] === '\n' || s[k] === '\r')) k++
    return k < s.length ? k : -1
  }
  return j === 0 ? -1 : s.length - j
}

/** UTF-8 text → base64, as the API server stores a Secret's stringData. */
export function encodeBase64(text: string): string {
  let bin = ''
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b)
  return btoa(bin)
}

/** base64 → UTF-8 text (binary content comes out as replacement characters). */
export function decodeBase64(v: string): string {
  const bin = atob(v.replace(/[\r\n]/g, ''))
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))
}

/** Bytes of a base64 value (what `kubectl describe secret` prints). */
export function base64Size(v: string): number {
  const s = v.replace(/[\r\n]/g, '')
  return Math.floor((s.length * 3) / 4) - (s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0)
}

function stringMap(obj: Record<string, unknown>, field: string, out: Causes): void {
  const v = obj[field]
  if (v === undefined || v === null) return
  if (!isObject(v)) { out.push(typeError(field, v, 'object')); return }
  for (const [k, x] of Object.entries(v)) if (typeof x !== 'string') out.push(typeError(`${field}[${k}]`, x, 'string'))
}

/**
 * Shape checks, then the decoding of []byte fields: a value that is not base64 fails the whole
 * request with 400, as the JSON decoder does before any validation runs.
 */
function checkTypesFor(kind: 'ConfigMap' | 'Secret', bytesField: 'binaryData' | 'data', stringField: 'data' | 'stringData') {
  return (obj: KubeObject): Causes => {
    const o = obj as Record<string, unknown>
    const out: Causes = []
    stringMap(o, bytesField, out)
    stringMap(o, stringField, out)
    if (o.immutable !== undefined && o.immutable !== null && typeof o.immutable !== 'boolean') out.push(typeError('immutable', o.immutable, 'boolean'))
    if (kind === 'Secret' && o.type !== undefined && typeof o.type !== 'string') out.push(typeError('type', o.type, 'string'))
    if (out.length) return out
    for (const v of Object.values((o[bytesField] ?? {}) as Record<string, string>)) {
      const at = base64ErrorOffset(v)
      if (at >= 0) throw new ApiError(400, 'BadRequest', `${kind} in version "v1" cannot be handled as a ${kind}: illegal base64 data at input byte ${at}`)
    }
    return out
  }
}

const textSize = (v: string) => new TextEncoder().encode(v).length

/** Key errors of one bag; returns the bytes its values hold. */
function keyCauses(field: string, bag: Record<string, string> | undefined, sizeOf: (v: string) => number, other: Record<string, string> | undefined, otherField: string, out: Causes): number {
  let size = 0
  for (const [k, v] of Object.entries(bag ?? {})) {
    for (const msg of configKeyErrors(k)) out.push(invalid(`${field}[${k}]`, k, msg))
    if (other && Object.hasOwn(other, k)) out.push(invalid(`${field}[${k}]`, k, `duplicate of key present in ${otherField}`))
    size += sizeOf(v)
  }
  return size
}

function validateConfigMap(obj: KubeObject): Causes {
  const cm = obj as ConfigMap
  const out: Causes = []
  const size = keyCauses('data', cm.data, textSize, cm.binaryData, 'binaryData', out)
    + keyCauses('binaryData', cm.binaryData, base64Size, cm.data, 'data', out)
  // kube: the error names no field and no value (the whole object is too large).
  if (size > MAX_CONFIG_SIZE) out.push({ field: '', message: `Too long: may not be more than ${MAX_CONFIG_SIZE} bytes` })
  return out
}

/** kube: an immutable object may not become mutable again, and its data may not change. */
function immutableCauses(obj: { immutable?: boolean }, old: { immutable?: boolean }, fields: Record<string, [unknown, unknown]>): Causes {
  if (old.immutable !== true) return []
  const out: Causes = []
  if (obj.immutable !== true) out.push(forbidden('immutable', 'field is immutable when `immutable` is set'))
  for (const [f, [a, b]] of Object.entries(fields)) {
    if (JSON.stringify(a ?? {}) !== JSON.stringify(b ?? {})) out.push(forbidden(f, 'field is immutable when `immutable` is set'))
  }
  return out
}

function validJson(field: string, b64: string, out: Causes): void {
  try {
    JSON.parse(decodeBase64(b64))
  } catch (e) {
    out.push(invalid(field, '<secret contents redacted>', (e as Error).message))
  }
}

function validateSecret(obj: KubeObject): Causes {
  const s = obj as Secret
  const data = s.data ?? {}
  const out: Causes = []
  const size = keyCauses('data', s.data, base64Size, undefined, '', out)
  if (size > MAX_CONFIG_SIZE) out.push({ field: 'data', message: `Too long: may not be more than ${MAX_CONFIG_SIZE} bytes` })
  const has = (k: string) => Object.hasOwn(data, k)
  switch (s.type) {
    case SECRET_TYPES.serviceAccountToken:
      // kube: the token and uid come later from the token controller; only the account's name is required.
      if (!s.metadata?.annotations?.['kubernetes.io/service-account.name']) out.push(required('metadata.annotations[kubernetes.io/service-account.name]'))
      break
    case SECRET_TYPES.dockercfg:
      if (!has('.dockercfg')) out.push(required('data[.dockercfg]'))
      else validJson('data[.dockercfg]', data['.dockercfg'], out)
      break
    case SECRET_TYPES.dockerConfigJson:
      if (!has('.dockerconfigjson')) out.push(required('data[.dockerconfigjson]'))
      else validJson('data[.dockerconfigjson]', data['.dockerconfigjson'], out)
      break
    case SECRET_TYPES.basicAuth:
      // kube: either key may be empty or absent, but not both absent.
      if (!has('username') && !has('password')) out.push(required('data[username]'), required('data[password]'))
      break
    case SECRET_TYPES.sshAuth:
      if (!data['ssh-privatekey']) out.push(required('data[ssh-privatekey]'))
      break
    case SECRET_TYPES.tls:
      if (!has('tls.crt')) out.push(required('data[tls.crt]'))
      if (!has('tls.key')) out.push(required('data[tls.key]'))
      break
  }
  return out
}

export const configMapKind: KindDef = {
  info: info({ kind: 'ConfigMap', apiVersion: 'v1', resource: 'configmaps', shortNames: ['cm'], hasStatus: false }),
  nameRule: 'subdomain',
  checkTypes: checkTypesFor('ConfigMap', 'binaryData', 'data'),
  validate: validateConfigMap,
  validateUpdate: (obj, old) => {
    const [a, b] = [obj as ConfigMap, old as ConfigMap]
    return immutableCauses(a, b, { data: [a.data, b.data], binaryData: [a.binaryData, b.binaryData] })
  },
}

export const secretKind: KindDef = {
  info: info({ kind: 'Secret', apiVersion: 'v1', resource: 'secrets', hasStatus: false }),
  nameRule: 'subdomain',
  checkTypes: checkTypesFor('Secret', 'data', 'stringData'),
  applyDefaults: (obj) => {
    const s = obj as Secret & { stringData?: Record<string, string> }
    // kube: SetDefaults_Secret.
    s.type ||= SECRET_TYPES.opaque
    // kube: the v1 conversion writes stringData over data; stringData is never stored or returned.
    if (s.stringData) {
      const data = { ...(s.data ?? {}) }
      for (const [k, v] of Object.entries(s.stringData)) data[k] = encodeBase64(v)
      s.data = data
      delete s.stringData
    }
  },
  validate: validateSecret,
  validateUpdate: (obj, old) => {
    const [a, b] = [obj as Secret, old as Secret]
    const out: Causes = []
    if (a.type !== b.type) out.push(invalid('type', a.type, 'field is immutable'))
    out.push(...immutableCauses(a, b, { data: [a.data, b.data] }))
    return out
  },
}
