/**
 * Field errors in Kubernetes' words (k8s.io/apimachinery/pkg/util/validation/field): each names the
 * field path, what is wrong and, where Kubernetes does, the offending value in Go's notation.
 */
import type { StatusCause } from './types'

export type Causes = StatusCause[]

/** Renders a value as Go's %#v does in Kubernetes' messages (strings quoted, maps as map[...]). */
export function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return `[]interface {}{${v.map(goValue).join(', ')}}`
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))
    if (entries.every(([, x]) => typeof x === 'string')) {
      return `map[string]string{${entries.map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`).join(', ')}}`
    }
    return `map[string]interface {}{${entries.map(([k, x]) => `${JSON.stringify(k)}:${goValue(x)}`).join(', ')}}`
  }
  return String(v)
}

export const required = (field: string, detail = ''): StatusCause => ({
  field, message: detail ? `Required value: ${detail}` : 'Required value',
})
export const invalid = (field: string, value: unknown, detail: string): StatusCause => ({
  field, message: `Invalid value: ${goValue(value)}: ${detail}`,
})
export const unsupported = (field: string, value: unknown, supported: string[]): StatusCause => ({
  field, message: `Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
})
export const duplicate = (field: string, value: unknown): StatusCause => ({
  field, message: `Duplicate value: ${goValue(value)}`,
})
export const forbidden = (field: string, detail: string): StatusCause => ({ field, message: `Forbidden: ${detail}` })

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/

/** kube: validation.IsDNS1123Subdomain */
export function dns1123Subdomain(field: string, v: string): Causes {
  if (v.length > 253) return [invalid(field, v, 'must be no more than 253 characters')]
  if (!DNS1123_SUBDOMAIN.test(v)) {
    return [invalid(field, v, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]
  }
  return []
}

/** kube: validation.IsDNS1123Label */
export function dns1123Label(field: string, v: string): Causes {
  if (v.length > 63) return [invalid(field, v, 'must be no more than 63 characters')]
  if (!DNS1123_LABEL.test(v)) {
    return [invalid(field, v, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")]
  }
  return []
}

/** kube: validation.IsDNS1035Label (Service names) */
export function dns1035Label(field: string, v: string): Causes {
  if (v.length > 63) return [invalid(field, v, 'must be no more than 63 characters')]
  if (!DNS1035_LABEL.test(v)) {
    return [invalid(field, v, "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")]
  }
  return []
}

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

/** kube: ValidateLabels — keys are qualified names (optional DNS prefix), values at most 63 chars. */
export function validateLabels(field: string, labels: unknown): Causes {
  if (labels === undefined || labels === null) return []
  if (typeof labels !== 'object' || Array.isArray(labels)) return [typeError(field, labels, 'object')]
  const out: Causes = []
  for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
    const slash = k.lastIndexOf('/')
    const name = slash >= 0 ? k.slice(slash + 1) : k
    const prefix = slash >= 0 ? k.slice(0, slash) : ''
    if (!name || name.length > 63 || !QUALIFIED_NAME.test(name) || (prefix && !DNS1123_SUBDOMAIN.test(prefix))) {
      out.push(invalid(field, k, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"))
    }
    if (typeof v !== 'string') out.push(typeError(`${field}.${k}`, v, 'string'))
    else if (v.length > 63 || !LABEL_VALUE.test(v)) {
      out.push(invalid(field, v, "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"))
    }
  }
  return out
}

/**
 * Kubernetes rejects such input while decoding ("cannot unmarshal string into Go struct field ...");
 * we report it as a field error so the learner sees which field and what type it wants.
 */
export function typeError(field: string, value: unknown, expected: 'string' | 'integer' | 'object' | 'array' | 'boolean'): StatusCause {
  const got = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value
  return { field, message: `Invalid value: ${goValue(value)}: expected ${expected}, got ${got}` }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

export function checkInt(field: string, v: unknown, out: Causes, min?: number): void {
  if (v === undefined || v === null) return
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    out.push(typeError(field, v, 'integer'))
    return
  }
  if (min !== undefined && v < min) out.push(invalid(field, v, `must be greater than or equal to ${min}`))
}
