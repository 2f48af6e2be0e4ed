/** Namespace, Node, Service, Event and Lease: the kinds with little behaviour of their own. */
import type { Namespace, Node, Service, ServicePort } from 'kubernetes-types/core/v1'
import { type Causes, checkInt, dns1123Label, invalid, isObject, required, typeError, unsupported } from '../validation'
import { ApiError, type Writable } from '../types'
import { info, type KindDef, type ServerContext } from './kind'

export const namespaceKind: KindDef = {
  info: info({ kind: 'Namespace', apiVersion: 'v1', resource: 'namespaces', shortNames: ['ns'], namespaced: false }),
  nameRule: 'label',
  prepareForCreate: (obj) => {
    const ns = obj as Namespace
    // kube: every namespace carries the `kubernetes` finalizer and its name as a label.
    ns.spec = { finalizers: ['kubernetes'] }
    ns.status = { phase: 'Active' }
    ns.metadata!.labels = { ...(ns.metadata!.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata!.name! }
  },
  admitDelete: (obj) => {
    // kube: the NamespaceLifecycle admission plugin's immortal namespaces.
    const name = obj.metadata!.name!
    if (IMMORTAL_NAMESPACES.includes(name)) throw new ApiError(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`)
  },
  // kube: the namespace registry marks a namespace whose spec.finalizers remain as Terminating; the
  // namespace controller empties them (the finalize subresource) once its content is gone.
  statusWhileDeleting: (obj) => {
    const ns = obj as Namespace
    return ns.spec?.finalizers?.length ? { ...ns.status, phase: 'Terminating' } : undefined
  },
}

/**
 * kube: NamespaceLifecycle refuses to delete default, kube-system and kube-public. Upstream lets
 * kube-node-lease go and its system-namespaces controller recreates it; with no such controller here
 * it is kept like the others, so node heartbeats never lose their namespace.
 */
export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease']

export const nodeKind: KindDef = {
  info: info({ kind: 'Node', apiVersion: 'v1', resource: 'nodes', shortNames: ['no'], namespaced: false }),
  nameRule: 'subdomain',
  validate: (obj) => {
    const out: Causes = []
    ;((obj as Node).spec?.taints ?? []).forEach((t, i) => {
      if (!t.key) out.push(required(`spec.taints[${i}].key`))
      if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
        out.push(unsupported(`spec.taints[${i}].effect`, t.effect, ['NoExecute', 'NoSchedule', 'PreferNoSchedule']))
      }
    })
    return out
  },
}

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']

/**
 * kube: the node-port allocator — an explicit nodePort must be free (else 422 `provided port is
 * already allocated`); a missing one is drawn from the free ports of 30000-32767. The ports in use
 * are those of the stored Services, so a deleted Service's ports are free again.
 */
function allocateNodePorts(svc: Service, ctx: ServerContext, self?: Service): void {
  const used = new Set<number>()
  for (const other of (ctx.list?.('Service') ?? []) as Service[]) {
    if (self && other.metadata?.uid === self.metadata?.uid) continue
    for (const p of other.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort)
  }
  const causes: Causes = []
  const ports = svc.spec!.ports ?? []
  ports.forEach((p, i) => {
    if (p.nodePort === undefined) return
    if (used.has(p.nodePort)) causes.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'))
    used.add(p.nodePort)
  })
  if (causes.length) throw ApiError.invalid('Service', svc.metadata?.name ?? '', causes)
  for (const p of ports) {
    if (p.nodePort !== undefined) continue
    let port = ctx.allocateNodePort()
    for (let tries = 0; used.has(port) && tries < 4096; tries++) port = ctx.allocateNodePort()
    p.nodePort = port
    used.add(port)
  }
}

export const serviceKind: KindDef = {
  info: info({ kind: 'Service', apiVersion: 'v1', resource: 'services', shortNames: ['svc'], categories: ['all'] }),
  nameRule: 'dns1035',
  checkTypes: (obj) => {
    const spec = obj.spec as unknown
    if (spec === undefined) return [required('spec')]
    if (!isObject(spec)) return [typeError('spec', spec, 'object')]
    const out: Causes = []
    if (spec.ports !== undefined && !Array.isArray(spec.ports)) out.push(typeError('spec.ports', spec.ports, 'array'))
    if (Array.isArray(spec.ports)) {
      spec.ports.forEach((p, i) => {
        if (!isObject(p)) return out.push(typeError(`spec.ports[${i}]`, p, 'object'))
        checkInt(`spec.ports[${i}].port`, p.port, out)
        checkInt(`spec.ports[${i}].nodePort`, p.nodePort, out)
      })
    }
    if (spec.selector !== undefined && !isObject(spec.selector)) out.push(typeError('spec.selector', spec.selector, 'object'))
    return out
  },
  applyDefaults: (obj) => {
    const spec = (obj as Service).spec!
    spec.type ??= 'ClusterIP'
    spec.sessionAffinity ??= 'None'
    if (spec.type !== 'ExternalName') {
      spec.internalTrafficPolicy ??= 'Cluster'
      spec.ipFamilies ??= ['IPv4']
      spec.ipFamilyPolicy ??= 'SingleStack'
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster'
    if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true
    for (const p of spec.ports ?? []) {
      p.protocol ??= 'TCP'
      p.targetPort ??= p.port
    }
  },
  prepareForCreate: (obj, ctx) => {
    const svc = obj as Service
    const spec = svc.spec!
    ;(svc as Writable<Service>).status = { loadBalancer: {} }
    if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') {
      spec.clusterIP ??= ctx.allocateClusterIP()
      spec.clusterIPs = [spec.clusterIP]
    } else if (spec.clusterIP === 'None') spec.clusterIPs = ['None']
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') allocateNodePorts(svc, ctx)
  },
  prepareForUpdate: (obj, old, ctx) => {
    const spec = (obj as Service).spec!
    const prev = (old as Service).spec!
    // kube: an update that leaves clusterIP and nodePorts out keeps the allocated ones.
    spec.clusterIP ??= prev.clusterIP
    spec.clusterIPs ??= prev.clusterIPs
    for (const p of spec.ports ?? []) {
      const was = prev.ports?.find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'))
      if (was?.nodePort && p.nodePort === undefined && (spec.type === 'NodePort' || spec.type === 'LoadBalancer')) {
        p.nodePort = was.nodePort
      }
    }
    // kube: a Service turned NodePort/LoadBalancer gets its node ports; new explicit ones must be free.
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') allocateNodePorts(obj as Service, ctx, old as Service)
  },
  validate: (obj) => {
    const spec = (obj as Service).spec!
    const out: Causes = []
    if (!SERVICE_TYPES.includes(spec.type!)) out.push(unsupported('spec.type', spec.type, SERVICE_TYPES))
    const ports: ServicePort[] = spec.ports ?? []
    if (ports.length === 0 && spec.type !== 'ExternalName' && spec.clusterIP !== 'None') out.push(required('spec.ports'))
    ports.forEach((p, i) => {
      if (p.port === undefined) out.push(required(`spec.ports[${i}].port`))
      else if (p.port < 1 || p.port > 65535) out.push(invalid(`spec.ports[${i}].port`, p.port, 'must be between 1 and 65535, inclusive'))
      if (ports.length > 1 && !p.name) out.push(required(`spec.ports[${i}].name`))
      // kube: ValidateServicePort checks port names as DNS-1123 labels (`80-8080`, which kubectl create service generates, is valid).
      if (p.name) out.push(...dns1123Label(`spec.ports[${i}].name`, p.name))
      if (p.nodePort !== undefined && (p.nodePort < 30000 || p.nodePort > 32767)) {
        out.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is not in the valid range. The range of valid ports is 30000-32767'))
      }
    })
    if (spec.type === 'ExternalName' && !spec.externalName) out.push(required('spec.externalName'))
    return out
  },
  validateUpdate: (obj, old) => {
    const a = (obj as Service).spec!.clusterIP
    const b = (old as Service).spec!.clusterIP
    if (b && a !== b) return [invalid('spec.clusterIPs[0]', a ?? '', 'may not change once set')]
    return []
  },
  onRemoved: (obj, ctx) => {
    const ip = (obj as Service).spec?.clusterIP
    if (ip && ip !== 'None') ctx.releaseClusterIP(ip)
  },
}

export const eventKind: KindDef = {
  info: info({ kind: 'Event', apiVersion: 'v1', resource: 'events', shortNames: ['ev'], hasStatus: false }),
  nameRule: 'any',
}

export const leaseKind: KindDef = {
  info: info({ kind: 'Lease', apiVersion: 'coordination.k8s.io/v1', resource: 'leases', hasStatus: false }),
  nameRule: 'subdomain',
}

