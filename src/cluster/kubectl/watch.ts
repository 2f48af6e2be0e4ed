/**
 * `kubectl get ... -w | --watch | --watch-only` as a stream, for hosts that keep a command open
 * (the terminal). As kubectl does: the current list first (unless --watch-only), flushed as one
 * table, then one chunk per watch event, each row laid out alone by the same tab writer (rows are
 * not re-aligned with the table above), YAML documents separated by `---`, JSON objects one after
 * another; `--output-watch-events` adds an EVENT column (or wraps objects as `{type, object}`).
 * An object that starts or stops matching the selectors arrives as ADDED or DELETED, as the API
 * server's watch sends it.
 */
import type { KubeObject, WatchEvent } from '../apiserver/types'
import { matches, parseSelector } from '../apiserver/labels'
import { fetchGet, planGet, tableFor, type GetPlan } from './commands/get'
import type { CommandContext } from './context'
import { formatError } from './errors'
import { fieldSelectorFilter } from './field-selector'
import { bool } from './flags'
import { Output, type KubectlHost, type KubectlOptions } from './host'
import { executeJsonPath } from './printers/jsonpath'
import { renderTable } from './printers/table'
import { toJson, toYaml } from './printers/yaml'
import { kindString } from './resources'
import { commandWords } from './command-words'
import { eventsWatch } from './commands/events'

export interface WatchChunk {
  stream: 'stdout' | 'stderr'
  text: string
}

type EventType = WatchEvent['type']

/**
 * Starts `get -w` (or `events -w`); undefined when `line` is not a watching `get`/`events` (or
 * does not parse: run it with runKubectl, which prints the error). stop() ends the watch.
 */
export function watchGet(host: KubectlHost, line: string, opts: KubectlOptions, emit: (chunk: WatchChunk) => void): { stop(): void } | undefined {
  const words = commandWords(line, 'get')
  if (!words) return eventsWatch(host, line, opts, emit)
  const out = new Output()
  const ctx: CommandContext = { host, opts, out }
  let plan: GetPlan
  try {
    plan = planGet(ctx, words)
  } catch {
    return undefined
  }
  if (!bool(plan.flags.watch) && !bool(plan.flags['watch-only'])) return undefined
  const stopped = { stop() {} }
  const fail = (text: string) => {
    emit({ stream: 'stderr', text: text.endsWith('\n') ? text : text + '\n' })
    return stopped
  }
  if (plan.requests.length > 1) {
    return fail(`error: watch is only supported on individual resources and resource collections, but ${plan.requests.length} resources were found`)
  }
  const { info, names } = plan.requests[0]
  let initial: KubeObject[]
  let inSelection: (o: KubeObject) => boolean
  try {
    initial = fetchGet(ctx, plan)[0].items
    const labels = plan.selector ? parseSelector(plan.selector) : []
    const fields = plan.fieldSelector ? fieldSelectorFilter(info, plan.fieldSelector, plan.selector) : () => true
    inSelection = (o) =>
      (!info.namespaced || plan.allNamespaces || o.metadata?.namespace === plan.namespace) &&
      (!names.length || names.includes(o.metadata?.name ?? '')) &&
      matches(labels, o.metadata?.labels) && fields(o)
  } catch (e) {
    return fail(out.stderr + formatError(e))
  }
  if (out.stderr) emit({ stream: 'stderr', text: out.stderr })
  if (names.length && !initial.length) return stopped

  const print = streamPrinter(host, plan)
  if (!bool(plan.flags['watch-only']) && initial.length) {
    emit({ stream: 'stdout', text: print(initial.map((o) => ({ type: 'ADDED', object: o }))) })
  }
  const seen = new Set(initial.map((o) => o.metadata?.uid))
  const unsubscribe = host.api.watch(info.kind, (ev) => {
    const uid = ev.object.metadata?.uid
    const was = seen.has(uid)
    const now = ev.type !== 'DELETED' && inSelection(ev.object)
    let type: EventType | undefined
    if (ev.type === 'DELETED') type = was ? 'DELETED' : undefined
    else if (now) type = was ? 'MODIFIED' : 'ADDED'
    else if (was) type = 'DELETED'
    if (now) seen.add(uid)
    else seen.delete(uid)
    if (type) emit({ stream: 'stdout', text: print([{ type, object: ev.object }]) })
  })
  return { stop: unsubscribe }
}

/** Prints batches of watch events in the plan's format; remembers the header and the YAML count. */
function streamPrinter(host: KubectlHost, plan: GetPlan): (events: { type: EventType; object: KubeObject }[]) => string {
  const info = plan.requests[0].info
  const withEvents = bool(plan.flags['output-watch-events'])
  const noHeaders = bool(plan.flags['no-headers'])
  let headerDone = false
  let count = 0
  const wrap = (e: { type: EventType; object: KubeObject }) => (withEvents ? { type: e.type, object: e.object } : e.object)
  return (events) => {
    const p = plan.printer
    switch (p.t) {
      case 'yaml':
        // kube: the YAML printer separates every document after the first with `---`.
        return events.map((e) => (count++ ? '---\n' : '') + toYaml(wrap(e))).join('')
      case 'json':
        return events.map((e) => toJson(wrap(e))).join('')
      case 'jsonpath':
        return events.map((e) => executeJsonPath(p.nodes, wrap(e), { json: p.json })).join('')
      case 'name':
        return events.map((e) => `${kindString(info)}/${e.object.metadata?.name}\n`).join('')
    }
    const table = tableFor(plan, info, host.clock.now())
    const headers = withEvents ? ['EVENT', ...table.headers] : table.headers
    const rows = events.map((e) => (withEvents ? [e.type, ...table.row(e.object)] : table.row(e.object)))
    const text = renderTable({ headers, rows }, { noHeaders: noHeaders || headerDone })
    headerDone = true
    return text
  }
}
