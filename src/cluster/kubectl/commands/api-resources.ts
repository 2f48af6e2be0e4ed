/** kubectl api-resources and api-versions: the server's discovery information, from api.kinds(). */
import type { KindInfo } from '../../apiserver/types'
import type { CommandContext } from '../context'
import { bool, parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { TABLE_TABS, tabwrite } from '../printers/tabwriter'

const FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'api-group', type: 'string' },
  { name: 'namespaced', type: 'bool' },
  { name: 'verbs', type: 'strings' },
  { name: 'categories', type: 'strings' },
  { name: 'sort-by', type: 'string' },
  { name: 'no-headers', type: 'bool' },
  { name: 'cached', type: 'bool' },
]

// kube: the verbs discovery lists for an ordinary resource; namespaces cannot be deleted as a collection.
const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']
export function verbsOf(info: KindInfo): string[] {
  return info.kind === 'Namespace' ? VERBS.filter((v) => v !== 'deletecollection') : VERBS
}

/** Go's strings.Compare: byte order, not locale order. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** `apps/v1` for apps, `v1` for the core group. */
const groupVersion = (info: KindInfo) => info.apiVersion

export function apiResources(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('api-resources', words, FLAGS)
  if (args.length) throw new CommandError(`error: unexpected arguments: [${args.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`)
  const output = str(flags.output) ?? ''
  if (!['', 'wide', 'name'].includes(output)) {
    throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: name,wide`)
  }
  const sortBy = str(flags['sort-by']) ?? ''
  if (!['', 'name', 'kind'].includes(sortBy)) throw new CommandError('error: --sort-by accepts only name or kind')
  const group = str(flags['api-group'])
  const verbs = (flags.verbs as string[] | undefined) ?? []
  const categories = (flags.categories as string[] | undefined) ?? []
  const kinds = ctx.host.api.kinds().filter((k) =>
    (group === undefined || k.group === group) &&
    (flags.namespaced === undefined || k.namespaced === bool(flags.namespaced)) &&
    verbs.every((v) => verbsOf(k).includes(v)) &&
    categories.every((c) => k.categories.includes(c)))
  // kube: a stable sort on the API group (or --sort-by's field), ties broken by resource name.
  const key = (k: KindInfo) => (sortBy === 'name' ? k.resource : sortBy === 'kind' ? k.kind : k.group)
  kinds.sort((a, b) => compare(key(a), key(b)) || compare(a.resource, b.resource))
  if (output === 'name') {
    for (const k of kinds) ctx.out.out(k.group ? `${k.resource}.${k.group}` : k.resource)
    return
  }
  const wide = output === 'wide'
  let text = ''
  if (!bool(flags['no-headers'])) text += ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])].join('\t') + '\n'
  for (const k of kinds) {
    const cells = [k.resource, k.shortNames.join(','), groupVersion(k), String(k.namespaced), k.kind]
    if (wide) cells.push(verbsOf(k).join(','), k.categories.join(','))
    text += cells.join('\t') + '\n'
  }
  if (text) ctx.out.out(tabwrite(text, TABLE_TABS))
}

export function apiVersions(ctx: CommandContext, words: string[]): void {
  const { args } = parseFlags('api-versions', words, [])
  if (args.length) throw new CommandError(`error: unexpected arguments: [${args.join(' ')}]\nSee 'kubectl api-versions -h' for help and examples`)
  const versions = new Set<string>()
  for (const k of ctx.host.api.kinds()) {
    versions.add(k.apiVersion)
    for (const v of k.alternateVersions ?? []) versions.add(v)
  }
  // kube: api-versions prints the group/versions sorted as strings (so the core `v1` comes last).
  ctx.out.out([...versions].sort().join('\n'))
}
