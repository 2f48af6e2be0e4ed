/**
 * kubectl wait (kube: kubectl/pkg/cmd/wait): `--for=delete`, `--for=condition=Ready[=true]`,
 * `--for=jsonpath='{.status.phase}'=Running` (or just a path that must exist), `--for=create`, on
 * named objects, `-l SELECTOR` or `--all`. The virtual clock runs (timer by timer) until each
 * object meets the condition or `--timeout` (kube default 30s) passes for it.
 */
import type { KindInfo, KubeObject } from '../../apiserver/types'
import { formatError } from '../errors'
import { bool, parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { fieldSelectorFilter } from '../field-selector'
import { findResults } from '../printers/jsonpath'
import { kindString, resolveResource, resourceString } from '../resources'
import { namespaceOf, type CommandContext } from '../context'
import { parseGoDuration, resourceTargets, runUntil, type Target } from './targets'

const FLAGS: FlagSpec[] = [
  { name: 'for', type: 'string' },
  { name: 'timeout', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'field-selector', type: 'string' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'local', type: 'bool' },
  { name: 'recursive', short: 'R', type: 'bool' },
]

// kube default: --timeout=30s.
const DEFAULT_TIMEOUT_MS = 30_000

type Check = (obj: KubeObject | undefined) => boolean

interface Condition {
  check: Check
  /** --for=delete is met by an object that is gone; the others need one. */
  deletion: boolean
}

/** kube: conditionFuncFor — the four forms of --for. */
function parseFor(value: string): Condition {
  const lower = value.toLowerCase()
  if (lower === 'delete') return { deletion: true, check: (o) => o === undefined }
  if (lower === 'create') return { deletion: false, check: (o) => o !== undefined }
  if (lower.startsWith('condition=')) {
    const body = value.slice('condition='.length)
    const eq = body.indexOf('=')
    const type = eq < 0 ? body : body.slice(0, eq)
    const want = eq < 0 ? 'true' : body.slice(eq + 1)
    return {
      deletion: false,
      check: (o) => {
        const conditions = (o?.status as { conditions?: { type: string; status: string; observedGeneration?: number }[] } | undefined)?.conditions ?? []
        // kube: condition types and statuses compare case-insensitively; a stale observedGeneration does not count.
        return conditions.some((c) => c.type.toLowerCase() === type.toLowerCase() && c.status.toLowerCase() === want.toLowerCase() &&
          (c.observedGeneration === undefined || c.observedGeneration === o?.metadata?.generation))
      },
    }
  }
  if (lower.startsWith('jsonpath=')) {
    const body = value.slice('jsonpath='.length)
    const close = body.lastIndexOf('}')
    const m = close >= 0 && body.startsWith('{') ? [body.slice(0, close + 1), body.slice(close + 1)] : body.split(/=(.*)/s)
    const path = m[0].startsWith('{') ? m[0] : `{${m[0]}}`
    const rest = m[1] ?? ''
    if (rest && !rest.startsWith('=')) throw new CommandError(`error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'`)
    const expected = rest ? rest.slice(1) : undefined
    try {
      findResults(path, {})
    } catch (e) {
      throw new CommandError(`error: ${e instanceof Error ? e.message : String(e)}`)
    }
    return {
      deletion: false,
      check: (o) => {
        if (!o) return false
        let results: unknown[]
        try {
          results = findResults(path, o).flat()
        } catch {
          return false
        }
        if (results.length !== 1) return false
        const v = results[0]
        if (expected === undefined) return v !== undefined
        if (typeof v === 'object' && v !== null) return false
        return String(v) === expected
      },
    }
  }
  throw new CommandError(`error: unrecognized condition: "${value}"`)
}

export function wait(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('wait', words, FLAGS)
  const api = ctx.host.api
  const { clock } = ctx.host
  const namespace = namespaceOf(ctx, flags.namespace)
  const forValue = str(flags.for)
  if (!forValue) throw new CommandError("error: --for must be specified\nSee 'kubectl wait -h' for help and examples")
  const condition = parseFor(forValue)
  const timeout = str(flags.timeout) === undefined ? DEFAULT_TIMEOUT_MS : parseGoDuration(str(flags.timeout)!, 'timeout', 'wait')
  const selector = str(flags.selector)
  const fieldSelector = str(flags['field-selector'])
  let targets: Target[]
  if (args.length === 1 && !args[0].includes('/') && (selector || fieldSelector || bool(flags.all))) {
    const info = resolveResource(api, args[0])
    const ns = info.namespaced && !bool(flags['all-namespaces']) ? namespace : undefined
    const keep = fieldSelector ? fieldSelectorFilter(info, fieldSelector, selector) : () => true
    targets = api.list<KubeObject>(info.kind, { namespace: ns, labelSelector: selector }).filter(keep)
      .map((o) => ({ info, namespace: o.metadata?.namespace, name: o.metadata!.name! }))
  } else {
    if (args.length === 1 && !args[0].includes('/')) {
      throw new CommandError('error: resource(s) were provided, but no name was specified')
    }
    targets = resourceTargets(api, args, namespace, 'wait')
  }
  if (!targets.length) {
    if (condition.deletion) return
    throw new CommandError('error: no matching resources found')
  }
  for (const t of targets) {
    const get = () => api.find<KubeObject>(t.info.kind, t.namespace, t.name)
    const first = get()
    if (!first && !condition.deletion && forValue.toLowerCase() !== 'create') {
      ctx.out.err(formatError(notFound(t.info, t.name)))
      continue
    }
    const uid = first?.metadata?.uid
    // For delete, a new object under the same name is not the one we waited for.
    const current = () => {
      const o = get()
      return condition.deletion && uid && o?.metadata?.uid !== uid ? undefined : o
    }
    const met = runUntil(clock, () => condition.check(current()), clock.now() + timeout)
    if (met) ctx.out.out(`${kindString(t.info)}/${t.name} condition met`)
    else ctx.out.err(`error: timed out waiting for the condition on ${resourceString(t.info)}/${t.name}`)
  }
}

function notFound(info: KindInfo, name: string): Error {
  return new CommandError(`Error from server (NotFound): ${resourceString(info)} "${name}" not found`)
}
