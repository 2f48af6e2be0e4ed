/**
 * The runner's `traffic` verb: start and stop traffic generators and read their counters.
 *   traffic NAME --to URL --rps N [--from external|node/NAME|pod/NAME [-n NS]]
 *   traffic stop NAME
 *   traffic            a table: NAME URL RPS SENT OK FAILED
 *   traffic pods       per pod: POD OK FAILED
 */
import type { KubectlHost, TrafficControl } from './host'
import { renderTable } from './printers/table'

export interface VerbResult { ok: boolean; text: string }

/** A kubectl-style table (three spaces between columns) from a header row and data rows. */
export function formatTable(rows: string[][]): string {
  return renderTable({ headers: rows[0], rows: rows.slice(1) })
}

type Source = { pod: { namespace: string; name: string } } | { node: string } | { external: true }

export function runTrafficVerb(host: KubectlHost, args: string[]): VerbResult {
  const traffic = host.traffic
  if (!traffic) return { ok: false, text: 'traffic: this cluster has no network' }
  if (!args.length) return { ok: true, text: table(traffic) }
  if (args[0] === 'pods' && args.length === 1) {
    const pods = Object.entries(traffic.pods()).sort(([a], [b]) => a.localeCompare(b))
    if (!pods.length) return { ok: true, text: 'No requests have reached a pod.\n' }
    return { ok: true, text: formatTable([['POD', 'OK', 'FAILED'], ...pods.map(([k, v]) => [k, String(v.ok), String(v.failed)])]) }
  }
  if (args[0] === 'stop') {
    const name = args[1]
    if (!name) return { ok: false, text: 'traffic stop: a generator name is required' }
    return traffic.stop(name) ? { ok: true, text: `traffic/${name} stopped\n` } : { ok: false, text: `traffic: generator "${name}" not found` }
  }
  const name = args[0]
  let url: string | undefined
  let rps = 10
  let from: string | undefined
  let namespace = 'default'
  for (let i = 1; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s)
    const value = () => inline ?? args[++i]
    if (flag === '--to') url = value()
    else if (flag === '--rps') rps = Number(value())
    else if (flag === '--from') from = value()
    else if (flag === '-n' || flag === '--namespace') namespace = value() ?? 'default'
    else return { ok: false, text: `traffic: unknown flag ${args[i]}` }
  }
  if (!url) return { ok: false, text: 'traffic: --to URL is required' }
  if (!Number.isFinite(rps) || rps < 0) return { ok: false, text: `traffic: invalid --rps "${rps}"` }
  const source = parseSource(from, namespace)
  if (source === null) return { ok: false, text: `traffic: invalid --from "${from}" (external, node/NAME or pod/NAME)` }
  traffic.start({ name, url, rps, ...(source ? { from: source } : {}) })
  return { ok: true, text: `traffic/${name} started\n` }
}

function parseSource(from: string | undefined, namespace: string): Source | undefined | null {
  if (from === undefined) return undefined
  if (from === 'external') return { external: true }
  const [kind, name] = from.split('/')
  if (!name) return null
  if (kind === 'node' || kind === 'no') return { node: name }
  if (kind === 'pod' || kind === 'po') return { pod: { namespace, name } }
  return null
}

function table(traffic: TrafficControl): string {
  const gens = traffic.list()
  if (!gens.length) return 'No traffic generators.\n'
  return formatTable([
    ['NAME', 'URL', 'RPS', 'SENT', 'OK', 'FAILED'],
    ...gens.map((g) => [g.name, g.url, String(g.rps), String(g.sent), String(g.ok), String(g.failed)]),
  ])
}
