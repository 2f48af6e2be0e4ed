/**
 * kubectl get: tables (plain, wide, `-L` label columns, `--show-labels`, across namespaces),
 * `-o yaml|json|name|jsonpath|jsonpath-as-json|custom-columns` (and their -file forms),
 * `--sort-by`, label and field selectors, several kinds at once (`pods,svc`, `pod/a svc/b`, `all`),
 * NotFound per missing name. `get -w` as a stream lives in ../watch.ts; run as a plain command
 * (the headless runner) a watch prints the list and ends at once.
 */
import type { KindInfo, KubeObject } from '../../apiserver/types'
import { formatError } from '../errors'
import { fieldSelectorFilter } from '../field-selector'
import { bool, parseFlags, str, type FlagSpec, type FlagValues } from '../flags'
import { CommandError } from '../host'
import { columnsFor } from '../printers/columns'
import { eventWideColumns } from '../printers/columns/core'
import { parseCustomColumns, parseCustomColumnsFile, customColumnsCell, type CustomColumn } from '../printers/custom-columns'
import { executeJsonPath, JsonPathError, parseJsonPath } from '../printers/jsonpath'
import { sortObjects } from '../printers/sort-by'
import { renderTable } from '../printers/table'
import { asList, toJson, toYaml } from '../printers/yaml'
import { byNamespaceAndName, kindString, resolveResource } from '../resources'
import { namespaceOf, type CommandContext } from '../context'

export const GET_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'field-selector', type: 'string' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'output-watch-events', type: 'bool' },
  { name: 'show-kind', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'label-columns', short: 'L', type: 'strings' },
  { name: 'sort-by', type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool' },
  { name: 'chunk-size', type: 'int' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'raw', type: 'string' },
  { name: 'subresource', type: 'string' },
]

// kube: the `all` category in the order kubectl's discovery lists it.
const ALL_ORDER = [
  'Pod', 'ReplicationController', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet',
  'HorizontalPodAutoscaler', 'CronJob', 'Job',
]

const ALLOWED = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml'

export type Printer =
  | { t: 'table'; wide: boolean }
  | { t: 'yaml' }
  | { t: 'json' }
  | { t: 'name' }
  | { t: 'jsonpath'; nodes: ReturnType<typeof parseJsonPath>; json: boolean }
  | { t: 'custom'; columns: CustomColumn[] }

interface Request {
  info: KindInfo
  names: string[]
}

export interface Found {
  info: KindInfo
  items: KubeObject[]
}

/** Everything `get` decided from its words before reading the cluster. */
export interface GetPlan {
  flags: FlagValues
  requests: Request[]
  multi: boolean
  byName: boolean
  namespace: string
  allNamespaces: boolean
  selector?: string
  fieldSelector?: string
  printer: Printer
}

/** Turns `pods,svc`, `pod/a svc/b` and `all` into one request per kind, in order. */
export function parseTargets(ctx: CommandContext, args: string[]): { requests: Request[]; multi: boolean } {
  const api = ctx.host.api
  const requests: Request[] = []
  const add = (info: KindInfo, name?: string) => {
    let r = requests.find((x) => x.info.kind === info.kind)
    if (!r) requests.push((r = { info, names: [] }))
    if (name) r.names.push(name)
  }
  if (args[0].includes('/')) {
    for (const a of args) {
      const slash = a.indexOf('/')
      if (slash < 0) throw new CommandError(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`)
      add(resolveResource(api, a.slice(0, slash)), a.slice(slash + 1))
    }
    return { requests, multi: requests.length > 1 }
  }
  const types = args[0].split(',').filter(Boolean)
  for (const t of types) {
    if (t === 'all') {
      const kinds = api.kinds().filter((k) => k.categories.includes('all'))
      const rank = (k: KindInfo) => (ALL_ORDER.indexOf(k.kind) + 1 || ALL_ORDER.length + 1)
      for (const k of kinds.sort((a, b) => rank(a) - rank(b))) add(k)
    } else {
      add(resolveResource(api, t))
    }
  }
  for (const name of args.slice(1)) for (const r of requests) r.names.push(name)
  return { requests, multi: types.length > 1 || types.includes('all') }
}

/** kube: printflags — `-o FORMAT[=ARG]` (and `--template`) to a printer, with kubectl's errors. */
export function printerFor(ctx: CommandContext, output: string | undefined, template: string | undefined): Printer {
  if (output === undefined || output === '') return { t: 'table', wide: false }
  const eq = output.indexOf('=')
  const format = eq < 0 ? output : output.slice(0, eq)
  let arg = eq < 0 ? template ?? '' : output.slice(eq + 1)
  switch (format) {
    case 'wide': return { t: 'table', wide: true }
    case 'yaml': return { t: 'yaml' }
    case 'json': return { t: 'json' }
    case 'name': return { t: 'name' }
    case 'jsonpath':
    case 'jsonpath-as-json':
    case 'jsonpath-file': {
      // kube: the file's text is the template, trailing newline included.
      if (format === 'jsonpath-file' && arg) arg = readFile(ctx, arg)
      if (!arg) throw new CommandError('error: template format specified but no template given')
      try {
        return { t: 'jsonpath', nodes: parseJsonPath(arg), json: format === 'jsonpath-as-json' }
      } catch (e) {
        if (e instanceof JsonPathError) throw new CommandError(`error: error parsing jsonpath ${arg}, ${e.message}`)
        throw e
      }
    }
    case 'custom-columns':
      return { t: 'custom', columns: parseCustomColumns(arg) }
    case 'custom-columns-file':
      return { t: 'custom', columns: parseCustomColumnsFile(readFile(ctx, arg)) }
    case 'go-template':
    case 'go-template-file':
    case 'template':
    case 'templatefile':
      // Terrarium: Go templates need Go's text/template; JSONPath covers the same ground.
      throw new CommandError(`error: output format "${format}" is not supported by this simulator; use -o jsonpath=... instead`)
  }
  throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED}`)
}

function readFile(ctx: CommandContext, path: string): string {
  if (!ctx.opts.readFile) throw new CommandError(`error: open ${path}: no such file or directory`)
  try {
    return ctx.opts.readFile(path)
  } catch {
    throw new CommandError(`error: open ${path}: no such file or directory`)
  }
}

export function planGet(ctx: CommandContext, words: string[]): GetPlan {
  const { flags, args } = parseFlags('get', words, GET_FLAGS)
  const printer = printerFor(ctx, str(flags.output), str(flags.template))
  if (args.length === 0) {
    throw new CommandError([
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.',
      '',
      'error: Required resource not specified.',
      'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
      "See 'kubectl get -h' for help and examples",
    ].join('\n'))
  }
  if (bool(flags['output-watch-events']) && !bool(flags.watch) && !bool(flags['watch-only'])) {
    throw new CommandError('error: --output-watch-events option can only be used with --watch or --watch-only')
  }
  const { requests, multi } = parseTargets(ctx, args)
  return {
    flags, requests, multi,
    byName: requests.some((r) => r.names.length > 0),
    namespace: namespaceOf(ctx, flags.namespace),
    allNamespaces: bool(flags['all-namespaces']),
    selector: str(flags.selector),
    fieldSelector: str(flags['field-selector']),
    printer,
  }
}

/** Lists (or gets by name) what the plan asks for; missing names are reported on stderr. */
export function fetchGet(ctx: CommandContext, plan: GetPlan): Found[] {
  const api = ctx.host.api
  const found: Found[] = []
  for (const { info, names } of plan.requests) {
    let items: KubeObject[] = []
    if (names.length) {
      for (const name of names) {
        try {
          items.push(api.get(info.kind, info.namespaced ? plan.namespace : undefined, name))
        } catch (e) {
          if (!bool(plan.flags['ignore-not-found'])) ctx.out.err(formatError(e))
        }
      }
    } else {
      const filter = plan.fieldSelector ? fieldSelectorFilter(info, plan.fieldSelector, plan.selector) : undefined
      try {
        items = api.list(info.kind, { namespace: info.namespaced && !plan.allNamespaces ? plan.namespace : undefined, labelSelector: plan.selector })
      } catch (e) {
        throw new CommandError(`error: ${(e as Error).message}`)
      }
      // kube: lists come back in key order (namespace, then name) — events too: kubectl get events
      // does not sort them by time (kubernetes/kubernetes#29838); `kubectl events` does.
      items = [...items].sort(byNamespaceAndName)
      if (filter) items = items.filter(filter)
    }
    const sortBy = str(plan.flags['sort-by'])
    if (sortBy) items = sortObjects(items, sortBy)
    found.push({ info, items })
  }
  return found
}

export function get(ctx: CommandContext, words: string[]): void {
  const plan = planGet(ctx, words)
  const watching = bool(plan.flags.watch) || bool(plan.flags['watch-only'])
  if (watching && plan.requests.length > 1) {
    throw new CommandError(`error: watch is only supported on individual resources and resource collections, but ${plan.requests.length} resources were found`)
  }
  if (!bool(plan.flags['watch-only'])) printGet(ctx, plan, fetchGet(ctx, plan))
  // Terrarium: a command line cannot stay open here (the headless runner, one-shot hosts); the
  // terminal streams watches through watchGet instead.
  if (watching) ctx.out.note('(watch ended: this host runs commands to completion; the terminal streams `get -w`)')
}

/** Writes found objects as kubectl prints them (the non-watch path). */
export function printGet(ctx: CommandContext, plan: GetPlan, found: Found[]): void {
  const { printer } = plan
  const objects = found.flatMap((f) => f.items)
  const single = plan.byName && objects.length === 1 && plan.requests.length === 1 && plan.requests[0].names.length === 1
  if (printer.t === 'yaml' || printer.t === 'json' || printer.t === 'jsonpath') {
    // kube: printGeneric — one named object prints alone; anything else becomes a v1 List.
    if (plan.byName && objects.length === 0) return
    const value = single ? objects[0] : asList(objects)
    if (printer.t === 'yaml') ctx.out.out(toYaml(value))
    else if (printer.t === 'json') ctx.out.out(toJson(value))
    // JSONPath output is written exactly, without a trailing newline.
    else ctx.out.stdout += executeJsonPath(printer.nodes, value, { json: printer.json })
    return
  }
  if (objects.length === 0) {
    if (!plan.byName) ctx.out.note(noResources(plan))
    return
  }
  if (printer.t === 'name') {
    for (const f of found) for (const o of f.items) ctx.out.out(`${kindString(f.info)}/${o.metadata?.name}`)
    return
  }
  const now = ctx.host.clock.now()
  const tables: string[] = []
  for (const f of found) {
    if (!f.items.length) continue
    const table = tableFor(plan, f.info, now)
    tables.push(renderTable({ headers: table.headers, rows: f.items.map((o) => table.row(o)) }, { noHeaders: bool(plan.flags['no-headers']) }))
  }
  ctx.out.out(tables.join('\n'))
}

export function noResources(plan: GetPlan): string {
  const namespaced = plan.requests.some((r) => r.info.namespaced)
  return namespaced && !plan.allNamespaces ? `No resources found in ${plan.namespace} namespace.` : 'No resources found'
}

/** The headers and a row function for one kind under the plan's printer and flags. */
export function tableFor(plan: GetPlan, info: KindInfo, now: number): { headers: string[]; row(o: KubeObject): string[] } {
  const { printer, flags } = plan
  if (printer.t === 'custom') {
    return { headers: printer.columns.map((c) => c.header), row: (o) => printer.columns.map((c) => customColumnsCell(o, c)) }
  }
  const wide = printer.t === 'table' && printer.wide
  const cols = info.kind === 'Event' && wide ? eventWideColumns : columnsFor(info.kind)
  const withNs = plan.allNamespaces && info.namespaced
  const labelColumns = (flags['label-columns'] as string[] | undefined) ?? []
  const showLabels = bool(flags['show-labels'])
  const headers = [
    ...(withNs ? ['NAMESPACE'] : []), ...cols.headers, ...(wide && cols.wide ? cols.wide : []),
    // kube: formatLabelHeaders — the part after the last `/`, upper-cased.
    ...labelColumns.map((l) => l.split('/').pop()!.toUpperCase()),
    ...(showLabels ? ['LABELS'] : []),
  ]
  const row = (o: KubeObject) => {
    const cells = cols.row(o as never, now)
    if (plan.multi || bool(flags['show-kind'])) cells[0] = `${kindString(info)}/${cells[0]}`
    const labels = o.metadata?.labels ?? {}
    return [
      ...(withNs ? [o.metadata?.namespace ?? ''] : []), ...cells,
      ...(wide && cols.wideRow ? cols.wideRow(o as never, now) : []),
      ...labelColumns.map((l) => labels[l] ?? ''),
      ...(showLabels ? [labelsCell(o)] : []),
    ]
  }
  return { headers, row }
}

function labelsCell(obj: KubeObject): string {
  const labels = obj.metadata?.labels ?? {}
  const keys = Object.keys(labels).sort()
  return keys.length ? keys.map((k) => `${k}=${labels[k]}`).join(',') : '<none>'
}
