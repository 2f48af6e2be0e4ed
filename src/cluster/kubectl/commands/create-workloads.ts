/**
 * kubectl create's generators for workloads and friends (kube: kubectl/pkg/cmd/create/):
 * `create deployment`, `create service clusterip|nodeport|loadbalancer|externalname`, `create job`
 * (also `--from=cronjob/NAME`), `create cronjob`, `create quota`, `create priorityclass`. Each
 * builds the object exactly as kubectl does before sending it: only the fields it sets, with the
 * empty `strategy: {}`, `resources: {}` and `status: {}` kubectl's typed structs print.
 */
import type { Deployment } from 'kubernetes-types/apps/v1'
import type { CronJob, Job } from 'kubernetes-types/batch/v1'
import type { Container, ResourceQuota, Service, ServicePort } from 'kubernetes-types/core/v1'
import type { PriorityClass } from 'kubernetes-types/scheduling/v1'
import type { KubeObject } from '../../apiserver/types'
import { bool, parseFlags, str, type FlagSpec, type FlagValues, firstArg } from '../flags'
import { CommandError } from '../host'
import { resolveResource } from '../resources'
import { namespaceOf, type CommandContext } from '../context'
import { checkOutput, dryRunOf, dryRunSuffix, printResult, writeContext } from './mutation'

const COMMON: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
]

/** Validates the flags, builds the object, then creates or prints it. */
function generate(ctx: CommandContext, command: string, words: string[], specs: FlagSpec[], build: (name: string, flags: FlagValues, rest: string[]) => KubeObject): void {
  const { flags, args } = parseFlags(command, words, [...specs, ...COMMON])
  const dashdash = words.indexOf('--')
  const named = dashdash < 0 ? args : args.slice(0, args.length - (words.length - dashdash - 1))
  const rest = dashdash < 0 ? [] : words.slice(dashdash + 1)
  if (named.length !== 1) {
    throw new CommandError(`error: exactly one NAME is required, got ${named.length}\nSee 'kubectl ${command} -h' for help and examples`)
  }
  const dryRun = dryRunOf(flags)
  const output = checkOutput(flags)
  const obj = build(named[0], flags, rest)
  const info = resolveResource(ctx.host.api, obj.kind!)
  const namespace = namespaceOf(ctx, flags.namespace)
  // kube: the object carries a namespace only when -n was given (EnforceNamespace).
  if (info.namespaced && str(flags.namespace)) obj.metadata!.namespace = namespace
  let shown = obj
  if (dryRun !== 'client') {
    const input = structuredClone(obj)
    delete input.status
    if (info.namespaced) input.metadata = { ...input.metadata, namespace }
    shown = ctx.host.api.create(input, writeContext(dryRun))
  }
  printResult(ctx, info, shown, `created${dryRunSuffix(dryRun)}`, output)
}

function required(flags: FlagValues, name: string): void {
  if (flags[name] === undefined) throw new CommandError(`error: required flag(s) "${name}" not set`)
}

/** kube: the container name kubectl derives from an image (`registry/nginx:1.27` → `nginx`). */
function containerName(image: string): string {
  let name = image.split('@')[0]
  const slash = name.lastIndexOf('/')
  name = name.slice(slash + 1).split(':')[0]
  return name.toLowerCase().replace(/[^a-z0-9-]/g, '-')
}

export function createDeployment(ctx: CommandContext, words: string[]): void {
  generate(ctx, 'create deployment', words, [
    { name: 'image', type: 'strings' },
    { name: 'replicas', short: 'r', type: 'int' },
    { name: 'port', type: 'int' },
  ], (name, flags, command) => {
    required(flags, 'image')
    const images = flags.image as string[]
    if (images.length > 1 && command.length) throw new CommandError('error: cannot specify multiple --image options and command')
    const labels = { app: name }
    const seen = new Map<string, number>()
    const containers: Container[] = images.map((image) => {
      let cname = containerName(image)
      const n = seen.get(cname) ?? 0
      seen.set(cname, n + 1)
      if (n) cname = `${cname}-${n}`
      const c: Container = { image, name: cname, resources: {} }
      if (command.length) c.command = command
      return c
    })
    if (typeof flags.port === 'number' && flags.port >= 0) containers[0].ports = [{ containerPort: flags.port }]
    const d: Deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels, name },
      spec: {
        replicas: typeof flags.replicas === 'number' ? flags.replicas : 1,
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { labels }, spec: { containers } },
      },
      status: {},
    }
    return d as KubeObject
  })
}

const SERVICE_TYPES: Record<string, string> = {
  clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName',
}

/** kube: `--tcp=port[:targetPort]`, the port named after the specifier. */
function servicePort(spec: string, nodePort: number | undefined): ServicePort {
  const [p, t] = spec.split(':')
  const port = Number(p)
  if (!/^\d+$/.test(p)) throw new CommandError(`error: strconv.Atoi: parsing "${p}": invalid syntax`)
  const target = t === undefined ? port : /^\d+$/.test(t) ? Number(t) : t
  const out: ServicePort = { name: spec.replace(/:/g, '-'), port, protocol: 'TCP', targetPort: target }
  if (nodePort) out.nodePort = nodePort
  return out
}

export function createService(ctx: CommandContext, words: string[]): void {
  const at = firstArg(words)
  const sub = at < 0 ? undefined : words[at]
  const type = sub ? SERVICE_TYPES[sub] : undefined
  if (!type) {
    throw new CommandError(sub === undefined
      ? "error: Required resource not specified.\nSee 'kubectl create service -h' for help and examples"
      : `error: unknown command "${sub}" for "kubectl create service"\nSee 'kubectl create service -h' for help and examples`)
  }
  const rest = [...words.slice(0, at), ...words.slice(at + 1)]
  generate(ctx, `create service ${sub}`, rest, [
    { name: 'tcp', type: 'strings' },
    { name: 'clusterip', type: 'string' },
    { name: 'node-port', type: 'int' },
    { name: 'external-name', type: 'string' },
  ], (name, flags) => {
    const tcp = (flags.tcp as string[] | undefined) ?? []
    if (type === 'ExternalName') {
      if (!str(flags['external-name'])) throw new CommandError('error: --external-name must be specified')
    } else if (!tcp.length) throw new CommandError('error: at least one tcp port specifier must be provided')
    const clusterIP = str(flags.clusterip)
    if (clusterIP === 'None' && type !== 'ClusterIP') throw new CommandError('error: ClusterIP=None can only be used with ClusterIP service type')
    const nodePort = typeof flags['node-port'] === 'number' ? flags['node-port'] : undefined
    const labels = { app: name }
    const spec: NonNullable<Service['spec']> = { ports: tcp.map((t) => servicePort(t, nodePort)), selector: labels, type }
    if (type === 'ExternalName') spec.externalName = str(flags['external-name'])
    if (clusterIP) spec.clusterIP = clusterIP
    if (!spec.ports!.length) delete spec.ports
    const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { labels, name }, spec, status: { loadBalancer: {} } }
    return svc as KubeObject
  })
}

export function createJob(ctx: CommandContext, words: string[]): void {
  generate(ctx, 'create job', words, [
    { name: 'image', type: 'string' },
    { name: 'from', type: 'string' },
  ], (name, flags, command) => {
    const from = str(flags.from)
    const image = str(flags.image)
    if (from && image) throw new CommandError('error: either --image or --from must be specified')
    if (from && command.length) throw new CommandError('error: cannot specify --from and command')
    if (!from && !image) throw new CommandError('error: either --image or --from must be specified')
    if (from) return jobFromCronJob(ctx, name, from, flags)
    const container: Container = { image, name, resources: {} }
    if (command.length) container.command = command
    const job: Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name },
      spec: { template: { metadata: {}, spec: { containers: [container], restartPolicy: 'Never' } } },
      status: {},
    }
    return job as KubeObject
  })
}

function jobFromCronJob(ctx: CommandContext, name: string, from: string, flags: FlagValues): KubeObject {
  const slash = from.indexOf('/')
  const type = from.slice(0, slash)
  const info = slash > 0 ? ctx.host.api.resolveKind(type) : undefined
  if (info?.kind !== 'CronJob') throw new CommandError(`error: from must be an existing cronjob: ${from}`)
  const cron = ctx.host.api.get<CronJob>('CronJob', namespaceOf(ctx, flags.namespace), from.slice(slash + 1))
  const template = cron.spec!.jobTemplate
  // kube: a manual run is marked so the CronJob controller can tell it from a scheduled one.
  const annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) }
  const job: Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      annotations,
      ...(template.metadata?.labels ? { labels: template.metadata.labels } : {}),
      name,
      ownerReferences: [{ apiVersion: 'batch/v1', controller: true, kind: 'CronJob', name: cron.metadata!.name!, uid: cron.metadata!.uid! }],
    },
    spec: structuredClone(template.spec),
    status: {},
  }
  return job as KubeObject
}

export function createCronJob(ctx: CommandContext, words: string[]): void {
  generate(ctx, 'create cronjob', words, [
    { name: 'image', type: 'string' },
    { name: 'schedule', type: 'string' },
    { name: 'restart', type: 'string' },
  ], (name, flags, command) => {
    required(flags, 'image')
    required(flags, 'schedule')
    const restart = str(flags.restart) ?? 'OnFailure'
    const container: Container = { image: str(flags.image), name, resources: {} }
    if (command.length) container.command = command
    const cron: CronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name },
      spec: {
        jobTemplate: {
          metadata: { name },
          spec: { template: { metadata: {}, spec: { containers: [container], restartPolicy: restart } } },
        },
        schedule: str(flags.schedule)!,
      },
      status: {},
    }
    return cron as KubeObject
  })
}

export function createQuota(ctx: CommandContext, words: string[]): void {
  generate(ctx, 'create quota', words, [
    { name: 'hard', type: 'string' },
    { name: 'scopes', type: 'string' },
  ], (name, flags) => {
    const hard: Record<string, string> = {}
    for (const pair of (str(flags.hard) ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      if (eq <= 0) throw new CommandError(`error: invalid argument for --hard: ${pair}`)
      hard[pair.slice(0, eq)] = pair.slice(eq + 1)
    }
    const scopes = (str(flags.scopes) ?? '').split(',').filter(Boolean)
    const quota: ResourceQuota = {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name },
      spec: { ...(Object.keys(hard).length ? { hard } : {}), ...(scopes.length ? { scopes } : {}) },
      status: {},
    }
    return quota as KubeObject
  })
}

export function createPriorityClass(ctx: CommandContext, words: string[]): void {
  generate(ctx, 'create priorityclass', words, [
    { name: 'value', type: 'int' },
    { name: 'global-default', type: 'bool' },
    { name: 'description', type: 'string' },
    { name: 'preemption-policy', type: 'string' },
  ], (name, flags) => {
    const pc: PriorityClass = {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name },
      // kube default: --preemption-policy PreemptLowerPriority, --value 0.
      preemptionPolicy: str(flags['preemption-policy']) ?? 'PreemptLowerPriority',
      value: typeof flags.value === 'number' ? flags.value : 0,
    }
    if (bool(flags['global-default'])) pc.globalDefault = true
    if (str(flags.description)) pc.description = str(flags.description)
    return pc as KubeObject
  })
}
