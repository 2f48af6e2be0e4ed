/**
 * kubectl port-forward TYPE/NAME [LOCAL:]REMOTE... (kube: kubectl/pkg/cmd/portforward): resolves
 * the pod (a pod, or the first running pod of a Service's, Deployment's... selector), turns a
 * Service port into its pod's target port and named ports into numbers, checks the pod runs, and
 * prints `Forwarding from 127.0.0.1:8080 -> 80` and `Forwarding from [::1]:8080 -> 80`. The
 * forward is handed to the host (KubectlOptions.portForwards); nothing keeps running here.
 */
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import type { KubeObject } from '../../apiserver/types'
import { parseFlags, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { resolveResource } from '../resources'
import { namespaceOf, type CommandContext } from '../context'

const FLAGS: FlagSpec[] = [
  { name: 'address', type: 'strings' },
  { name: 'pod-running-timeout', type: 'string' },
]

const USAGE = "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples"

/** `local` undefined: the same number as the remote port; `random`: a free port (`:80`). */
interface PortSpec { local?: number; remote: string; random: boolean }

function parsePort(text: string, which: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new CommandError(`error: Error parsing ${which} port '${text}': strconv.ParseUint: parsing "${text}": ${/^\d+$/.test(text) ? 'value out of range' : 'invalid syntax'}`)
  }
  return Number(text)
}

/** `8080`, `8080:80`, `:80` (kube: a random local port), `8080:http`. */
function parseSpec(spec: string): PortSpec {
  const parts = spec.split(':')
  if (parts.length > 2) throw new CommandError(`error: invalid port format '${spec}'`)
  if (parts.length === 1) return { remote: spec, random: false }
  return { local: parts[0] === '' ? undefined : parsePort(parts[0], 'local'), remote: parts[1], random: parts[0] === '' }
}

function selectorOf(obj: KubeObject): string | undefined {
  const raw = (obj.spec as { selector?: LabelSelector | Record<string, string> } | undefined)?.selector
  if (!raw) return undefined
  const matchLabels = 'matchLabels' in raw || 'matchExpressions' in raw ? (raw as LabelSelector).matchLabels : (raw as Record<string, string>)
  return Object.entries(matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',') || undefined
}

/** kube: AttachablePodForObject — a running pod first, then the oldest. */
function podFor(ctx: CommandContext, obj: KubeObject, namespace: string): Pod {
  const selector = selectorOf(obj)
  if (!selector) throw new CommandError(`error: cannot attach to ${obj.kind}: selector is empty`)
  const pods = ctx.host.api.list<Pod>('Pod', { namespace, labelSelector: selector })
  if (!pods.length) throw new CommandError('error: timed out waiting for the condition')
  const rank = (p: Pod) => (p.status?.phase === 'Running' ? 0 : 1)
  return [...pods].sort((a, b) => rank(a) - rank(b) || (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : 1))[0]
}

function namedContainerPort(pod: Pod, name: string): number | undefined {
  for (const c of pod.spec?.containers ?? []) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort
  return undefined
}

/** kube: translateServicePortToTargetPort. */
function serviceTarget(svc: Service, pod: Pod, remote: string): number {
  const port = /^\d+$/.test(remote) ? Number(remote) : undefined
  const sp: ServicePort | undefined = svc.spec?.ports?.find((p) => (port !== undefined ? p.port === port : p.name === remote))
  if (!sp) throw new CommandError(`error: Service ${svc.metadata!.name} does not have a service port ${remote}`)
  const target = sp.targetPort ?? sp.port
  if (typeof target === 'number') return target
  const named = namedContainerPort(pod, target)
  if (named === undefined) throw new CommandError(`error: Pod '${pod.metadata!.name}' does not have a named port '${target}'`)
  return named
}

export function portForward(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('port-forward', words, FLAGS)
  if (args.length < 2) throw new CommandError(USAGE)
  const api = ctx.host.api
  const namespace = namespaceOf(ctx, flags.namespace)
  const [ref, ...portArgs] = args
  const slash = ref.indexOf('/')
  const info = resolveResource(api, slash < 0 ? 'pod' : ref.slice(0, slash))
  const name = slash < 0 ? ref : ref.slice(slash + 1)
  const obj = api.get<KubeObject>(info.kind, namespace, name)
  const pod = info.kind === 'Pod' ? (obj as Pod) : podFor(ctx, obj, namespace)
  const specs = portArgs.map(parseSpec)
  const addresses = (flags.address as string[] | undefined) ?? ['localhost']
  for (const a of addresses) {
    if (a !== 'localhost' && !/^[\d.]+$/.test(a) && !a.includes(':')) throw new CommandError(`error: ${a} is not a valid IP`)
  }
  const ports = specs.map((s) => {
    let remote: number
    if (info.kind === 'Service') remote = serviceTarget(obj as Service, pod, s.remote)
    else if (/^\d+$/.test(s.remote)) remote = parsePort(s.remote, 'remote')
    else {
      const named = namedContainerPort(pod, s.remote)
      if (named === undefined) throw new CommandError(`error: Pod '${pod.metadata!.name}' does not have a named port '${s.remote}'`)
      remote = named
    }
    // kube: `:80` asks the OS for a free local port; the seeded random stands in for it.
    const local = s.random ? 32768 + ctx.host.clock.random.int(28232) : s.local ?? remote
    return { local, remote }
  })
  if (pod.status?.phase !== 'Running') {
    throw new CommandError(`error: unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`)
  }
  const where = (a: string) => (a === 'localhost' ? ['127.0.0.1', '[::1]'] : [a.includes(':') ? `[${a}]` : a])
  for (const p of ports) {
    for (const a of addresses.flatMap(where)) ctx.out.out(`Forwarding from ${a}:${p.local} -> ${p.remote}`)
    ctx.opts.portForwards?.add({ namespace, pod: pod.metadata!.name!, target: ref, localPort: p.local, remotePort: p.remote })
  }
}
