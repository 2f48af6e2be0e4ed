/**
 * kubectl exec: runs a command in a container of a running pod through the pods/exec subresource,
 * which the API server hands to the pod's kubelet. The command runs at once on the container's
 * program context (its files, its network); its output and exit code come back as kubectl prints
 * them (`command terminated with exit code N` on stderr, and that exit code).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import { fromLabelSelector, matches } from '../../apiserver/labels'
import { parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { resolveResource } from '../resources'
import { ApiError } from '../../apiserver/types'
import { namespaceOf, type CommandContext } from '../context'

const FLAGS: FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'pod-running-timeout', type: 'string' },
]

const HELP = "See 'kubectl exec -h' for help and examples"

export function exec(ctx: CommandContext, words: string[]): void {
  const dash = words.indexOf('--')
  const { flags, args } = parseFlags('exec', dash < 0 ? words : words.slice(0, dash), FLAGS)
  const command = dash < 0 ? [] : words.slice(dash + 1)
  if (!args.length) throw new CommandError(`error: pod, type/name or --filename must be specified\n${HELP}`)
  // kube: the `exec POD COMMAND` form without `--` was removed.
  if (args.length > 1) throw new CommandError(`error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n${HELP}`)
  if (!command.length) throw new CommandError(`error: you must specify at least one command for the container\n${HELP}`)
  const namespace = namespaceOf(ctx, flags.namespace)
  const pod = findPod(ctx, namespace, args[0])
  const phase = pod.status?.phase
  if (phase === 'Succeeded' || phase === 'Failed') {
    throw new CommandError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`)
  }
  const container = pickContainer(ctx, pod, str(flags.container), flags.quiet === true)
  const nodes = ctx.host.nodes
  if (!nodes?.exec) throw new CommandError('error: this cluster does not run commands in containers')
  let r: { code: number; stdout: string; stderr: string }
  try {
    r = nodes.exec(namespace, pod.metadata!.name!, container, command)
  } catch (e) {
    // The streaming upgrade fails on kubectl's side (`error: unable to upgrade connection: …`);
    // a kubelet that cannot be dialled is the API server's error.
    if (e instanceof ApiError) throw new CommandError(e.code === 400 ? `error: ${e.message}` : `Error from server: ${e.message}`)
    throw e
  }
  // A binary the image does not ship (the runtime, not a shell, reports it).
  // EXEC helper: dash (Debian images) says `sh: 1: ps: not found`.
  if (r.code === 127 && /^sh: (?:\d+: )?[^:]+: not found\n$/.test(r.stderr) && !/^(\/bin\/)?(sh|bash|ash)$/.test(command[0])) {
    throw new CommandError(`error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${hex64(pod, command)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": executable file not found in $PATH: unknown`)
  }
  if (r.stdout) ctx.out.out(r.stdout)
  if (r.stderr) ctx.out.note(r.stderr)
  if (r.code !== 0) ctx.out.err(`command terminated with exit code ${r.code}`, r.code)
}

/** `POD`, `pod/NAME`, or `TYPE/NAME` of a workload: its first running pod. */
function findPod(ctx: CommandContext, namespace: string, target: string): Pod {
  const api = ctx.host.api
  const slash = target.indexOf('/')
  if (slash < 0) return api.get<Pod>('Pod', namespace, target)
  const info = resolveResource(api, target.slice(0, slash))
  const name = target.slice(slash + 1)
  if (info.kind === 'Pod') return api.get<Pod>('Pod', namespace, name)
  const owner = api.get<{ spec?: { selector?: LabelSelector | Record<string, string> } }>(info.kind, namespace, name)
  const raw = owner.spec?.selector
  const selector = raw && ('matchLabels' in raw || 'matchExpressions' in raw) ? raw as LabelSelector : { matchLabels: raw as Record<string, string> | undefined }
  const sel = fromLabelSelector(selector)
  const pods = sel ? api.list<Pod>('Pod', { namespace }).filter((p) => matches(sel, p.metadata?.labels ?? {})) : []
  if (!pods.length) throw new CommandError('error: timed out waiting for the condition')
  // kube: GetFirstPod sorts by podutils.ActivePods — running and ready pods first, then the oldest.
  const score = (p: Pod) => (p.status?.phase === 'Running' ? 0 : 1) + (p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 0 : 1)
  pods.sort((a, b) => score(a) - score(b) || (a.metadata!.creationTimestamp! < b.metadata!.creationTimestamp! ? -1 : 1))
  return pods[0]
}

/** kube: podcmd.FindOrDefaultContainerByName. */
function pickContainer(ctx: CommandContext, pod: Pod, name: string | undefined, quiet: boolean): string {
  const spec = pod.spec!
  const all = [...spec.containers, ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => c.name)
  const names = [
    ...spec.containers.map((c) => c.name),
    ...(spec.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(spec.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ')
  const wanted = name ?? pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container']
  if (wanted) {
    if (!all.includes(wanted)) throw new CommandError(`error: container ${wanted} is not valid for pod ${pod.metadata!.name} out of: ${names}`)
    return wanted
  }
  const first = spec.containers[0].name
  if (!quiet && all.length > 1) ctx.out.note(`Defaulted container "${first}" out of: ${names}`)
  return first
}

/** A stable exec id for the runtime's message (the real one is random). */
function hex64(pod: Pod, argv: string[]): string {
  let h = 0x811c9dc5
  for (const ch of `${pod.metadata!.uid}${argv.join(' ')}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0
  let s = ''
  for (let i = 0; i < 8; i++) {
    h = Math.imul(h ^ i, 0x01000193) >>> 0
    s += h.toString(16).padStart(8, '0')
  }
  return s
}
