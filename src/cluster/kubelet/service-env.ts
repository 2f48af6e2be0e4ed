/**
 * The variables the kubelet gives every container for the Services it may reach (kube:
 * kubelet_pods.go getServiceEnvVarMap and pkg/kubelet/envvars FromServices): the `kubernetes`
 * Service of the default namespace always, and those of the pod's own namespace unless
 * spec.enableServiceLinks is false. A Service without a cluster IP (headless, or not yet
 * allocated) gives none.
 */
import type { Service } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../component'

/** kube: the master service's namespace and name (kubelet masterServiceNamespace). */
const MASTER = { namespace: 'default', name: 'kubernetes' }

/** The Services whose variables a pod of `namespace` may get: its namespace's and the master's. */
export function linkableServices(ctx: ComponentContext, namespace: string): Service[] {
  const services = ctx.informers.for<Service>('Service')
  const out = services.list(namespace)
  if (namespace !== MASTER.namespace) {
    const master = services.get(MASTER.namespace, MASTER.name)
    if (master) out.push(master)
  }
  return out
}

/** kube: FromServices over the services a pod of `namespace` sees, in name order. */
export function serviceLinkEnv(services: readonly Service[], namespace: string, enableServiceLinks = true): Record<string, string> {
  const chosen = new Map<string, Service>()
  for (const s of services) {
    const ns = s.metadata?.namespace
    const name = s.metadata?.name ?? ''
    const isMaster = ns === MASTER.namespace && name === MASTER.name
    if (isMaster || (enableServiceLinks && ns === namespace)) chosen.set(`${ns}/${name}`, s)
  }
  const env: Record<string, string> = {}
  for (const key of [...chosen.keys()].sort()) Object.assign(env, fromService(chosen.get(key)!))
  return env
}

/** `<NAME>_SERVICE_HOST`, `<NAME>_SERVICE_PORT[_<PORT NAME>]` and the Docker link variables of one Service. */
function fromService(s: Service): Record<string, string> {
  const ip = s.spec?.clusterIP
  const ports = s.spec?.ports ?? []
  if (!ip || ip === 'None' || !ports.length) return {}
  const name = envName(s.metadata!.name!)
  // kube: net.JoinHostPort brackets an IPv6 address.
  const host = ip.includes(':') ? `[${ip}]` : ip
  const env: Record<string, string> = {
    [`${name}_SERVICE_HOST`]: ip,
    [`${name}_SERVICE_PORT`]: String(ports[0].port),
  }
  for (const p of ports) if (p.name) env[`${name}_SERVICE_PORT_${envName(p.name)}`] = String(p.port)
  const first = ports[0]
  env[`${name}_PORT`] = `${(first.protocol ?? 'TCP').toLowerCase()}://${host}:${first.port}`
  for (const p of ports) {
    const proto = (p.protocol ?? 'TCP').toLowerCase()
    const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`
    env[prefix] = `${proto}://${host}:${p.port}`
    env[`${prefix}_PROTO`] = proto
    env[`${prefix}_PORT`] = String(p.port)
    env[`${prefix}_ADDR`] = ip
  }
  return env
}

const envName = (name: string) => name.toUpperCase().replace(/-/g, '_')
