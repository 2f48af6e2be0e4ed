/**
 * kubectl set resources (kube: kubectl/pkg/cmd/set/set_resources.go): `--limits=cpu=200m,memory=512Mi`
 * and `--requests=...` on the containers (`-c` wildcard) of a pod template or pod. Prints
 * `deployment.apps/web resource requirements updated`; no change prints nothing.
 */
import type { ResourceRequirements } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../apiserver/types'
import { isQuantity } from '../../apiserver/quantity'
import { namespaceOf, type CommandContext } from '../context'
import { formatError } from '../errors'
import { parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { jsonEqual } from '../merge'
import { checkOutput, dryRunOf, dryRunSuffix, printResult, writeContext } from './mutation'
import { containerMatcher, podSpecOf, setTargets } from './set-targets'

const FLAGS: FlagSpec[] = [
  { name: 'limits', type: 'string' },
  { name: 'requests', type: 'string' },
  { name: 'containers', short: 'c', type: 'string' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'local', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
]

/** kube: HandleResourceRequirementsV1 — `cpu=200m,memory=512Mi`, each value a quantity. */
function parseList(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of (text ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw new CommandError(`error: Invalid argument syntax ${pair}, expected <resource>=<value>`)
    const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)]
    if (!isQuantity(value)) throw new CommandError(`error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`)
    out[name] = value
  }
  return out
}

export function setResources(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('set resources', words, FLAGS)
  const namespace = namespaceOf(ctx, flags.namespace)
  if (!args.length) throw new CommandError("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl set resources -h' for help and examples")
  const limits = parseList(str(flags.limits))
  const requests = parseList(str(flags.requests))
  if (!Object.keys(limits).length && !Object.keys(requests).length) {
    throw new CommandError('error: you must specify an update to requests or limits (in the form of --requests/--limits)')
  }
  const dryRun = dryRunOf(flags)
  const output = checkOutput(flags)
  const matches = containerMatcher(str(flags.containers))
  const api = ctx.host.api
  for (const t of setTargets(ctx, args, flags, namespace, 'set resources')) {
    try {
      const obj = api.get<KubeObject>(t.info.kind, t.namespace, t.name)
      const next = structuredClone(obj)
      const spec = podSpecOf(next)
      if (!spec) {
        ctx.out.err(`error: ${t.info.resource}/${t.name} is not a pod or does not have a pod template`)
        continue
      }
      const containers = [...(spec.initContainers ?? []), ...spec.containers].filter((c) => matches(c.name))
      if (!containers.length) {
        ctx.out.note(`warning: ${t.info.resource}/${t.name} does not have any containers matching "${str(flags.containers) ?? '*'}"`)
        continue
      }
      for (const c of containers) {
        const r: ResourceRequirements = { ...(c.resources ?? {}) }
        if (Object.keys(limits).length) r.limits = { ...(r.limits ?? {}), ...limits }
        if (Object.keys(requests).length) r.requests = { ...(r.requests ?? {}), ...requests }
        c.resources = r
      }
      if (jsonEqual(next, obj)) continue
      const result = dryRun === 'client' ? next : api.update(next, writeContext(dryRun))
      printResult(ctx, t.info, result, `resource requirements updated${dryRunSuffix(dryRun)}`, output)
    } catch (e) {
      ctx.out.err(formatError(e))
    }
  }
}
