/**
 * kubectl patch (kube: kubectl/pkg/cmd/patch): `kubectl patch TYPE NAME -p PATCH [--type
 * strategic|merge|json]`, the patch in JSON or YAML, from -p or --patch-file, on the object, its
 * status or its scale subresource. Strategic merge (the default) is computed here with the
 * built-in kinds' merge keys and sent whole; merge and JSON patches go to the server as they are.
 * Prints `deployment.apps/web patched`, or `patched (no change)` when the object stayed the same.
 */
import { load } from 'js-yaml'
import type { KindInfo, KubeObject, PatchType } from '../../apiserver/types'
import { jsonPatch, mergePatch } from '../../apiserver/patch'
import { formatError } from '../errors'
import { parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { readManifests } from '../manifests'
import { jsonEqual } from '../merge'
import { strategicMerge } from '../strategic-merge'
import { namespaceOf, type CommandContext } from '../context'
import { locate } from './apply'
import { checkOutput, dryRunOf, dryRunSuffix, printResult, writeContext, type DryRun } from './mutation'
import { resourceTargets, type Target } from './targets'

const FLAGS: FlagSpec[] = [
  { name: 'patch', short: 'p', type: 'string' },
  { name: 'patch-file', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'local', type: 'bool' },
  { name: 'subresource', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'allow-missing-template-keys', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
]

const TYPES = ['json', 'merge', 'strategic']
const SUBRESOURCES = ['status', 'scale']
const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']

/** Reads `-p` as YAML or JSON (kube: yaml.ToJSON). */
function parsePatch(text: string): unknown {
  try {
    return load(text)
  } catch (e) {
    const ex = e as { reason?: string; mark?: { line: number } }
    throw new CommandError(`error: unable to parse "${text}": error converting YAML to JSON: yaml: line ${(ex.mark?.line ?? 0) + 1}: ${ex.reason ?? String(e)}`)
  }
}

/** The patch applied to `current`, as the server would apply a patch of that type. */
export function applyPatch(info: KindInfo, current: unknown, body: unknown, type: PatchType): unknown {
  if (type === 'json') return jsonPatch(current, body)
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new CommandError(`error: unable to parse "${JSON.stringify(body)}": json: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body} into Go value of type map[string]interface {}`)
  }
  return type === 'merge' ? mergePatch(current, body) : strategicMerge(info.kind, current, body)
}

export function patch(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('patch', words, FLAGS)
  const api = ctx.host.api
  const namespace = namespaceOf(ctx, flags.namespace)
  const text = str(flags.patch)
  const file = str(flags['patch-file'])
  if (text && file) throw new CommandError('error: cannot specify --patch and --patch-file together')
  if (!text && !file) throw new CommandError('error: must specify --patch or --patch-file containing the contents of the patch')
  const typeFlag = str(flags.type) ?? 'strategic'
  if (!TYPES.includes(typeFlag.toLowerCase())) throw new CommandError(`error: --type must be one of [${TYPES.join(' ')}], not "${typeFlag}"`)
  const type = typeFlag.toLowerCase() as PatchType
  const subresource = str(flags.subresource)
  if (subresource !== undefined && !SUBRESOURCES.includes(subresource)) {
    throw new CommandError(`error: invalid subresource value: "${subresource}". Must be one of [${SUBRESOURCES.join(' ')}]`)
  }
  const dryRun = dryRunOf(flags)
  const output = checkOutput(flags)
  let source = text ?? ''
  if (file) {
    if (!ctx.opts.readFile) throw new CommandError(`error: unable to read patch file: open ${file}: no such file or directory`)
    try {
      source = ctx.opts.readFile(file)
    } catch {
      throw new CommandError(`error: unable to read patch file: open ${file}: no such file or directory`)
    }
  }
  const body = parsePatch(source)

  const files = (flags.filename as string[] | undefined) ?? []
  let targets: Target[]
  if (files.length) {
    const set = readManifests(files, ctx.opts)
    for (const e of set.errors) ctx.out.err(e)
    targets = set.manifests.map((m) => {
      const t = locate(ctx, m, flags.namespace)
      return { info: t.info, namespace: t.namespace, name: t.name }
    })
  } else {
    targets = resourceTargets(api, args, namespace, 'patch')
  }
  for (const t of targets) {
    try {
      if (subresource === 'scale') patchScale(ctx, t, body, type, dryRun, output)
      else patchObject(ctx, t, body, type, subresource, dryRun, output)
    } catch (e) {
      ctx.out.err(formatError(e))
    }
  }
}

function patchObject(ctx: CommandContext, t: Target, body: unknown, type: PatchType, subresource: string | undefined, dryRun: DryRun, output: string | undefined): void {
  const api = ctx.host.api
  const current = api.get<KubeObject>(t.info.kind, t.namespace, t.name)
  const patched = applyPatch(t.info, current, body, type) as KubeObject
  let result: KubeObject
  if (dryRun === 'client') result = patched
  else {
    // The merged object goes to the server whole (a JSON patch replacing the root), so the server
    // validates, defaults and records it as a patch at the version it was computed from.
    const replaceRoot = [{ op: 'replace', path: '', value: patched }]
    result = api.patch<KubeObject>(t.info.kind, t.namespace, t.name, replaceRoot, writeContext(dryRun), {
      type: 'json', subresource: subresource === 'status' ? 'status' : undefined,
    })
  }
  const changed = !jsonEqual(result, current)
  printResult(ctx, t.info, result, `patched${changed ? '' : ' (no change)'}${dryRunSuffix(dryRun)}`, output)
}

/** The autoscaling/v1 Scale of a workload (kube: the scale subresource). */
function scaleOf(obj: KubeObject): KubeObject {
  const spec = obj.spec as { replicas?: number } | undefined
  const status = obj.status as { replicas?: number; selector?: string } | undefined
  const meta = obj.metadata!
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name: meta.name, namespace: meta.namespace, uid: meta.uid, resourceVersion: meta.resourceVersion, creationTimestamp: meta.creationTimestamp },
    spec: { replicas: spec?.replicas ?? 0 },
    status: { replicas: status?.replicas ?? 0, ...(status?.selector ? { selector: status.selector } : {}) },
  }
}

function patchScale(ctx: CommandContext, t: Target, body: unknown, type: PatchType, dryRun: DryRun, output: string | undefined): void {
  const api = ctx.host.api
  if (!SCALABLE.includes(t.info.kind)) {
    throw new CommandError(`error: the server could not find the requested resource`)
  }
  const current = api.get<KubeObject>(t.info.kind, t.namespace, t.name)
  const before = scaleOf(current)
  // kube: the Scale kind has no patch strategy of its own; strategic merge acts as a merge patch.
  const after = applyPatch(t.info, before, body, type === 'strategic' ? 'merge' : type) as KubeObject
  const replicas = (after.spec as { replicas?: number } | undefined)?.replicas
  let result = current
  if (dryRun !== 'client' && replicas !== (current.spec as { replicas?: number }).replicas) {
    result = api.patch<KubeObject>(t.info.kind, t.namespace, t.name, { spec: { replicas } }, writeContext(dryRun))
  }
  const shown = dryRun === 'client' ? after : scaleOf(result)
  const changed = !jsonEqual(shown.spec, before.spec)
  const operation = `patched${changed ? '' : ' (no change)'}${dryRunSuffix(dryRun)}`
  printResult(ctx, t.info, shown, operation, output)
}
