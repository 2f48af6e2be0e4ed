/**
 * The Service data plane's objects: EndpointSlice (discovery.k8s.io/v1) and the legacy Endpoints (v1),
 * which the EndpointSlice and Endpoints controllers write for every Service with a selector
 * (kube: pkg/apis/discovery/validation ValidateEndpointSlice, pkg/apis/core/validation ValidateEndpoints).
 * Neither kind has a status subresource.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import type { Endpoints } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../types'
import { type Causes, invalid, isObject, required, typeError, unsupported } from '../validation'
import { info, type KindDef } from './kind'

/** kube: the address types an EndpointSlice may carry. */
export const ADDRESS_TYPES = ['IPv4', 'IPv6', 'FQDN']
/** kube: maxEndpoints — a slice holds at most 1000 endpoints. */
const MAX_ENDPOINTS = 1000
/** kube: maxPorts — at most 100 ports per slice; each endpoint has 1 to 100 addresses. */
const MAX_PORTS = 100
const MAX_ADDRESSES = 100

function checkSliceTypes(obj: KubeObject): Causes {
  const o = obj as Record<string, unknown>
  const out: Causes = []
  if (o.endpoints !== undefined && o.endpoints !== null && !Array.isArray(o.endpoints)) out.push(typeError('endpoints', o.endpoints, 'array'))
  if (o.ports !== undefined && o.ports !== null && !Array.isArray(o.ports)) out.push(typeError('ports', o.ports, 'array'))
  for (const [i, ep] of (Array.isArray(o.endpoints) ? o.endpoints : []).entries()) {
    if (!isObject(ep)) out.push(typeError(`endpoints[${i}]`, ep, 'object'))
    else if (ep.addresses !== undefined && !Array.isArray(ep.addresses)) out.push(typeError(`endpoints[${i}].addresses`, ep.addresses, 'array'))
  }
  return out
}

function validateSlice(obj: KubeObject): Causes {
  const s = obj as EndpointSlice
  const out: Causes = []
  if (!s.addressType) out.push(required('addressType'))
  else if (!ADDRESS_TYPES.includes(s.addressType)) out.push(unsupported('addressType', s.addressType, ADDRESS_TYPES))
  const endpoints = s.endpoints ?? []
  if (endpoints.length > MAX_ENDPOINTS) out.push({ field: 'endpoints', message: `Too many: ${endpoints.length}: must have at most ${MAX_ENDPOINTS} items` })
  endpoints.forEach((ep, i) => {
    const n = ep.addresses?.length ?? 0
    if (n < 1) out.push(required(`endpoints[${i}].addresses`, 'must contain at least 1 address'))
    else if (n > MAX_ADDRESSES) out.push({ field: `endpoints[${i}].addresses`, message: `Too many: ${n}: must have at most ${MAX_ADDRESSES} items` })
  })
  const ports = s.ports ?? []
  if (ports.length > MAX_PORTS) out.push({ field: 'ports', message: `Too many: ${ports.length}: must have at most ${MAX_PORTS} items` })
  ports.forEach((p, i) => {
    if (p.port !== undefined && p.port !== null && (p.port < 0 || p.port > 65535)) {
      out.push(invalid(`ports[${i}].port`, p.port, 'must be between 0 and 65535, inclusive'))
    }
  })
  return out
}

export const endpointSliceKind: KindDef = {
  info: info({
    kind: 'EndpointSlice', apiVersion: 'discovery.k8s.io/v1', resource: 'endpointslices', hasStatus: false,
  }),
  nameRule: 'subdomain',
  checkTypes: checkSliceTypes,
  validate: validateSlice,
  validateUpdate: (obj, old) => {
    const a = (obj as EndpointSlice).addressType
    const b = (old as EndpointSlice).addressType
    // kube: addressType is immutable.
    return a !== b ? [invalid('addressType', a, 'field is immutable')] : []
  },
}

function validateEndpoints(obj: KubeObject): Causes {
  const out: Causes = []
  ;((obj as Endpoints).subsets ?? []).forEach((ss, i) => {
    if (!(ss.addresses?.length) && !(ss.notReadyAddresses?.length)) {
      out.push(required(`subsets[${i}]`, 'must specify `addresses` or `notReadyAddresses`'))
    }
    ;[...(ss.addresses ?? []), ...(ss.notReadyAddresses ?? [])].forEach((a) => {
      if (!a.ip) out.push(required(`subsets[${i}].addresses.ip`))
    })
  })
  return out
}

export const endpointsKind: KindDef = {
  info: info({ kind: 'Endpoints', apiVersion: 'v1', resource: 'endpoints', singular: 'endpoints', shortNames: ['ep'], hasStatus: false }),
  nameRule: 'subdomain',
  checkTypes: (obj) => {
    const subsets = (obj as Record<string, unknown>).subsets
    return subsets !== undefined && subsets !== null && !Array.isArray(subsets) ? [typeError('subsets', subsets, 'array')] : []
  },
  validate: validateEndpoints,
}
