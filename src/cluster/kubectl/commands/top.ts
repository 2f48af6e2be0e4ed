/**
 * kubectl top node|pod: resource usage from the metrics API (metrics-server), laid out as kubectl's
 * metricsutil printer does: CPU in whole millicores (rounded up), memory in whole Mi (rounded
 * down), node percentages of allocatable (truncated), every cell ending in a tab.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { parseBytes, parseCpuMillis } from '../../apiserver/quantity'
import { matches, parseSelector } from '../../apiserver/labels'
import type { NodeUsage, PodUsage, ResourceMetrics } from '../../metrics'
import { formatGoDuration } from '../../kubelet/durations'
import { parseFlags, bool, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { namespaceOf, type CommandContext } from '../context'
import { TABLE_TABS, tabwrite } from '../printers/tabwriter'

const NODE_FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'sort-by', type: 'string' },
  { name: 'no-headers', type: 'bool' },
  { name: 'show-capacity', type: 'bool' },
  { name: 'use-protocol-buffers', type: 'bool' },
]

const POD_FLAGS: FlagSpec[] = [
  ...NODE_FLAGS.filter((f) => f.name !== 'show-capacity'),
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'containers', type: 'bool' },
  { name: 'field-selector', type: 'string' },
]

// kube: metricsCreationDelay — a pod younger than this may simply not have been scraped yet.
const METRICS_CREATION_DELAY_MS = 2 * 60_000

const cpuCell = (cores: number) => `${Math.ceil(Math.round(cores * 1e9) / 1e6)}m`
const memoryCell = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))}Mi`
const percent = (used: number, available: number) => `${available > 0 ? Math.trunc((used / available) * 100) : 0}%`

function table(rows: string[][], headers: string[] | undefined): string {
  const lines = headers ? [headers, ...rows] : rows
  return tabwrite(lines.map((r) => r.map((c) => `${c}\t`).join('') + '\n').join(''), TABLE_TABS)
}

function metricsApi(ctx: CommandContext): ResourceMetrics {
  const m = ctx.host.metrics
  if (!m) throw new CommandError('error: Metrics API not available')
  return m
}

export function top(ctx: CommandContext, words: string[]): void {
  const [sub, ...rest] = words
  if (sub === 'node' || sub === 'nodes' || sub === 'no') return topNode(ctx, rest)
  if (sub === 'pod' || sub === 'pods' || sub === 'po') return topPod(ctx, rest)
  if (sub === undefined) {
    ctx.out.out('Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n\nUse "kubectl top <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).')
    return
  }
  throw new CommandError(`error: unknown command "${sub}" for "kubectl top"`)
}

function sortBy(flag: string | undefined): 'cpu' | 'memory' | undefined {
  if (flag === undefined || flag === '') return undefined
  if (flag === 'cpu' || flag === 'memory') return flag
  throw new CommandError('error: --sort-by accepts only cpu or memory')
}

function topNode(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('top node', words, NODE_FLAGS)
  const sort = sortBy(str(flags['sort-by']))
  const metrics = metricsApi(ctx)
  const name = args[0]
  let nodes = ctx.host.api.list<Node>('Node')
  const sel = str(flags.selector)
  if (sel) {
    const s = parseSelector(sel)
    nodes = nodes.filter((n) => matches(s, n.metadata?.labels))
  }
  let usages: NodeUsage[]
  if (name) {
    const u = metrics.node(name)
    if (!u) throw new CommandError(`Error from server (NotFound): nodemetrics.metrics.k8s.io "${name}" not found`)
    usages = [u]
    nodes = nodes.filter((n) => n.metadata?.name === name)
  } else {
    const wanted = new Set(nodes.map((n) => n.metadata!.name!))
    usages = metrics.nodes().filter((u) => wanted.has(u.name)).sort((a, b) => (a.name < b.name ? -1 : 1))
    if (!usages.length) throw new CommandError('error: metrics not available yet')
  }
  if (sort) usages.sort((a, b) => (sort === 'cpu' ? b.cpuCores - a.cpuCores : b.memoryBytes - a.memoryBytes))
  const byName = new Map(nodes.map((n) => [n.metadata!.name!, n]))
  const field = bool(flags['show-capacity']) ? 'capacity' : 'allocatable'
  const rows = usages.map((u) => {
    const res = byName.get(u.name)?.status?.[field] ?? {}
    const cpu = parseCpuMillis(String(res.cpu ?? '0'))
    const mem = parseBytes(String(res.memory ?? '0'))
    return [u.name, cpuCell(u.cpuCores), percent(Math.ceil(u.cpuCores * 1000), cpu), memoryCell(u.memoryBytes), percent(u.memoryBytes, mem)]
  })
  // kube: nodes metrics-server has no reading of are listed last, with unknown usage.
  const measured = new Set(usages.map((u) => u.name))
  if (!name) {
    for (const n of nodes) if (!measured.has(n.metadata!.name!)) rows.push([n.metadata!.name!, '<unknown>', '<unknown>', '<unknown>', '<unknown>'])
  }
  ctx.out.stdout += table(rows, bool(flags['no-headers']) ? undefined : ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'])
}

function topPod(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('top pod', words, POD_FLAGS)
  const sort = sortBy(str(flags['sort-by']))
  const metrics = metricsApi(ctx)
  const all = bool(flags['all-namespaces'])
  const namespace = namespaceOf(ctx, flags.namespace)
  const name = args[0]
  const api = ctx.host.api
  let usages: PodUsage[]
  if (name) {
    const u = metrics.pod(namespace, name)
    if (!u) throw new CommandError(`Error from server (NotFound): podmetrics.metrics.k8s.io "${namespace}/${name}" not found`)
    usages = [u]
  } else {
    const pods = api.list<Pod>('Pod', { namespace: all ? undefined : namespace, labelSelector: str(flags.selector) })
    const wanted = new Set(pods.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`))
    usages = metrics.pods(all ? undefined : namespace).filter((u) => wanted.has(`${u.namespace}/${u.name}`))
    usages.sort((a, b) => (a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : a.name < b.name ? -1 : 1))
    if (!usages.length) {
      // kube: verifyEmptyMetrics — pods old enough to have been scraped say so; young ones mean "not yet".
      if (pods.length === 0) {
        ctx.out.note(all ? 'No resources found' : `No resources found in ${namespace} namespace.`)
        return
      }
      const now = ctx.host.clock.now()
      for (const p of pods) {
        const age = now - Date.parse(p.metadata!.creationTimestamp!)
        if (age > METRICS_CREATION_DELAY_MS) throw new CommandError(`error: Metrics not available for pod ${p.metadata!.namespace}/${p.metadata!.name}, age: ${formatGoDuration(age)}`)
      }
      throw new CommandError('error: metrics not available yet')
    }
  }
  const total = (u: PodUsage, k: 'cpuCores' | 'memoryBytes') => u.containers.reduce((s, c) => s + c[k], 0)
  if (sort) usages.sort((a, b) => (sort === 'cpu' ? total(b, 'cpuCores') - total(a, 'cpuCores') : total(b, 'memoryBytes') - total(a, 'memoryBytes')))
  const containers = bool(flags.containers)
  const headers = [...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)']
  const rows: string[][] = []
  for (const u of usages) {
    const lead = all ? [u.namespace] : []
    if (containers) {
      for (const c of u.containers) rows.push([...lead, u.name, c.name, cpuCell(c.cpuCores), memoryCell(c.memoryBytes)])
    } else {
      rows.push([...lead, u.name, cpuCell(total(u, 'cpuCores')), memoryCell(total(u, 'memoryBytes'))])
    }
  }
  ctx.out.stdout += table(rows, bool(flags['no-headers']) ? undefined : headers)
}
