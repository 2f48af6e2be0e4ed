/**
 * kubectl events (kubectl v1.35, pkg/cmd/events): the namespace's events oldest first by their last
 * time (series, lastTimestamp, eventTime), columns LAST SEEN TYPE REASON OBJECT MESSAGE with the
 * object as `Kind/name`; `--for TYPE/NAME`, `--types=Warning,Normal`, `-A`, `-o FORMAT`, and
 * `-w` as a stream (eventsWatch: every existing event, then new ones, each row flushed alone).
 */
import type { Event } from 'kubernetes-types/core/v1'
import { since } from '../duration'
import { bool, parseFlags, str, type FlagSpec, type FlagValues } from '../flags'
import { CommandError, Output, type KubectlHost, type KubectlOptions } from '../host'
import { executeJsonPath } from '../printers/jsonpath'
import { renderTable } from '../printers/table'
import { toJson, toYaml } from '../printers/yaml'
import { resolveResource } from '../resources'
import { namespaceOf, type CommandContext } from '../context'
import { printerFor, type Printer } from './get'
import { commandWords } from '../command-words'

const FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'for', type: 'string' },
  { name: 'types', type: 'strings' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'template', type: 'string' },
  { name: 'chunk-size', type: 'int' },
  { name: 'allow-missing-template-keys', type: 'bool' },
  { name: 'show-managed-fields', type: 'bool' },
]

const ALLOWED = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml'

interface Plan {
  flags: FlagValues
  namespace: string
  all: boolean
  forKind?: string
  forName?: string
  types: string[]
  printer?: Printer
}

function plan(ctx: CommandContext, words: string[]): Plan {
  const { flags, args } = parseFlags('events', words, FLAGS)
  if (args.length) throw new CommandError(`error: unknown command "${args[0]}" for "kubectl events"`)
  const output = str(flags.output)
  let printer: Printer | undefined
  if (output) {
    const format = output.split('=')[0]
    if (format === 'wide' || format.startsWith('custom-columns')) {
      throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED}`)
    }
    printer = printerFor(ctx, output, str(flags.template))
  }
  const types = (flags.types as string[] | undefined) ?? []
  for (const t of types) {
    if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw new CommandError('error: valid --types are Normal or Warning')
  }
  const p: Plan = { flags, namespace: namespaceOf(ctx, flags.namespace), all: bool(flags['all-namespaces']), types, printer }
  const forObject = str(flags.for)
  if (forObject) {
    const parts = forObject.split('/')
    if (parts.length === 1) throw new CommandError('error: --for must be in resource/name form')
    if (parts.length > 2) throw new CommandError('error: arguments in resource/name form may not have more than one slash')
    p.forKind = resolveResource(ctx.host.api, parts[0]).kind
    p.forName = parts[1]
  }
  return p
}

function selected(p: Plan, e: Event): boolean {
  if (!p.all && e.metadata?.namespace !== p.namespace) return false
  if (p.forKind && (e.involvedObject.kind !== p.forKind || e.involvedObject.name !== p.forName)) return false
  return !p.types.length || p.types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase())
}

/** kube: eventTime() — the series' last observation, else lastTimestamp, else eventTime. */
function eventTime(e: Event): number {
  const t = e.series?.lastObservedTime || e.lastTimestamp || e.eventTime
  return t ? Date.parse(t) : 0
}

/** kube: getInterval — `5s`, or `5s (x3 over 2m)` for a repeated event. */
function interval(e: Event, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now)
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`
  return first
}

/** kube: escapeCell — a cell ends at the first line break, marked `...`. */
function cell(s: string | undefined): string {
  const text = s ?? ''
  const i = text.search(/[\f\n\r]/)
  return i >= 0 ? text.slice(0, i) + '...' : text
}

function row(p: Plan, e: Event, now: number): string[] {
  return [
    ...(p.all ? [e.metadata?.namespace ?? ''] : []),
    interval(e, now), cell(e.type), cell(e.reason),
    `${cell(e.involvedObject.kind)}/${cell(e.involvedObject.name)}`, cell((e.message ?? '').trim()),
  ]
}

const headers = (p: Plan) => [...(p.all ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']

/** Formats events for `-o`: a v1 EventList for the list, one object at a time when watching. */
function printObjects(printer: Printer, value: unknown, names: string[]): string {
  switch (printer.t) {
    case 'yaml': return toYaml(value)
    case 'json': return toJson(value)
    case 'jsonpath': return executeJsonPath(printer.nodes, value, { json: printer.json })
    default: return names.map((n) => `event/${n}\n`).join('')
  }
}

export function events(ctx: CommandContext, words: string[]): void {
  const p = plan(ctx, words)
  const list = ctx.host.api.list<Event>('Event', { namespace: p.all ? undefined : p.namespace })
    .filter((e) => selected(p, e))
    .sort((a, b) => eventTime(a) - eventTime(b))
  if (bool(p.flags.watch)) {
    // Terrarium: this host runs commands to completion; the terminal streams through eventsWatch.
    ctx.out.note('(watch ended: this host runs commands to completion; the terminal streams `events -w`)')
  }
  if (!list.length) {
    ctx.out.note(p.all ? 'No events found.' : `No events found in ${p.namespace} namespace.`)
    return
  }
  if (p.printer) {
    const value = { apiVersion: 'v1', items: list, kind: 'EventList', metadata: {} }
    ctx.out.stdout += printObjects(p.printer, value, list.map((e) => e.metadata?.name ?? ''))
    return
  }
  const now = ctx.host.clock.now()
  ctx.out.out(renderTable({ headers: headers(p), rows: list.map((e) => row(p, e, now)) }, { noHeaders: bool(p.flags['no-headers']) }))
}

/**
 * `kubectl events -w` as a stream, the same contract as watchGet: undefined when the line is not a
 * watching `events` (or does not parse). kube: runWatch prints every existing event, then each new
 * or changed one (never deletions), one flushed row at a time; the header comes once.
 */
export function eventsWatch(host: KubectlHost, line: string, opts: KubectlOptions, emit: (chunk: { stream: 'stdout' | 'stderr'; text: string }) => void): { stop(): void } | undefined {
  const words = commandWords(line, 'events')
  if (!words) return undefined
  const ctx: CommandContext = { host, opts, out: new Output() }
  let p: Plan
  try {
    p = plan(ctx, words)
  } catch {
    return undefined
  }
  if (!bool(p.flags.watch)) return undefined
  let headerDone = bool(p.flags['no-headers'])
  let count = 0
  const print = (e: Event) => {
    // kube: the YAML printer separates every document after the first with `---`.
    if (p.printer) return (p.printer.t === 'yaml' && count++ ? '---\n' : '') + printObjects(p.printer, e, [e.metadata?.name ?? ''])
    const text = renderTable({ headers: headers(p), rows: [row(p, e, host.clock.now())] }, { noHeaders: headerDone })
    headerDone = true
    return text
  }
  const existing = host.api.list<Event>('Event', { namespace: p.all ? undefined : p.namespace }).filter((e) => selected(p, e))
  for (const e of existing) emit({ stream: 'stdout', text: print(e) })
  const stop = host.api.watch<Event>('Event', (ev) => {
    if (ev.type !== 'DELETED' && selected(p, ev.object)) emit({ stream: 'stdout', text: print(ev.object) })
  })
  return { stop }
}
