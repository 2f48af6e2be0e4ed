/**
 * kubectl run NAME --image=IMAGE [--port] [--env K=V] [--labels] [--restart] [--command] [-- ARGS…]:
 * one Pod labelled `run=NAME` whose single container is named NAME (kube: pkg/cmd/run). With
 * -i/--attach kubectl waits for the pod and attaches to it; this simulator has no terminal to give
 * the container, so it prints what kubectl prints when stdin is no terminal, then the output so far.
 */
import type { Container, EnvVar, Pod, Service } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../apiserver/types'
import { formatError } from '../errors'
import { bool, parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { toJson, toYaml } from '../printers/yaml'
import { ACTOR, namespaceOf, type CommandContext } from '../context'
import { runUntil } from './targets'

const FLAGS: FlagSpec[] = [
  { name: 'image', type: 'string' },
  { name: 'image-pull-policy', type: 'string' },
  { name: 'port', type: 'string' },
  { name: 'labels', short: 'l', type: 'string' },
  { name: 'restart', type: 'string' },
  { name: 'command', type: 'bool' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'attach', type: 'bool' },
  { name: 'rm', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'expose', type: 'bool' },
  { name: 'privileged', type: 'bool' },
  { name: 'leave-stdin-open', type: 'bool' },
  { name: 'pod-running-timeout', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'save-config', type: 'bool' },
]

// kube default: --pod-running-timeout=1m0s, how long an attaching kubectl waits for the pod.
const POD_RUNNING_TIMEOUT_MS = 60_000

/** --env and --annotations are string arrays: a comma belongs to the value, so they are taken out first. */
function takeArrays(words: string[], names: string[]): { values: Record<string, string[]>; rest: string[] } {
  const values: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]))
  const rest: string[] = []
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (w === '--') {
      rest.push(...words.slice(i))
      break
    }
    const name = names.find((n) => w === `--${n}` || w.startsWith(`--${n}=`))
    if (!name) rest.push(w)
    else if (w.includes('=')) values[name].push(w.slice(w.indexOf('=') + 1))
    else if (i + 1 < words.length) values[name].push(words[++i])
  }
  return { values, rest }
}

/** kube: ParsePairs — `k=v` each; a bad one fails with `invalid <what>: <pair>`. */
function pairs(list: string[], what: string): [string, string][] {
  return list.map((p) => {
    const eq = p.indexOf('=')
    if (eq <= 0) throw new CommandError(`error: invalid ${what}: ${p}`)
    return [p.slice(0, eq), p.slice(eq + 1)]
  })
}

export function run(ctx: CommandContext, words: string[]): void {
  const { values, rest } = takeArrays(words, ['env', 'annotations'])
  const dash = rest.indexOf('--')
  const { flags, args } = parseFlags('run', rest, FLAGS)
  // kube: NAME must come before `--` (ArgsLenAtDash), so `kubectl run -- sh` names nothing.
  const beforeDash = dash < 0 ? args.length : args.length - (rest.length - dash - 1)
  if (!args.length || beforeDash === 0) throw new CommandError('error: NAME is required for run')
  const image = str(flags.image)
  if (flags.image === undefined) throw new CommandError('error: required flag(s) "image" not set')
  if (!image) throw new CommandError('error: --image is required')
  if (!/^[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/.test(image)) {
    throw new CommandError(`error: invalid image name "${image}": invalid reference format`)
  }
  const stdin = bool(flags.stdin)
  const tty = bool(flags.tty)
  const attach = flags.attach === undefined ? stdin : bool(flags.attach)
  const dryRun = str(flags['dry-run'])
  if (dryRun !== undefined && !['none', 'client', 'server'].includes(dryRun)) {
    throw new CommandError(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`)
  }
  const port = str(flags.port)
  if (tty && !stdin) throw new CommandError('error: -i/--stdin is required for containers with -t/--tty=true')
  if (bool(flags.expose) && !port) throw new CommandError('error: --port must be set when exposing a service')
  if (port && !/^-?\d+$/.test(port)) throw new CommandError('error: --port must be a number')
  if (!attach && bool(flags.rm)) throw new CommandError('error: --rm should only be used for attached containers')
  if (attach && dryRun && dryRun !== 'none') {
    throw new CommandError("error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)")
  }
  const restart = str(flags.restart) ?? 'Always'
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
    throw new CommandError(`error: invalid restart policy: ${restart}, valid values are: Always, OnFailure, Never`)
  }
  const pullPolicy = str(flags['image-pull-policy'])
  if (pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) throw new CommandError(`error: invalid image pull policy: ${pullPolicy}`)

  const name = args[0]
  const userLabels = str(flags.labels) ? Object.fromEntries(pairs(str(flags.labels)!.split(','), 'label spec')) : undefined
  const labels = userLabels ?? { run: name }
  const annotations = Object.fromEntries(pairs(values.annotations, 'annotation'))
  const env: EnvVar[] = pairs(values.env, 'env').map(([k, v]) => ({ name: k, value: v }))
  const container: Container = { image, name }
  const commandArgs = args.slice(1)
  if (commandArgs.length) container[bool(flags.command) ? 'command' : 'args'] = commandArgs
  if (env.length) container.env = env
  if (pullPolicy) container.imagePullPolicy = pullPolicy
  if (port) container.ports = [{ containerPort: Number(port) }]
  if (bool(flags.privileged)) container.securityContext = { privileged: true }
  container.resources = {}
  if (stdin) {
    container.stdin = true
    if (!bool(flags['leave-stdin-open'])) container.stdinOnce = true
  }
  if (tty) container.tty = true
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...(Object.keys(annotations).length ? { annotations } : {}), labels, name },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  }
  const objects: KubeObject[] = [pod as KubeObject]
  if (bool(flags.expose)) {
    const service: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      // kube: the Service carries only the labels the user asked for; it selects the pod's.
      metadata: { ...(userLabels ? { labels: userLabels } : {}), name },
      spec: { ports: [{ port: Number(port), targetPort: Number(port) }], selector: labels },
      status: { loadBalancer: {} },
    }
    objects.push(service as KubeObject)
  }

  const namespace = namespaceOf(ctx, flags.namespace)
  const output = str(flags.output)
  if (output && !['yaml', 'json', 'name'].includes(output)) {
    throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`)
  }
  const created: KubeObject[] = []
  for (const obj of objects) {
    let shown = obj
    if (dryRun !== 'client') {
      const input = structuredClone(obj)
      input.metadata = { ...input.metadata, namespace }
      delete (input as { status?: unknown }).status
      try {
        shown = ctx.host.api.create(input, dryRun === 'server' ? { ...ACTOR, dryRun: true } : ACTOR)
      } catch (e) {
        if (obj === objects[0]) throw e
        ctx.out.err(formatError(e))
        continue
      }
    }
    created.push(shown)
  }
  if (attach) return attachTo(ctx, namespace, name, { tty, stdin, quiet: bool(flags.quiet), rm: bool(flags.rm), restart })
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
  for (const obj of created) {
    const ref = `${obj.kind!.toLowerCase()}/${obj.metadata!.name}`
    if (output === 'yaml') ctx.out.out(toYaml(obj).replace(/\n$/, ''))
    else if (output === 'json') ctx.out.out(toJson(obj).replace(/\n$/, ''))
    else if (output === 'name') ctx.out.out(ref)
    else ctx.out.out(`${ref} created${suffix}`)
  }
}

interface AttachOptions { tty: boolean; stdin: boolean; quiet: boolean; rm: boolean; restart: string }

/**
 * kube: handleAttachPod — wait (on the virtual clock) until the pod runs and is ready, or has
 * finished; a finished pod's logs are printed (and with --rm it is deleted, as kubectl does once the
 * session ends); a running one is attached to. The headless runner has no terminal, so kubectl's
 * notes for that case go to stderr, then the output so far. Real kubectl with --rm deletes the pod
 * when the user detaches; here nobody detaches, so the pod keeps running until `kubectl delete pod NAME`.
 */
function attachTo(ctx: CommandContext, namespace: string, name: string, o: AttachOptions): void {
  const { api, clock } = ctx.host
  const current = () => api.find<Pod>('Pod', namespace, name)
  const finished = (p: Pod | undefined) => p?.status?.phase === 'Succeeded' || p?.status?.phase === 'Failed'
  const ready = (p: Pod | undefined) => p?.status?.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
  const ok = runUntil(clock, () => { const p = current(); return !p || finished(p) || ready(p) }, clock.now() + POD_RUNNING_TIMEOUT_MS)
  if (!ok) throw new CommandError('error: timed out waiting for the condition')
  const pod = current()
  if (!pod) throw new CommandError(`error: pods "${name}" not found`)
  if (!finished(pod)) {
    if (o.tty) ctx.out.note('Unable to use a TTY - input is not a terminal or the right kind of file')
    if (o.stdin && !o.quiet) ctx.out.note("If you don't see a command prompt, try pressing enter.")
    printLogs(ctx, namespace, name)
    return
  }
  printLogs(ctx, namespace, name)
  if (o.rm) {
    api.delete('Pod', namespace, name, ACTOR)
    if (!o.quiet) ctx.out.out(`pod "${name}" deleted from ${namespace} namespace`)
  }
  // kube: with restart Never or OnFailure, the exit code of the container is kubectl's.
  const terminated = pod.status?.containerStatuses?.[0]?.state?.terminated
  if (pod.status?.phase === 'Failed' && o.restart !== 'Always' && terminated && terminated.exitCode !== 0) {
    throw new CommandError(`pod ${namespace}/${name} terminated (${terminated.reason ?? 'Error'})\n${terminated.message ?? ''}`, terminated.exitCode)
  }
}

function printLogs(ctx: CommandContext, namespace: string, name: string): void {
  try {
    const lines = ctx.host.nodes?.logs?.(namespace, name, name) ?? []
    if (lines.length) ctx.out.out(lines.map((l) => l.line).join('\n'))
  } catch (e) {
    ctx.out.note(`warning: couldn't fetch pre-attach logs: ${formatError(e).replace(/^Error from server \(\w+\): /, '')}`)
  }
}
