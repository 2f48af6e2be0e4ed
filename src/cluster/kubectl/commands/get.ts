/**
 * kubectl get: tables (plain, wide, with labels, across namespaces), `-o yaml|json|name`, several
 * kinds at once (`pods,svc`, `pod/a svc/b`, `all`), label selectors, NotFound per missing name.
 */
import type { KindInfo, KubeObject } from '../../apiserver/types'
import { formatError } from '../errors'
import { bool, parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { columnsFor } from '../printers/columns'
import { eventWideColumns } from '../printers/columns/core'
import { renderTable } from '../printers/table'
import { asList, toJson, toYaml } from '../printers/yaml'
import { byNamespaceAndName, kindString, resolveResource } from '../resources'
import { namespaceOf, type CommandContext } from '../context'

const FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'field-selector', type: 'string' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'show-kind', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'label-columns', short: 'L', type: 'strings' },
]

// kube: the `all` category in the order kubectl's discovery lists it.
const ALL_ORDER = [
  'Pod', 'ReplicationController', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet',
  'HorizontalPodAutoscaler', 'CronJob', 'Job',
]

const OUTPUTS = ['wide', 'yaml', 'json', 'name']

interface Request {
  info: KindInfo
  names: string[]
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

function labelsCell(obj: KubeObject): string {
  const labels = obj.metadata?.labels ?? {}
  const keys = Object.keys(labels).sort()
  return keys.length ? keys.map((k) => `${k}=${labels[k]}`).join(',') : '<none>'
}

export function get(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('get', words, FLAGS)
  const output = str(flags.output)
  if (output !== undefined && !OUTPUTS.includes(output) && !output.startsWith('jsonpath') && !output.startsWith('custom-columns')) {
    throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`)
  }
  if (output?.startsWith('jsonpath') || output?.startsWith('custom-columns')) {
    throw new CommandError(`error: output format "${output}" is not supported by this simulator`)
  }
  if (args.length === 0) {
    throw new CommandError([
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.',
      '',
      'error: Required resource not specified.',
      'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
      "See 'kubectl get -h' for help and examples",
    ].join('\n'))
  }
  const allNamespaces = bool(flags['all-namespaces'])
  const namespace = namespaceOf(ctx, flags.namespace)
  const selector = str(flags.selector)
  const { requests, multi } = parseTargets(ctx, args)
  const api = ctx.host.api
  const now = ctx.host.clock.now()

  const found: { info: KindInfo; items: KubeObject[] }[] = []
  const byName = requests.some((r) => r.names.length > 0)
  for (const { info, names } of requests) {
    const ns = info.namespaced && !allNamespaces ? namespace : undefined
    let items: KubeObject[]
    if (names.length) {
      items = []
      for (const name of names) {
        try {
          items.push(api.get(info.kind, info.namespaced ? namespace : undefined, name))
        } catch (e) {
          if (!bool(flags['ignore-not-found'])) ctx.out.err(formatError(e))
        }
      }
    } else {
      try {
        items = api.list(info.kind, { namespace: ns, labelSelector: selector, fieldSelector: str(flags['field-selector']) })
      } catch (e) {
        throw new CommandError(`error: ${(e as Error).message}`)
      }
      items = [...items].sort(byNamespaceAndName)
      if (info.kind === 'Event') items = sortEvents(items)
    }
    found.push({ info, items })
  }

  const total = found.reduce((n, f) => n + f.items.length, 0)
  if (output === 'yaml' || output === 'json') {
    const objects = found.flatMap((f) => f.items)
    if (byName && objects.length === 0) return
    const single = byName && objects.length === 1 && requests.length === 1 && requests[0].names.length === 1
    const value = single ? objects[0] : asList(objects)
    ctx.out.out(output === 'yaml' ? toYaml(value) : toJson(value))
    return
  }
  if (total === 0) {
    if (!byName) {
      const namespaced = requests.some((r) => r.info.namespaced)
      ctx.out.note(namespaced && !allNamespaces ? `No resources found in ${namespace} namespace.` : 'No resources found')
    }
    return
  }
  if (output === 'name') {
    for (const f of found) for (const o of f.items) ctx.out.out(`${kindString(f.info)}/${o.metadata?.name}`)
    return
  }
  const tables: string[] = []
  for (const { info, items } of found) {
    if (!items.length) continue
    const wide = output === 'wide'
    const cols = info.kind === 'Event' && wide ? eventWideColumns : columnsFor(info.kind)
    const withNs = allNamespaces && info.namespaced
    const headers = [
      ...(withNs ? ['NAMESPACE'] : []), ...cols.headers, ...(wide && cols.wide ? cols.wide : []),
      ...(bool(flags['show-labels']) ? ['LABELS'] : []),
    ]
    const rows = items.map((o) => {
      const cells = cols.row(o as never, now)
      if (multi || bool(flags['show-kind'])) cells[0] = `${kindString(info)}/${cells[0]}`
      return [
        ...(withNs ? [o.metadata?.namespace ?? ''] : []), ...cells,
        ...(wide && cols.wideRow ? cols.wideRow(o as never, now) : []),
        ...(bool(flags['show-labels']) ? [labelsCell(o)] : []),
      ]
    })
    tables.push(renderTable({ headers, rows }, { noHeaders: bool(flags['no-headers']) }))
  }
  ctx.out.out(tables.join('\n'))
}

function sortEvents(items: KubeObject[]): KubeObject[] {
  const time = (e: KubeObject) => Date.parse(((e as { lastTimestamp?: string }).lastTimestamp) || ((e as { eventTime?: string }).eventTime) || '') || 0
  return [...items].sort((a, b) => time(a) - time(b))
}
