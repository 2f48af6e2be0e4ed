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
import { formatError } from '../errors'
import { parseGoDuration } from './targets'

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
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'since-time', type: 'string' },
  { name: 'all-pods', type: 'bool' },
  { name: 'insecure-skip-tls-verify-backend', type: 'bool' },
]

// kube default: --max-log-requests 5 (concurrent follow streams with a selector).
const MAX_LOG_REQUESTS = 5
// kube default: --tail is -1 for one pod, 10 lines per container with a selector.
const SELECTOR_TAIL = 10

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
  const selector = str(flags.selector)
  if (selector && args.length) throw new CommandError('error: only a selector (-l) or a POD name is allowed')
  if (!selector && (!args.length || args.length > 2)) throw new CommandError(USAGE)
  const since = str(flags.since)
  const sinceTime = str(flags['since-time'])
  if (since && sinceTime) throw new CommandError('error: at most one of `sinceTime` or `sinceSeconds` may be specified')
  if (typeof flags['limit-bytes'] === 'number' && flags['limit-bytes'] < 0) throw new CommandError('error: --limit-bytes must be greater than 0')
  if (typeof flags.tail === 'number' && flags.tail < -1) throw new CommandError('error: --tail must be greater than or equal to -1')
  const cutoff = sinceCutoff(ctx, since, sinceTime)
  const namespace = namespaceOf(ctx, flags.namespace)
  const nodes = ctx.host.nodes
  if (!nodes?.logs) throw new CommandError('error: this cluster does not serve container logs')
  let pods: Pod[]
  if (selector) {
    pods = ctx.host.api.list<Pod>('Pod', { namespace, labelSelector: selector })
    if (!pods.length) {
      ctx.out.note(`No resources found in ${namespace} namespace.`)
      return
    }
  } else pods = [findPod(ctx, namespace, args)]
  const all = bool(flags['all-containers'])
  const streams = pods.flatMap((pod) => containersOf(ctx, pod, str(flags.container), all, !selector).map((container) => ({ pod, container })))
  const max = typeof flags['max-log-requests'] === 'number' ? flags['max-log-requests'] : MAX_LOG_REQUESTS
  if (bool(flags.follow) && streams.length > max) {
    throw new CommandError(`error: you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`)
  }
  const tail = typeof flags.tail === 'number' ? flags.tail : selector ? SELECTOR_TAIL : -1
  const prefix = bool(flags.prefix)
  const limit = typeof flags['limit-bytes'] === 'number' && flags['limit-bytes'] > 0 ? flags['limit-bytes'] : undefined
  for (const { pod, container } of streams) {
    let lines
    try {
      lines = nodes.logs(pod.metadata!.namespace!, pod.metadata!.name!, container, { previous: bool(flags.previous) })
    } catch (e) {
      if (!selector && !bool(flags['ignore-errors'])) throw e
      ctx.out.err(formatError(e), bool(flags['ignore-errors']) ? 0 : 1)
      continue
    }
    if (cutoff !== undefined) lines = lines.filter((l) => timeOf(l.timestamp) >= cutoff)
    if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail)
    let text = ''
    for (const l of lines) {
      const head = prefix ? `[pod/${pod.metadata!.name}/${container}] ` : ''
      text += `${head}${bool(flags.timestamps) ? `${l.timestamp} ` : ''}${l.line}\n`
    }
    if (limit !== undefined) text = text.slice(0, limit)
    if (text) ctx.out.stdout += text
  }
}

/** The containers whose logs are read: `-c`, all of them, or the default one (said when there was a choice). */
function containersOf(ctx: CommandContext, pod: Pod, flag: string | undefined, all: boolean, explain: boolean): string[] {
  const spec = pod.spec!
  const names = [...(spec.initContainers ?? []), ...spec.containers].map((c) => c.name)
  if (all) return names
  let name = flag ?? pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container']
  if (!name) {
    // kube: kubectl defaults to the first container and says so when there was a choice.
    name = spec.containers[0].name
    if (explain && (spec.containers.length > 1 || spec.initContainers?.length || spec.ephemeralContainers?.length)) {
      ctx.out.note(`Defaulted container "${name}" out of: ${allContainerNames(pod)}`)
    }
  }
  if (!names.includes(name)) throw new CommandError(`error: container ${name} is not valid for pod ${pod.metadata!.name} out of: ${allContainerNames(pod)}`)
  return [name]
}

/** Milliseconds of an RFC 3339 timestamp, nanoseconds cut to what a Date holds. */
function timeOf(ts: string): number {
  return Date.parse(ts.replace(/(\.\d{3})\d*/, '$1'))
}

/** --since=1h (a Go duration) or --since-time=RFC3339, as an absolute virtual time. */
function sinceCutoff(ctx: CommandContext, since: string | undefined, sinceTime: string | undefined): number | undefined {
  if (since) {
    const ms = parseGoDuration(since, 'since', 'logs')
    if (ms <= 0) throw new CommandError('error: --since must be greater than 0')
    return ctx.host.clock.now() - ms
  }
  if (sinceTime) {
    const t = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(sinceTime) ? timeOf(sinceTime) : NaN
    if (Number.isNaN(t)) throw new CommandError(`error: parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`)
    return t
  }
  return undefined
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
