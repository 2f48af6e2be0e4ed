/**
 * kubectl taint nodes (kubectl/pkg/cmd/taint): `key=value:Effect` adds a taint, `key:Effect-` or
 * `key-` removes taints. Prints `node/node-1 tainted`, `untainted`, or `modified` (add and remove
 * together, or --overwrite). A NoExecute taint makes the taint-eviction controller evict the pods
 * that do not tolerate it.
 */
import type { Node, Taint } from 'kubernetes-types/core/v1'
import { ACTOR, type CommandContext } from '../context'
import { formatError } from '../errors'
import { bool, parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { resolveResource } from '../resources'

const FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'overwrite', type: 'bool' },
  { name: 'dry-run', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'validate', type: 'string' },
]

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']

/** kube: Taint.ToString — `key=value:effect`, `key:effect`, or `key`. */
const taintString = (t: { key: string; value?: string; effect?: string }) =>
  `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`

/** kube: parseTaint — `key=value:Effect` or `key:Effect`. */
function parseTaint(spec: string): Taint {
  const parts = spec.split(':')
  if (parts.length !== 2 || !parts[1]) throw new CommandError(`error: invalid taint spec: ${spec}`)
  const effect = parts[1]
  if (!EFFECTS.includes(effect)) {
    throw new CommandError(`error: invalid taint effect: ${effect}, unsupported taint effect`)
  }
  const eq = parts[0].indexOf('=')
  const key = eq < 0 ? parts[0] : parts[0].slice(0, eq)
  const value = eq < 0 ? '' : parts[0].slice(eq + 1)
  if (!key) throw new CommandError(`error: invalid taint spec: ${spec}`)
  return value ? { key, value, effect } : { key, effect }
}

/** kube: ParseTaints — additions, and removals (`key:Effect-`, `key-`). */
function parseTaints(specs: string[]): { add: Taint[]; remove: { key: string; effect?: string }[] } {
  const add: Taint[] = []
  const remove: { key: string; effect?: string }[] = []
  for (const s of specs) {
    if (s.endsWith('-')) {
      const body = s.slice(0, -1)
      const colon = body.indexOf(':')
      if (colon < 0) remove.push({ key: body })
      else {
        const effect = body.slice(colon + 1)
        if (!EFFECTS.includes(effect)) throw new CommandError(`error: invalid taint effect: ${effect}, unsupported taint effect`)
        remove.push({ key: body.slice(0, colon), effect })
      }
    } else {
      const t = parseTaint(s)
      if (add.some((a) => a.key === t.key && a.effect === t.effect)) {
        throw new CommandError(`error: duplicated taints with the same key and effect: ${taintString(t)}`)
      }
      add.push(t)
    }
  }
  const both = remove.filter((r) => add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect)))
  if (both.length) {
    throw new CommandError(`error: can not both modify and remove the following taint(s) in the same command: ${both.map(taintString).join(', ')}`)
  }
  return { add, remove }
}

/** kube: ReorganizeTaints — the node's new taints and the word kubectl prints. */
function reorganize(old: Taint[], add: Taint[], remove: { key: string; effect?: string }[], overwrite: boolean): { taints: Taint[]; operation: string; errors: string[] } {
  const taints = [...add]
  for (const t of old) if (!taints.some((n) => n.key === t.key && n.effect === t.effect)) taints.push(t)
  const added = taints.length !== old.length
  const errors: string[] = []
  let deleted = false
  for (const r of remove) {
    const before = taints.length
    for (let i = taints.length - 1; i >= 0; i--) {
      if (taints[i].key === r.key && (!r.effect || taints[i].effect === r.effect)) taints.splice(i, 1)
    }
    if (taints.length === before) errors.push(`taint "${taintString(r)}" not found`)
    else deleted = true
  }
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted'
  return { taints, operation, errors }
}

export function taint(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('taint', words, FLAGS)
  const api = ctx.host.api
  if (!args.length) throw new CommandError(`error: at least one taint update is required\nSee 'kubectl taint -h' for help and examples`)
  // kube: the first argument is the resource type; then node names until the first taint spec.
  const isSpec = (s: string) => s.includes('=') || s.includes(':') || s.endsWith('-')
  let type = args[0]
  let rest = args.slice(1)
  const names: string[] = []
  if (type.includes('/')) {
    names.push(type.slice(type.indexOf('/') + 1))
    type = type.slice(0, type.indexOf('/'))
  }
  while (rest.length && !isSpec(rest[0])) names.push(rest.shift()!)
  const info = resolveResource(api, type)
  if (info.kind !== 'Node') throw new CommandError(`error: invalid resource type ${info.resource}, only node types are supported`)
  if (!rest.length) throw new CommandError(`error: at least one taint update is required\nSee 'kubectl taint -h' for help and examples`)
  const { add, remove } = parseTaints(rest)
  const selector = str(flags.selector)
  if (!names.length) {
    if (!selector && !bool(flags.all)) throw new CommandError(`error: resource(s) were provided, but no name was specified\nSee 'kubectl taint -h' for help and examples`)
    names.push(...api.list<Node>('Node', { labelSelector: selector }).map((n) => n.metadata!.name!))
  }
  const overwrite = bool(flags.overwrite)
  for (const name of names) {
    try {
      const node = api.get<Node>('Node', undefined, name)
      const old = node.spec?.taints ?? []
      if (!overwrite) {
        const exists = add.filter((a) => old.some((t) => t.key === a.key && t.effect === a.effect)).map((a) => a.key)
        if (exists.length) {
          ctx.out.err(`error: node ${name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`)
          continue
        }
      }
      const { taints, operation, errors } = reorganize(old, add, remove, overwrite)
      if (errors.length) {
        ctx.out.err(`error: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`)
        continue
      }
      const next = structuredClone(node)
      if (taints.length) (next.spec ??= {}).taints = taints
      else if (next.spec) delete next.spec.taints
      api.update(next, ACTOR)
      ctx.out.out(`node/${name} ${operation}`)
    } catch (e) {
      ctx.out.err(formatError(e))
    }
  }
}
