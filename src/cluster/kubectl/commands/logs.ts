/**
 * kubectl logs: a container's output through the pods/log subresource, which the API server gets
 * from the pod's kubelet. `-f` prints what the container has written so far and returns — the
 * headless runner has no stream to keep open.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { fromLabelSelector, matches } from '../../apiserver/labels'
import { bool, parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { resolveResource } from '../resources'
import { namespaceOf, type CommandContext } from '../context'
import type { LabelSelector } from 'kubernetes-types/meta/v1'

const FLAGS: FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'previous', short: 'p', type: 'bool' },
  { name: 'follow', short: 'f', type: 'bool' },
  { name: 'tail', type: 'int' },
  { name: 'timestamps', type: 'bool' },
  { name: 'all-containers', type: 'bool' },
  { name: 'prefix', type: 'bool' },
  { name: 'since', type: 'string' },
  { name: 'limit-bytes', type: 'int' },
  { name: 'ignore-errors', type: 'bool' },
  { name: 'pod-running-timeout', type: 'string' },
  { name: 'max-log-requests', type: 'int' },
]

const USAGE = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples"

/** podcmd.AllContainerNames: `a, b, init (init)`. */
function allContainerNames(pod: Pod): string {
  const spec = pod.spec!
  return [
    ...spec.containers.map((c) => c.name),
    ...(spec.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(spec.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ')
}

export function logs(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('logs', words, FLAGS)
  if (!args.length || args.length > 2) throw new CommandError(USAGE)
  const namespace = namespaceOf(ctx, flags.namespace)
  const pod = findPod(ctx, namespace, args)
  const nodes = ctx.host.nodes
  if (!nodes?.logs) throw new CommandError('error: this cluster does not serve container logs')
  const spec = pod.spec!
  const names = [...(spec.initContainers ?? []), ...spec.containers].map((c) => c.name)
  let containers: string[]
  if (bool(flags['all-containers'])) containers = names
  else {
    let name = str(flags.container) ?? pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container']
    if (!name) {
      // kube: kubectl defaults to the first container and says so when there was a choice.
      name = spec.containers[0].name
      if (spec.containers.length > 1 || spec.initContainers?.length || spec.ephemeralContainers?.length) {
        ctx.out.note(`Defaulted container "${name}" out of: ${allContainerNames(pod)}`)
      }
    }
    if (!names.includes(name)) throw new CommandError(`error: container ${name} is not valid for pod ${pod.metadata!.name} out of: ${allContainerNames(pod)}`)
    containers = [name]
  }
  const tail = typeof flags.tail === 'number' ? flags.tail : -1
  const prefix = bool(flags.prefix)
  for (const container of containers) {
    let lines = nodes.logs(namespace, pod.metadata!.name!, container, { previous: bool(flags.previous) })
    if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail)
    let text = ''
    for (const l of lines) {
      const head = prefix ? `[pod/${pod.metadata!.name}/${container}] ` : ''
      text += `${head}${bool(flags.timestamps) ? `${l.timestamp} ` : ''}${l.line}\n`
    }
    if (text) ctx.out.out(text)
  }
}

/** POD, pod/NAME, or TYPE/NAME of an object with a selector (the first of its pods). */
function findPod(ctx: CommandContext, namespace: string, args: string[]): Pod {
  const api = ctx.host.api
  let type = 'pod'
  let name = args[0]
  if (args.length === 2) [type, name] = args
  else if (name.includes('/')) [type, name] = [name.slice(0, name.indexOf('/')), name.slice(name.indexOf('/') + 1)]
  const info = resolveResource(api, type)
  if (info.kind === 'Pod') return api.get<Pod>('Pod', namespace, name)
  const owner = api.get<{ spec?: { selector?: LabelSelector | Record<string, string> } }>(info.kind, namespace, name)
  const raw = owner.spec?.selector
  const selector = raw && ('matchLabels' in raw || 'matchExpressions' in raw) ? raw as LabelSelector : { matchLabels: raw as Record<string, string> | undefined }
  const sel = fromLabelSelector(selector)
  const pods = sel ? api.list<Pod>('Pod', { namespace }).filter((p) => matches(sel, p.metadata?.labels ?? {})) : []
  if (!pods.length) throw new CommandError(`error: timed out waiting for the condition`)
  // kube: podutils.ByLogging prefers a running, ready pod.
  const score = (p: Pod) => (p.status?.phase === 'Running' ? 0 : 1) + (p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 0 : 1)
  pods.sort((a, b) => score(a) - score(b) || (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : 1))
  if (pods.length > 1) ctx.out.note(`Found ${pods.length} pods, using pod/${pods[0].metadata!.name}`)
  return pods[0]
}
