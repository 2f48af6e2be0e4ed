/**
 * kubectl apply -f (client-side apply) and kubectl create -f. Apply records the configuration in
 * the `kubectl.kubernetes.io/last-applied-configuration` annotation and updates live objects with a
 * three-way merge; create only creates. Documents are applied one by one: a failing one is reported
 * after the others, and the command then exits 1.
 */
import type { KindInfo, KubeObject } from '../../apiserver/types'
import { formatError, withSource } from '../errors'
import { bool, parseFlags, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { readManifests, type Manifest } from '../manifests'
import { jsonEqual, threeWayMerge } from '../merge'
import { sortKeys } from '../printers/yaml'
import { kindString } from '../resources'
import { namespaceOf, type CommandContext } from '../context'
import { createNamespace } from './create-namespace'
import { checkOutput, dryRunOf, dryRunSuffix, printResult, writeContext, type DryRun } from './mutation'
import { createConfigMap, createSecret } from './create-config'
import { createCronJob, createDeployment, createJob, createPriorityClass, createQuota, createService } from './create-workloads'

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

const FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'validate', type: 'string' },
  { name: 'server-side', type: 'bool' },
  { name: 'force-conflicts', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'save-config', type: 'bool' },
]

interface Target {
  info: KindInfo
  namespace: string | undefined
  name: string
  object: KubeObject
}

/** Maps a manifest to its kind and namespace, or explains as kubectl does why it cannot. */
export function locate(ctx: CommandContext, m: Manifest, nsFlag: unknown): Target {
  const obj = m.object
  const meta = obj.metadata ?? {}
  const info = ctx.host.api.kinds().find((k) => k.kind === obj.kind && (k.apiVersion === obj.apiVersion || k.alternateVersions?.includes(String(obj.apiVersion))))
  if (!info) {
    throw new CommandError(
      `error: resource mapping not found for name: "${meta.name ?? ''}" namespace: "${meta.namespace ?? ''}" from "${m.source}": ` +
      `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
    )
  }
  const namespace = namespaceOf(ctx, nsFlag)
  if (info.namespaced && meta.namespace && typeof nsFlag === 'string' && nsFlag && meta.namespace !== nsFlag) {
    throw new CommandError(
      `error: the namespace from the provided object "${meta.namespace}" does not match the namespace "${nsFlag}". ` +
      `You must pass '--namespace=${meta.namespace}' to perform this operation.`,
    )
  }
  const ns = info.namespaced ? meta.namespace || namespace : undefined
  const object = structuredClone(obj)
  object.metadata = { ...meta }
  if (ns) object.metadata.namespace = ns
  else delete object.metadata.namespace
  return { info, namespace: ns, name: meta.name ?? '', object }
}

/** The annotation's value: the configuration itself, compact JSON with sorted keys and a newline. */
export function lastAppliedOf(config: KubeObject): string {
  const copy = structuredClone(config)
  const annotations = { ...(copy.metadata?.annotations ?? {}) }
  delete annotations[LAST_APPLIED]
  copy.metadata = { ...copy.metadata, annotations }
  return JSON.stringify(sortKeys(copy)) + '\n'
}

function withAnnotation(obj: KubeObject, value: string): KubeObject {
  const copy = structuredClone(obj)
  copy.metadata = { ...copy.metadata, annotations: { ...(copy.metadata?.annotations ?? {}), [LAST_APPLIED]: value } }
  return copy
}

/** An error that already names its source and verb. */
class Sourced {
  constructor(readonly error: unknown) {}
}

/** The line apply prints and the object as it is (or, in a dry run, would be) stored. */
interface Applied {
  line: string
  object: KubeObject
}

function applyOne(ctx: CommandContext, t: Target, dryRun: DryRun, source: string | undefined): Applied {
  const api = ctx.host.api
  const suffix = dryRunSuffix(dryRun)
  const request = writeContext(dryRun)
  const label = `${kindString(t.info)}/${t.name}`
  const annotation = lastAppliedOf(t.object)
  const live = api.find<KubeObject>(t.info.kind, t.namespace, t.name)
  if (!live) {
    // kube: apply.go creates a missing object and words its errors AddSourceToErr("creating", ...).
    const input = withAnnotation(t.object, annotation)
    let object = input
    try {
      if (dryRun !== 'client') object = api.create(input, request)
    } catch (e) {
      throw new Sourced(withSource(e, 'creating', source))
    }
    return { line: `${label} created${suffix}`, object }
  }
  const lastText = live.metadata?.annotations?.[LAST_APPLIED]
  let last: unknown = {}
  if (lastText) {
    try { last = JSON.parse(lastText) } catch { last = {} }
  }
  const config = withAnnotation(t.object, annotation)
  const { status: _status, ...configSansStatus } = config
  const merged = threeWayMerge(structuredClone(live), last, configSansStatus) as KubeObject
  if (jsonEqual(merged, live)) return { line: `${label} unchanged${suffix}`, object: live }
  const object = dryRun === 'client' ? merged : api.update(merged, request)
  return { line: `${label} configured${suffix}`, object }
}

function run(ctx: CommandContext, words: string[], command: 'apply' | 'create'): void {
  const { flags } = parseFlags(command, words, FLAGS)
  const files = (flags.filename as string[] | undefined) ?? []
  if (!files.length) {
    throw new CommandError(command === 'apply'
      ? "error: must specify one of -f and -k"
      : "error: must specify one of -f and -k\n\nSee 'kubectl create -h' for help and examples")
  }
  if (bool(flags['server-side'])) throw new CommandError('error: --server-side is not supported by this simulator')
  const dryRun = dryRunOf(flags)
  const output = checkOutput(flags)
  const set = readManifests(files, ctx.opts, bool(flags.recursive))
  const errors = [...set.errors]
  let printed = 0
  for (const m of set.manifests) {
    try {
      const t = locate(ctx, m, flags.namespace)
      if (!t.name) throw new CommandError(`error: error when ${command === 'apply' ? 'retrieving current configuration of' : 'creating'} "${m.source}": resource name may not be empty`)
      let done: Applied
      if (command === 'apply') {
        done = applyOne(ctx, t, dryRun, m.source)
      } else {
        let object = t.object
        try {
          if (dryRun !== 'client') object = ctx.host.api.create(t.object, writeContext(dryRun))
        } catch (e) {
          throw withSource(e, 'creating', m.source)
        }
        done = { line: `${kindString(t.info)}/${t.name} created${dryRunSuffix(dryRun)}`, object }
      }
      // kube: the YAML printer separates the objects it prints with `---`.
      if (output === 'yaml' && printed++) ctx.out.out('---')
      if (output === 'yaml' || output === 'json') printResult(ctx, t.info, done.object, '', output)
      else ctx.out.out(output === 'name' ? done.line.split(' ')[0] : done.line)
    } catch (e) {
      if (e instanceof Sourced) errors.push(formatError(e.error))
      else errors.push(formatError(command === 'apply' ? withSource(e, 'applying', m.source) : e))
    }
  }
  for (const e of errors) ctx.out.err(e)
}

export const apply = (ctx: CommandContext, words: string[]) => run(ctx, words, 'apply')
// Flags that take the next word as their value when written `-n ns` (not `-n=ns`).
const VALUE_FLAGS = new Set(['-n', '--namespace', '-f', '--filename', '-o', '--output', '--dry-run', '--context', '--field-manager', '--validate'])

export const create = (ctx: CommandContext, words: string[]) => {
  // The generator subcommand is the first word that is neither a flag nor a flag's value.
  let i = 0
  while (i < words.length && words[i].startsWith('-')) i += VALUE_FLAGS.has(words[i]) ? 2 : 1
  const sub = words[i]
  const rest = [...words.slice(0, i), ...words.slice(i + 1)]
  if (sub === 'namespace' || sub === 'ns') return createNamespace(ctx, rest)
  if (sub === 'configmap' || sub === 'cm') return createConfigMap(ctx, rest)
  if (sub === 'secret') return createSecret(ctx, rest)
  if (sub === 'deployment' || sub === 'deploy') return createDeployment(ctx, rest)
  if (sub === 'service' || sub === 'svc') return createService(ctx, rest)
  if (sub === 'job') return createJob(ctx, rest)
  if (sub === 'cronjob' || sub === 'cj') return createCronJob(ctx, rest)
  if (sub === 'quota' || sub === 'resourcequota') return createQuota(ctx, rest)
  if (sub === 'priorityclass' || sub === 'pc') return createPriorityClass(ctx, rest)
  if (sub !== undefined) {
    throw new CommandError(`error: "kubectl create ${sub}" is not supported by this simulator; use kubectl create -f FILE`)
  }
  run(ctx, words, 'create')
}
