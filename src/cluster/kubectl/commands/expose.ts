/**
 * kubectl expose (-f FILENAME | TYPE NAME) [--port] [--target-port] [--protocol] [--name] [--type]:
 * a Service whose selector is the target's (a Deployment's or ReplicaSet's matchLabels, an RC's or
 * a Service's selector, a Pod's labels), whose ports are --port or else the target's container
 * ports, and whose labels are the target's (kube: pkg/cmd/expose, polymorphichelpers'
 * MapBasedSelectorForObject, PortsForObject, ProtocolsForObject).
 */
import type { Container, Pod, PodTemplateSpec, ReplicationController, Service, ServicePort } from 'kubernetes-types/core/v1'
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { KubeObject } from '../../apiserver/types'
import { formatError, withSource } from '../errors'
import { parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { readManifests } from '../manifests'
import { resolveResource } from '../resources'
import { toJson, toYaml } from '../printers/yaml'
import { ACTOR, namespaceOf, type CommandContext } from '../context'
import { resourceTargets } from './targets'

const FLAGS: FlagSpec[] = [
  { name: 'port', type: 'string' },
  { name: 'target-port', type: 'string' },
  { name: 'protocol', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'selector', type: 'string' },
  { name: 'labels', short: 'l', type: 'string' },
  { name: 'external-ip', type: 'string' },
  { name: 'cluster-ip', type: 'string' },
  { name: 'session-affinity', type: 'string' },
  { name: 'load-balancer-ip', type: 'string' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'dry-run', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'save-config', type: 'bool' },
  { name: 'field-manager', type: 'string' },
]

const HELP = "See 'kubectl expose -h' for help and examples"
const usageError = (message: string) => new CommandError(`error: ${message}\n${HELP}`)

/** kube: CanBeExposedFn — the kinds whose pods a Service can select. */
const EXPOSABLE = ['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet']

export function expose(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('expose', words, FLAGS)
  const api = ctx.host.api
  const namespace = namespaceOf(ctx, flags.namespace)
  const dryRun = str(flags['dry-run'])
  if (dryRun !== undefined && !['none', 'client', 'server'].includes(dryRun)) {
    throw new CommandError(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`)
  }
  const files = (flags.filename as string[] | undefined) ?? []
  const objects: { obj?: KubeObject; source?: string; error?: unknown }[] = []
  if (files.length) {
    const set = readManifests(files, ctx.opts)
    for (const e of set.errors) ctx.out.err(e)
    // kube: the builder reads the named objects from the server, as `kubectl get -f` does.
    for (const m of set.manifests) {
      try {
        const info = resolveResource(api, m.object.kind ?? '')
        objects.push({ obj: api.get(info.kind, info.namespaced ? (m.object.metadata?.namespace ?? namespace) : undefined, m.object.metadata?.name ?? ''), source: m.source })
      } catch (e) {
        objects.push({ error: e })
      }
    }
  } else {
    if (!args.length) throw usageError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'')
    for (const t of resourceTargets(api, args, namespace, 'expose')) {
      try {
        objects.push({ obj: api.get(t.info.kind, t.namespace, t.name) })
      } catch (e) {
        objects.push({ error: e })
      }
    }
  }
  for (const { obj, error } of objects) {
    if (error || !obj) {
      ctx.out.err(formatError(error))
      continue
    }
    try {
      exposeOne(ctx, obj, flags, namespace, dryRun)
    } catch (e) {
      ctx.out.err(formatError(withSource(e, 'creating', undefined)))
    }
  }
}

function exposeOne(ctx: CommandContext, obj: KubeObject, flags: ReturnType<typeof parseFlags>['flags'], namespace: string, dryRun: string | undefined): void {
  const kind = obj.kind ?? ''
  if (!EXPOSABLE.includes(kind)) {
    const group = (obj.apiVersion ?? '').includes('/') ? `.${obj.apiVersion!.split('/')[0]}` : ''
    throw new CommandError(`error: cannot expose a ${kind}${group}`)
  }
  let selector = parseSelectorFlag(str(flags.selector))
  if (!selector) {
    const found = selectorOf(obj)
    if (typeof found === 'string') throw usageError(`couldn't retrieve selectors via --selector flag or introspection: ${found}`)
    selector = found
  }
  // kube: the name defaults to the target's, cut to a DNS-1035 label's 63 characters.
  const name = str(flags.name) || (obj.metadata?.name ?? '').slice(0, 63)
  const protocols = protocolsOf(obj)
  const portList = str(flags.port) ? [str(flags.port)!] : portsOf(obj)
  const headless = str(flags['cluster-ip']) === 'None'
  if (!portList.length && !headless) throw usageError("couldn't find port via --port flag or introspection")
  const ports: ServicePort[] = portList.map((p, i) => {
    const port = Number(p)
    if (!Number.isInteger(port)) throw new CommandError(`error: strconv.Atoi: parsing "${p}": invalid syntax`)
    const protocol = str(flags.protocol) ?? protocols.get(p) ?? 'TCP'
    // kube: several ports need a name each: port-1, port-2…
    const out: ServicePort = portList.length > 1 ? { name: `port-${i + 1}`, port, protocol } : { port, protocol }
    const target = str(flags['target-port'])
    out.targetPort = target ? (/^\d+$/.test(target) ? Number(target) : target) : port
    return out
  })
  const labels = parseSelectorFlag(str(flags.labels)) ?? obj.metadata?.labels
  const service: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}), name },
    spec: { ...(ports.length ? { ports } : {}), selector },
    status: { loadBalancer: {} },
  }
  const spec = service.spec!
  if (str(flags['external-ip'])) spec.externalIPs = [str(flags['external-ip'])!]
  if (str(flags.type)) spec.type = str(flags.type)
  if (spec.type === 'LoadBalancer' && str(flags['load-balancer-ip'])) spec.loadBalancerIP = str(flags['load-balancer-ip'])
  if (str(flags['session-affinity'])) spec.sessionAffinity = str(flags['session-affinity'])
  if (str(flags['cluster-ip'])) spec.clusterIP = str(flags['cluster-ip'])

  const output = str(flags.output)
  let shown: KubeObject = service as KubeObject
  if (dryRun !== 'client') {
    const input = { ...service, metadata: { ...service.metadata, namespace } } as KubeObject
    delete (input as { status?: unknown }).status
    shown = ctx.host.api.create(input, dryRun === 'server' ? { ...ACTOR, dryRun: true } : ACTOR)
  }
  if (output === 'yaml') ctx.out.out(toYaml(shown).replace(/\n$/, ''))
  else if (output === 'json') ctx.out.out(toJson(shown).replace(/\n$/, ''))
  else if (output === 'name') ctx.out.out(`service/${name}`)
  else if (output) throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`)
  else ctx.out.out(`service/${name} exposed${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}`)
}

/** `a=b,c=d` → {a: b, c: d} (kube: ParseLabels for --selector and --labels). */
function parseSelectorFlag(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined
  const out: Record<string, string> = {}
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw new CommandError(`error: invalid label spec: ${pair}`)
    out[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return out
}

/** kube: MapBasedSelectorForObjectFn — the selector, or why there is none. */
function selectorOf(obj: KubeObject): Record<string, string> | string {
  switch (obj.kind) {
    case 'Pod': {
      const labels = obj.metadata?.labels
      return labels && Object.keys(labels).length ? { ...labels } : 'the pod has no labels and cannot be exposed'
    }
    case 'Service': {
      const sel = (obj as Service).spec?.selector
      return sel && Object.keys(sel).length ? { ...sel } : 'the service has no pod selector set'
    }
    case 'ReplicationController': {
      const sel = (obj as ReplicationController).spec?.selector
      return sel && Object.keys(sel).length ? { ...sel } : 'the replication controller has no selector set'
    }
    default: {
      const sel = (obj as Deployment | ReplicaSet).spec?.selector
      const what = obj.kind === 'Deployment' ? 'deployment' : 'replicaset'
      if (!sel) return `invalid ${what}: no selectors, therefore cannot be exposed`
      if (sel.matchExpressions?.length) return `couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`
      return { ...(sel.matchLabels ?? {}) }
    }
  }
}

function containersOf(obj: KubeObject): Container[] {
  if (obj.kind === 'Pod') return (obj as Pod).spec?.containers ?? []
  const template = (obj as { spec?: { template?: PodTemplateSpec } }).spec?.template
  return template?.spec?.containers ?? []
}

/** kube: PortsForObjectFn — container ports, or a Service's ports. */
function portsOf(obj: KubeObject): string[] {
  if (obj.kind === 'Service') return ((obj as Service).spec?.ports ?? []).map((p) => String(p.port))
  return containersOf(obj).flatMap((c) => (c.ports ?? []).map((p) => String(p.containerPort)))
}

/** kube: ProtocolsForObjectFn — port → protocol. */
function protocolsOf(obj: KubeObject): Map<string, string> {
  const out = new Map<string, string>()
  if (obj.kind === 'Service') for (const p of (obj as Service).spec?.ports ?? []) out.set(String(p.port), p.protocol ?? 'TCP')
  else for (const c of containersOf(obj)) for (const p of c.ports ?? []) out.set(String(p.containerPort), p.protocol ?? 'TCP')
  return out
}
