/**
 * Ingress, IngressClass and NetworkPolicy (networking.k8s.io/v1): defaulting (pkg/apis/networking/v1
 * defaults.go), the DefaultIngressClass admission plugin and validation in the API server's words
 * (pkg/apis/networking/validation).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import type {
  HTTPIngressPath, IPBlock, Ingress, IngressBackend, IngressClass, IngressSpec, NetworkPolicy, NetworkPolicyPeer,
  NetworkPolicyPort, NetworkPolicySpec,
} from 'kubernetes-types/networking/v1'
import type { KubeObject } from '../types'
import {
  type Causes, dns1035Label, dns1123Subdomain, forbidden, invalid, isObject, required, typeError, unsupported, validateLabels,
} from '../validation'
import { info, type KindDef, type ServerContext } from './kind'
import { cidrContains, isIPv4 } from '../ip'

/** kube: networkingv1.AnnotationIsDefaultIngressClass. */
export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class'
/** kube: the deprecated annotation that names a class before spec.ingressClassName existed. */
export const LEGACY_INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class'

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix']
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F']
const INVALID_PATH_SUFFIXES = ['/..', '/.']
const PROTOCOLS = ['TCP', 'UDP', 'SCTP']
const POLICY_TYPES = ['Ingress', 'Egress']
const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist']
const WILDCARD_SUBDOMAIN = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

export function isDefaultIngressClass(ic: IngressClass): boolean {
  return ic.metadata?.annotations?.[DEFAULT_INGRESS_CLASS_ANNOTATION] === 'true'
}

// ---- shared checks ------------------------------------------------------------------------------

const isIP = (s: string) => isIPv4(s) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s))

/** kube: validation.IsValidPortNum. */
function portNum(field: string, v: number, out: Causes): void {
  if (v < 1 || v > 65535) out.push(invalid(field, v, 'must be between 1 and 65535, inclusive'))
}

/** kube: validation.IsValidPortName (an IANA_SVC_NAME). */
export function portNameErrors(name: string): string[] {
  const errs: string[] = []
  if (name.length > 15) errs.push('must be no more than 15 characters')
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)')
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)')
  if (name.includes('--')) errs.push('must not contain consecutive hyphens')
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen')
  return errs
}

/** kube: validation.IsDNS1123Subdomain, or IsWildcardDNS1123Subdomain for a host with `*`. */
function hostErrors(field: string, host: string): Causes {
  if (!host.includes('*')) return dns1123Subdomain(field, host)
  if (WILDCARD_SUBDOMAIN.test(host) && host.length <= 253) return []
  return [invalid(field, host, "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]
}

/** kube: metav1 validation.ValidateLabelSelector. */
function validateSelector(field: string, sel: LabelSelector | undefined, out: Causes): void {
  if (!sel) return
  out.push(...validateLabels(`${field}.matchLabels`, sel.matchLabels))
  ;(sel.matchExpressions ?? []).forEach((e, i) => {
    const path = `${field}.matchExpressions[${i}]`
    if (!SELECTOR_OPERATORS.includes(e.operator)) out.push(unsupported(`${path}.operator`, e.operator, SELECTOR_OPERATORS))
    const values = e.values ?? []
    if ((e.operator === 'In' || e.operator === 'NotIn') && !values.length) {
      out.push(required(`${path}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''))
    }
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length) {
      out.push(forbidden(`${path}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''))
    }
  })
}

/** kube: IsValidCIDRForLegacyField (ParseCIDRSloppy: the address need not be the network's). */
function cidrErrors(field: string, cidr: string): Causes {
  const slash = cidr.indexOf('/')
  const ip = slash < 0 ? '' : cidr.slice(0, slash)
  const bits = slash < 0 ? NaN : Number(cidr.slice(slash + 1))
  const max = isIPv4(ip) ? 32 : isIP(ip) ? 128 : -1
  if (max < 0 || !/^\d+$/.test(cidr.slice(slash + 1)) || bits > max) {
    return [invalid(field, cidr, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')]
  }
  return []
}

// ---- Ingress ----------------------------------------------------------------------------------

function validateBackend(field: string, backend: IngressBackend | undefined, out: Causes): void {
  const hasService = !!backend?.service
  const hasResource = !!backend?.resource
  if (hasService && hasResource) {
    out.push(invalid(field, '', 'cannot set both resource and service backends'))
    return
  }
  if (hasResource) {
    const r = backend!.resource!
    if (!r.kind) out.push(required(`${field}.resource.kind`))
    if (!r.name) out.push(required(`${field}.resource.name`))
    return
  }
  if (!hasService) {
    out.push(invalid(field, '', 'resource or service backend is required'))
    return
  }
  const svc = backend!.service!
  if (!svc.name) out.push(required(`${field}.service.name`))
  else out.push(...dns1035Label(`${field}.service.name`, svc.name))
  const name = svc.port?.name ?? ''
  const num = svc.port?.number ?? 0
  if (name && num) out.push(invalid(field, '', 'cannot set both port name & port number'))
  else if (name) for (const msg of portNameErrors(name)) out.push(invalid(`${field}.service.port.name`, name, msg))
  else if (num) portNum(`${field}.service.port.number`, num, out)
  else out.push(required(field, 'port name or number is required'))
}

/** kube: validateHTTPIngressPath — what a path must look like depends on its pathType. */
function validatePath(field: string, p: HTTPIngressPath, out: Causes): void {
  if (p.pathType === undefined || p.pathType === null) {
    out.push(required(`${field}.pathType`, 'pathType must be specified'))
    return
  }
  const path = p.path ?? ''
  if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
    if (!path.startsWith('/')) out.push(invalid(`${field}.path`, path, 'must be an absolute path'))
    for (const seq of INVALID_PATH_SEQUENCES) if (path.includes(seq)) out.push(invalid(`${field}.path`, path, `must not contain '${seq}'`))
    for (const suffix of INVALID_PATH_SUFFIXES) if (path.endsWith(suffix)) out.push(invalid(`${field}.path`, path, `cannot end with '${suffix}'`))
  } else if (p.pathType === 'ImplementationSpecific') {
    if (path && !path.startsWith('/')) out.push(invalid(`${field}.path`, path, 'must be an absolute path'))
  } else {
    out.push(unsupported(`${field}.pathType`, p.pathType, PATH_TYPES))
  }
  validateBackend(`${field}.backend`, p.backend, out)
}

function validateIngressSpec(spec: IngressSpec): Causes {
  const out: Causes = []
  if (!spec.rules?.length && !spec.defaultBackend) {
    const rules = spec.rules ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)'
    out.push({ field: 'spec', message: `Invalid value: ${rules}: either \`defaultBackend\` or \`rules\` must be specified` })
  }
  if (spec.defaultBackend) validateBackend('spec.defaultBackend', spec.defaultBackend, out)
  ;(spec.rules ?? []).forEach((rule, i) => {
    const path = `spec.rules[${i}]`
    if (rule.host) {
      if (isIP(rule.host)) out.push(invalid(`${path}.host`, rule.host, 'must be a DNS name, not an IP address'))
      out.push(...hostErrors(`${path}.host`, rule.host))
    }
    if (!rule.http) return
    if (!rule.http.paths?.length) out.push(required(`${path}.http.paths`))
    ;(rule.http.paths ?? []).forEach((p, j) => validatePath(`${path}.http.paths[${j}]`, p, out))
  })
  ;(spec.tls ?? []).forEach((tls, i) => {
    ;(tls.hosts ?? []).forEach((h, j) => out.push(...hostErrors(`spec.tls[${i}].hosts[${j}]`, h)))
    if (tls.secretName) out.push(...dns1123Subdomain(`spec.tls[${i}].secretName`, tls.secretName))
  })
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) {
    out.push(...dns1123Subdomain('spec.ingressClassName', spec.ingressClassName))
  }
  return out
}

function checkIngressTypes(obj: KubeObject): Causes {
  const spec = obj.spec as unknown
  if (spec === undefined) return []
  if (!isObject(spec)) return [typeError('spec', spec, 'object')]
  const out: Causes = []
  if (spec.rules !== undefined && spec.rules !== null && !Array.isArray(spec.rules)) out.push(typeError('spec.rules', spec.rules, 'array'))
  if (spec.tls !== undefined && spec.tls !== null && !Array.isArray(spec.tls)) out.push(typeError('spec.tls', spec.tls, 'array'))
  if (Array.isArray(spec.rules)) {
    spec.rules.forEach((r: unknown, i: number) => {
      const paths = isObject(r) && isObject(r.http) ? r.http.paths : undefined
      if (paths !== undefined && paths !== null && !Array.isArray(paths)) out.push(typeError(`spec.rules[${i}].http.paths`, paths, 'array'))
      if (!Array.isArray(paths)) return
      paths.forEach((p: unknown, j: number) => {
        const port = isObject(p) && isObject(p.backend) && isObject(p.backend.service) ? p.backend.service.port : undefined
        if (isObject(port) && port.number !== undefined && (typeof port.number !== 'number' || !Number.isInteger(port.number))) {
          out.push(typeError(`spec.rules[${i}].http.paths[${j}].backend.service.port.number`, port.number, 'integer'))
        }
      })
    })
  }
  return out
}

/** The names of IngressClasses the server has seen, for DefaultIngressClass admission without a list. */
const classNames = new WeakMap<ServerContext, Set<string>>()

function rememberClass(ctx: ServerContext, name: string | undefined): void {
  if (!name) return
  let names = classNames.get(ctx)
  if (!names) classNames.set(ctx, (names = new Set()))
  names.add(name)
}

/** kube: DefaultIngressClass admission — of several default classes, the newest wins. */
function defaultIngressClass(ctx: ServerContext): IngressClass | undefined {
  const classes = ctx.list
    ? (ctx.list('IngressClass') as IngressClass[])
    : [...(classNames.get(ctx) ?? [])].map((n) => ctx.find('IngressClass', undefined, n) as IngressClass | undefined).filter((c) => !!c)
  let best: IngressClass | undefined
  for (const ic of classes) {
    if (!isDefaultIngressClass(ic)) continue
    const t = ic.metadata?.creationTimestamp ?? ''
    const bt = best?.metadata?.creationTimestamp ?? ''
    if (!best || t > bt || (t === bt && (ic.metadata?.name ?? '') < (best.metadata?.name ?? ''))) best = ic
  }
  return best
}

export const ingressKind: KindDef = {
  info: info({ kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', resource: 'ingresses', shortNames: ['ing'] }),
  nameRule: 'subdomain',
  checkTypes: checkIngressTypes,
  prepareForCreate: (obj, ctx) => {
    const ing = obj as Ingress
    ing.spec ??= {}
    // kube: DefaultIngressClass admission — an ingress that names no class (neither field nor the
    // legacy annotation) gets the default one.
    if (ing.spec.ingressClassName === undefined || ing.spec.ingressClassName === null) {
      if (ing.metadata?.annotations?.[LEGACY_INGRESS_CLASS_ANNOTATION] === undefined) {
        const ic = defaultIngressClass(ctx)
        if (ic) ing.spec.ingressClassName = ic.metadata!.name
      }
    }
  },
  validate: (obj) => {
    const ing = obj as Ingress
    const out = validateIngressSpec(ing.spec ?? {})
    const annotation = ing.metadata?.annotations?.[LEGACY_INGRESS_CLASS_ANNOTATION]
    if (annotation !== undefined && ing.spec?.ingressClassName && annotation !== ing.spec.ingressClassName) {
      out.push(invalid(`annotations.${LEGACY_INGRESS_CLASS_ANNOTATION}`, annotation, 'must match `ingressClassName` when both are specified'))
    }
    return out
  },
  validateUpdate: (obj) => validateIngressSpec((obj as Ingress).spec ?? {}),
}

// ---- IngressClass -----------------------------------------------------------------------------

/** kube: validation.IsDomainPrefixedPath — `example.com/controller`. */
function controllerErrors(controller: string): Causes {
  const field = 'spec.controller'
  if (controller.length > 250) return [{ field, message: 'Too long: may not be more than 250 bytes' }]
  const slash = controller.indexOf('/')
  if (slash < 0) return [invalid(field, controller, 'must be a domain-prefixed path (such as "acme.io/foo")')]
  const host = controller.slice(0, slash)
  const path = controller.slice(slash + 1)
  const out = dns1123Subdomain(field, host)
  if (!path) out.push(invalid(field, controller, 'must be a domain-prefixed path (such as "acme.io/foo")'))
  else if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(path)) {
    out.push(invalid(field, path, "Invalid path: must consist of alphanumeric characters or '/', '-', '.', '_', '~', '%', '!', '$', '&', ''', '(', ')', '*', '+', ',', ';', '=', ':'"))
  }
  return out
}

function validateIngressClass(ic: IngressClass): Causes {
  const spec = ic.spec ?? {}
  const out: Causes = []
  if (!spec.controller) out.push(required('spec.controller'))
  else out.push(...controllerErrors(spec.controller))
  const p = spec.parameters
  if (p) {
    if (!p.kind) out.push(required('spec.parameters.kind'))
    if (!p.name) out.push(required('spec.parameters.name'))
    const scopes = ['Cluster', 'Namespace']
    if (p.scope && !scopes.includes(p.scope)) out.push(unsupported('spec.parameters.scope', p.scope, scopes))
    if (p.scope === 'Namespace' && !p.namespace) out.push(required('spec.parameters.namespace', "`parameters.scope` is set to 'Namespace'"))
    if (p.scope === 'Cluster' && p.namespace) out.push(forbidden('spec.parameters.namespace', "`parameters.scope` is set to 'Cluster'"))
  }
  return out
}

export const ingressClassKind: KindDef = {
  info: info({ kind: 'IngressClass', apiVersion: 'networking.k8s.io/v1', resource: 'ingressclasses', namespaced: false, hasStatus: false }),
  nameRule: 'subdomain',
  applyDefaults: (obj) => {
    // kube: SetDefaults_IngressClass — parameters are cluster-scoped unless they say otherwise.
    const p = (obj as IngressClass).spec?.parameters
    if (p) p.scope ??= 'Cluster'
  },
  prepareForCreate: (obj, ctx) => rememberClass(ctx, obj.metadata?.name),
  validate: (obj) => validateIngressClass(obj as IngressClass),
  validateUpdate: (obj, old) => {
    const out = validateIngressClass(obj as IngressClass)
    const a = (obj as IngressClass).spec?.controller
    if (a !== (old as IngressClass).spec?.controller) out.unshift(invalid('spec.controller', a, 'field is immutable'))
    return out
  },
}

// ---- NetworkPolicy ----------------------------------------------------------------------------

/** kube: ValidateNetworkPolicyPort. */
function validatePolicyPort(field: string, port: NetworkPolicyPort, out: Causes): void {
  if (port.protocol && !PROTOCOLS.includes(port.protocol)) out.push(unsupported(`${field}.protocol`, port.protocol, PROTOCOLS))
  if (port.port === undefined || port.port === null) {
    if (port.endPort !== undefined) out.push(invalid(`${field}.endPort`, port.endPort, 'may not be specified when `port` is not specified'))
    return
  }
  if (typeof port.port === 'number') {
    portNum(`${field}.port`, port.port, out)
    if (port.endPort !== undefined) {
      if (port.endPort < port.port) out.push(invalid(`${field}.endPort`, port.endPort, 'must be greater than or equal to `port`'))
      portNum(`${field}.endPort`, port.endPort, out)
    }
    return
  }
  if (port.endPort !== undefined) out.push(invalid(`${field}.endPort`, port.endPort, 'may not be specified when `port` is non-numeric'))
  for (const msg of portNameErrors(port.port)) out.push(invalid(`${field}.port`, port.port, msg))
}

/** kube: ValidateIPBlock — each `except` must be a strict subset of `cidr`. */
function validateIPBlock(field: string, block: IPBlock, out: Causes): void {
  if (!block.cidr) {
    out.push(required(`${field}.cidr`))
    return
  }
  const errs = cidrErrors(`${field}.cidr`, block.cidr)
  out.push(...errs)
  if (errs.length) return
  const [outerBase, outerBits] = block.cidr.split('/')
  ;(block.except ?? []).forEach((except, i) => {
    const path = `${field}.except[${i}]`
    const e = cidrErrors(path, except)
    out.push(...e)
    const [innerBase, innerBits] = except.split('/')
    // IPv6 blocks are accepted but not checked here (the network simulates IPv4 only).
    if (e.length || !isIPv4(outerBase ?? '') || !isIPv4(innerBase ?? '')) return
    if (!cidrContains(block.cidr, innerBase) || Number(outerBits) >= Number(innerBits)) out.push(invalid(path, except, 'must be a strict subset of `cidr`'))
  })
}

/** kube: ValidateNetworkPolicyPeer — exactly one kind of peer, or a pod and namespace selector together. */
function validatePeer(field: string, peer: NetworkPolicyPeer, out: Causes): void {
  let n = 0
  if (peer.podSelector) {
    n++
    validateSelector(`${field}.podSelector`, peer.podSelector, out)
  }
  if (peer.namespaceSelector) {
    n++
    validateSelector(`${field}.namespaceSelector`, peer.namespaceSelector, out)
  }
  if (peer.ipBlock) {
    n++
    validateIPBlock(`${field}.ipBlock`, peer.ipBlock, out)
  }
  if (n === 0) out.push(required(field, 'must specify a peer'))
  else if (n > 1 && peer.ipBlock) out.push(forbidden(field, 'may not specify both ipBlock and another peer'))
}

function validatePolicy(np: NetworkPolicy): Causes {
  const spec: NetworkPolicySpec = np.spec ?? { podSelector: {} }
  const out: Causes = []
  validateSelector('spec.podSelector', spec.podSelector, out)
  ;(spec.ingress ?? []).forEach((rule, i) => {
    ;(rule.ports ?? []).forEach((p, j) => validatePolicyPort(`spec.ingress[${i}].ports[${j}]`, p, out))
    ;(rule.from ?? []).forEach((p, j) => validatePeer(`spec.ingress[${i}].from[${j}]`, p, out))
  })
  ;(spec.egress ?? []).forEach((rule, i) => {
    ;(rule.ports ?? []).forEach((p, j) => validatePolicyPort(`spec.egress[${i}].ports[${j}]`, p, out))
    ;(rule.to ?? []).forEach((p, j) => validatePeer(`spec.egress[${i}].to[${j}]`, p, out))
  })
  const types = spec.policyTypes ?? []
  if (types.length > 2) {
    out.push({ field: 'spec.policyTypes', message: `Invalid value: []networking.PolicyType{${types.map((t) => JSON.stringify(t)).join(', ')}}: may not specify more than two policyTypes` })
    return out
  }
  types.forEach((t, i) => {
    if (!POLICY_TYPES.includes(t)) out.push(unsupported(`spec.policyTypes[${i}]`, t, POLICY_TYPES))
  })
  return out
}

function checkPolicyTypes(obj: KubeObject): Causes {
  const spec = obj.spec as unknown
  if (spec === undefined) return []
  if (!isObject(spec)) return [typeError('spec', spec, 'object')]
  const out: Causes = []
  for (const k of ['ingress', 'egress', 'policyTypes']) {
    const v = spec[k]
    if (v !== undefined && v !== null && !Array.isArray(v)) out.push(typeError(`spec.${k}`, v, 'array'))
  }
  for (const dir of ['ingress', 'egress'] as const) {
    const rules = spec[dir]
    if (!Array.isArray(rules)) continue
    rules.forEach((r: unknown, i: number) => {
      const ports = isObject(r) ? r.ports : undefined
      if (!Array.isArray(ports)) return
      ports.forEach((p: unknown, j: number) => {
        if (!isObject(p)) return
        if (p.port !== undefined && p.port !== null && typeof p.port !== 'number' && typeof p.port !== 'string') {
          out.push(typeError(`spec.${dir}[${i}].ports[${j}].port`, p.port, 'integer'))
        }
        if (p.endPort !== undefined && (typeof p.endPort !== 'number' || !Number.isInteger(p.endPort))) {
          out.push(typeError(`spec.${dir}[${i}].ports[${j}].endPort`, p.endPort, 'integer'))
        }
      })
    })
  }
  return out
}

export const networkPolicyKind: KindDef = {
  info: info({ kind: 'NetworkPolicy', apiVersion: 'networking.k8s.io/v1', resource: 'networkpolicies', shortNames: ['netpol'], hasStatus: false }),
  nameRule: 'subdomain',
  checkTypes: checkPolicyTypes,
  applyDefaults: (obj) => {
    const np = obj as NetworkPolicy
    // kube: the API server always stores a podSelector ({} selects every pod of the namespace).
    const spec = (np.spec ??= { podSelector: {} })
    spec.podSelector ??= {}
    // kube: SetDefaults_NetworkPolicyPort — TCP.
    for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const p of rule.ports ?? []) p.protocol ??= 'TCP'
    // kube: SetDefaults_NetworkPolicy — a policy always isolates for Ingress, and for Egress when it
    // has egress rules, unless policyTypes says otherwise.
    if (!spec.policyTypes?.length) spec.policyTypes = spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress']
  },
  validate: (obj) => validatePolicy(obj as NetworkPolicy),
  validateUpdate: (obj) => validatePolicy(obj as NetworkPolicy),
}
