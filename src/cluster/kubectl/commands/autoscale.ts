/**
 * kubectl autoscale (TYPE NAME | TYPE/NAME) --max=N [--min=N] [--cpu=50%|500m] [--memory=60%|200Mi]:
 * creates an autoscaling/v2 HorizontalPodAutoscaler for a Deployment, ReplicaSet, StatefulSet or
 * ReplicationController, as kubectl v1.35 does. --cpu-percent still works and is deprecated.
 */
import type { HorizontalPodAutoscaler, MetricSpec } from 'kubernetes-types/autoscaling/v2'
import { isQuantity } from '../../apiserver/quantity'
import type { KubeObject } from '../../apiserver/types'
import { formatError } from '../errors'
import { parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { resolveResource } from '../resources'
import { ACTOR, namespaceOf, type CommandContext } from '../context'

const FLAGS: FlagSpec[] = [
  { name: 'min', type: 'int' },
  { name: 'max', type: 'int' },
  { name: 'cpu-percent', type: 'int' },
  { name: 'cpu', type: 'string' },
  { name: 'memory', type: 'string' },
  { name: 'name', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'save-config', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  { name: 'filename', short: 'f', type: 'strings' },
]

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']

/** kube: parseResourceInput — `70%` is a utilization, a quantity an average value, a bare number m or Mi. */
function metric(resource: 'cpu' | 'memory', input: string): MetricSpec {
  const text = input.trim()
  const pct = /^(\d+)%$/.exec(text)
  if (text.endsWith('%')) {
    if (!pct) throw new CommandError(`error: invalid percentage value: ${text}`)
    return { type: 'Resource', resource: { name: resource, target: { type: 'Utilization', averageUtilization: Number(pct[1]) } } }
  }
  let quantity = text
  if (/^[0-9.]+$/.test(text)) quantity = `${Number(text)}${resource === 'cpu' ? 'm' : 'Mi'}`
  if (!isQuantity(quantity)) throw new CommandError(`error: invalid resource ${resource} value: ${text}`)
  return { type: 'Resource', resource: { name: resource, target: { type: 'AverageValue', averageValue: quantity } } }
}

export function autoscale(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('autoscale', words, FLAGS)
  if (flags.max === undefined) throw new CommandError('error: required flag(s) "max" not set')
  const max = flags.max as number
  const min = (flags.min as number | undefined) ?? -1
  if (max < 1) throw new CommandError(`error: --max=MAXPODS is required and must be at least 1, max: ${max}`)
  if (max < min) throw new CommandError(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`)
  const cpuPercent = (flags['cpu-percent'] as number | undefined) ?? -1
  const cpu = str(flags.cpu)
  const memory = str(flags.memory)
  if (flags['cpu-percent'] !== undefined) {
    // pflag prints a deprecated flag's notice on stderr and goes on.
    ctx.out.note("Flag --cpu-percent has been deprecated, Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).")
  }
  if (cpuPercent > 0 && cpu) throw new CommandError('error: --cpu-percent and --cpu are mutually exclusive')
  const metrics: MetricSpec[] = []
  if (cpuPercent > 0) metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpuPercent } } })
  if (cpu) metrics.push(metric('cpu', cpu))
  if (memory) metrics.push(metric('memory', memory))

  const targets = args.length && args[0].includes('/')
    ? args.map((a) => ({ type: a.slice(0, a.indexOf('/')), name: a.slice(a.indexOf('/') + 1) }))
    : args.slice(1).map((name) => ({ type: args[0], name }))
  if (!targets.length) {
    throw new CommandError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
  }
  const api = ctx.host.api
  const namespace = namespaceOf(ctx, flags.namespace)
  const dryRun = str(flags['dry-run'])
  for (const t of targets) {
    try {
      const info = resolveResource(api, t.type)
      const target = api.get<KubeObject>(info.kind, namespace, t.name)
      if (!SCALABLE.includes(info.kind)) {
        throw new CommandError(`error: cannot autoscale a ${info.kind}: could not find scale subresource for ${info.resource}${info.group ? `.${info.group}` : ''} in discovery information`)
      }
      const name = str(flags.name) || t.name
      const hpa: HorizontalPodAutoscaler = {
        apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
        metadata: { name, namespace },
        spec: {
          scaleTargetRef: { apiVersion: target.apiVersion, kind: info.kind, name: t.name },
          maxReplicas: max,
          ...(min > 0 ? { minReplicas: min } : {}),
          ...(metrics.length ? { metrics } : {}),
        },
      }
      const label = `horizontalpodautoscaler.autoscaling/${name}`
      if (dryRun === 'client') {
        ctx.out.out(`${label} created (dry run)`)
        continue
      }
      api.create(hpa as KubeObject, { ...ACTOR, dryRun: dryRun === 'server' })
      ctx.out.out(`${label} autoscaled${dryRun === 'server' ? ' (server dry run)' : ''}`)
    } catch (e) {
      ctx.out.err(formatError(e))
    }
  }
}
