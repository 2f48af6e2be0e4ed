/**
 * kubectl apply -f (client-side apply) and kubectl create -f. Apply records the configuration in
 * the `kubectl.kubernetes.io/last-applied-configuration` annotation and updates live objects with a
 * three-way merge; create only creates. Documents are applied one by one: a failing one is reported
 * after the others, and the command then exits 1.
 */
import type { KindInfo, KubeObject } from '../../apiserver/types'
import { formatError, withSource } from '../errors'
import { bool, parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { readManifests, type Manifest } from '../manifests'
import { jsonEqual, threeWayMerge } from '../merge'
import { sortKeys } from '../printers/yaml'
import { kindString } from '../resources'
import { ACTOR, namespaceOf, type CommandContext } from '../context'
import { createNamespace } from './create-namespace'
import { createConfigMap, createSecret } from './create-config'

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

function applyOne(ctx: CommandContext, t: Target, dryRun: boolean, source: string | undefined): string {
  const api = ctx.host.api
  const suffix = dryRun ? ' (dry run)' : ''
  const label = `${kindString(t.info)}/${t.name}`
  const annotation = lastAppliedOf(t.object)
  const live = api.find<KubeObject>(t.info.kind, t.namespace, t.name)
  if (!live) {
    // kube: apply.go creates a missing object and words its errors AddSourceToErr("creating", ...).
    try {
      if (!dryRun) api.create(withAnnotation(t.object, annotation), ACTOR)
    } catch (e) {
      throw new Sourced(withSource(e, 'creating', source))
    }
    return `${label} created${suffix}`
  }
  const lastText = live.metadata?.annotations?.[LAST_APPLIED]
  let last: unknown = {}
  if (lastText) {
    try { last = JSON.parse(lastText) } catch { last = {} }
  }
  const config = withAnnotation(t.object, annotation)
  const { status: _status, ...configSansStatus } = config
  const merged = threeWayMerge(structuredClone(live), last, configSansStatus) as KubeObject
  if (jsonEqual(merged, live)) return `${label} unchanged${suffix}`
  if (!dryRun) api.update(merged, ACTOR)
  return `${label} configured${suffix}`
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
  const dryRun = str(flags['dry-run']) === 'client' || str(flags['dry-run']) === 'server'
  const output = str(flags.output)
  const set = readManifests(files, ctx.opts)
  const errors = [...set.errors]
  for (const m of set.manifests) {
    try {
      const t = locate(ctx, m, flags.namespace)
      if (!t.name) throw new CommandError(`error: error when ${command === 'apply' ? 'retrieving current configuration of' : 'creating'} "${m.source}": resource name may not be empty`)
      let line: string
      if (command === 'apply') {
        line = applyOne(ctx, t, dryRun, m.source)
      } else {
        try {
          if (!dryRun) ctx.host.api.create(t.object, ACTOR)
        } catch (e) {
          throw withSource(e, 'creating', m.source)
        }
        line = `${kindString(t.info)}/${t.name} created${dryRun ? ' (dry run)' : ''}`
      }
      ctx.out.out(output === 'name' ? line.replace(/ \S+( \(dry run\))?$/, '') : line)
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
  if (sub !== undefined) {
    throw new CommandError(`error: "kubectl create ${sub}" is not supported by this simulator; use kubectl create -f FILE`)
  }
  run(ctx, words, 'create')
}
