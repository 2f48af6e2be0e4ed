/**
 * kubectl label and kubectl annotate (kubectl/pkg/cmd/label, annotate): `key=value` sets, `key-`
 * removes. An existing key is only replaced with --overwrite. Prints `node/node-1 labeled`
 * (`unlabeled` when only removing, `not labeled` when nothing changed) or `pod/x annotated`.
 */
import type { KubeObject } from '../../apiserver/types'
import { validateLabels } from '../../apiserver/validation'
import { checkOutput, dryRunOf, dryRunSuffix, printResult, writeContext } from './mutation'
import { namespaceOf, type CommandContext } from '../context'
import { formatError } from '../errors'
import { bool, parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { byNamespaceAndName, resolveResource } from '../resources'
import { resourceTargets, type Target } from './targets'

const FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'overwrite', type: 'bool' },
  { name: 'list', type: 'bool' },
  { name: 'local', type: 'bool' },
  { name: 'dry-run', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'resource-version', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'field-manager', type: 'string' },
]

type Field = 'labels' | 'annotations'

function parseChanges(specs: string[], field: Field): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {}
  const remove: string[] = []
  for (const s of specs) {
    if (s.endsWith('-') && !s.includes('=')) remove.push(s.slice(0, -1))
    else {
      const eq = s.indexOf('=')
      if (eq <= 0) throw new CommandError(`error: invalid ${field === 'labels' ? 'label' : 'annotation'} format: ${s}`)
      set[s.slice(0, eq)] = s.slice(eq + 1)
    }
  }
  if (field === 'labels') {
    const causes = validateLabels('labels', set)
    if (causes.length) throw new CommandError(`error: invalid label spec: ${Object.keys(set).join(',')}: ${causes[0].message}`)
  }
  const both = remove.filter((k) => k in set)
  if (both.length) throw new CommandError(`error: can not both modify and remove the following ${field === 'labels' ? 'label' : 'annotation'}(s) in the same command: ${both.join(', ')}`)
  return { set, remove }
}

function run(ctx: CommandContext, words: string[], field: Field): void {
  const command = field === 'labels' ? 'label' : 'annotate'
  const { flags, args } = parseFlags(command, words, FLAGS)
  const api = ctx.host.api
  const namespace = namespaceOf(ctx, flags.namespace)
  const isSpec = (s: string) => s.includes('=') || s.endsWith('-')
  const resources = args.filter((a) => !isSpec(a))
  const specs = args.filter(isSpec)
  if (!resources.length) throw new CommandError(`error: one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl ${command} -h' for help and examples`)
  if (!specs.length && !bool(flags.list)) throw new CommandError(`error: at least one ${field === 'labels' ? 'label' : 'annotation'} update is required\nSee 'kubectl ${command} -h' for help and examples`)
  const { set, remove } = parseChanges(specs, field)
  const selector = str(flags.selector)
  let targets: Target[]
  if (resources.length === 1 && !resources[0].includes('/')) {
    const info = resolveResource(api, resources[0])
    if (!selector && !bool(flags.all)) throw new CommandError('error: resource(s) were provided, but no name was specified')
    const ns = info.namespaced && !bool(flags['all-namespaces']) ? namespace : undefined
    targets = api.list<KubeObject>(info.kind, { namespace: ns, labelSelector: selector }).sort(byNamespaceAndName)
      .map((o) => ({ info, namespace: o.metadata?.namespace, name: o.metadata!.name! }))
  } else {
    targets = resourceTargets(api, resources, namespace, command)
  }
  const overwrite = bool(flags.overwrite)
  const dryRun = dryRunOf(flags)
  const output = checkOutput(flags)
  for (const t of targets) {
    try {
      const obj = api.get<KubeObject>(t.info.kind, t.namespace, t.name)
      const old = obj.metadata?.[field] ?? {}
      if (!overwrite) {
        const clash = Object.keys(set).find((k) => k in old)
        if (clash) {
          const why = `'${clash}' already has a value (${old[clash]}), and --overwrite is false`
          ctx.out.err(field === 'labels' ? `error: ${why}` : `error: --overwrite is false but found the following declared annotation(s): ${why}`)
          continue
        }
      }
      const next = structuredClone(obj)
      const values: Record<string, string> = { ...old, ...set }
      for (const k of remove) {
        if (!(k in values)) ctx.out.note(`${field === 'labels' ? 'label' : 'annotation'} "${k}" not found.`)
        delete values[k]
      }
      const changed = JSON.stringify(values) !== JSON.stringify(old)
      if (Object.keys(values).length) next.metadata![field] = values
      else delete next.metadata![field]
      const result = changed && dryRun !== 'client' ? api.update(next, writeContext(dryRun)) : changed ? next : obj
      let verb = field === 'labels' ? 'labeled' : 'annotated'
      if (field === 'labels') {
        // kube: updateDataChangeMsg.
        if (!changed) verb = 'not labeled'
        else if (!overwrite && Object.keys(values).length < Object.keys(old).length) verb = 'unlabeled'
      }
      printResult(ctx, t.info, result, `${verb}${dryRunSuffix(dryRun)}`, output)
    } catch (e) {
      ctx.out.err(formatError(e))
    }
  }
}

export const label = (ctx: CommandContext, words: string[]): void => run(ctx, words, 'labels')
export const annotate = (ctx: CommandContext, words: string[]): void => run(ctx, words, 'annotations')
