/**
 * kubectl drain (kubectl/pkg/cmd/drain and kubectl/pkg/drain): cordon the node, then evict every
 * pod on it through the pods/eviction subresource, so PodDisruptionBudgets are respected.
 * Pods kubectl will not touch stop the drain before anything is evicted: DaemonSet-managed pods
 * (unless --ignore-daemonsets, which skips them with a warning), pods with emptyDir data (unless
 * --delete-emptydir-data) and pods no controller manages (unless --force). Mirror pods are skipped.
 * An eviction refused with 429 is retried every 5 s; an evicted pod is reported once the API no
 * longer has it (polled every second). Waiting steps the virtual clock.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { evict } from '../../apiserver/eviction'
import { ApiError, isNotFound, type DeleteOptions } from '../../apiserver/types'
import { ACTOR, type CommandContext } from '../context'
import { formatError } from '../errors'
import { bool, parseFlags, str, type FlagSpec } from '../flags'
import { selectNodes, setUnschedulable } from './cordon'
import { parseGoDuration } from './targets'
import { formatGoDuration } from '../../kubelet/durations'

const FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'pod-selector', type: 'string' },
  { name: 'force', type: 'bool' },
  { name: 'ignore-daemonsets', type: 'bool' },
  { name: 'delete-emptydir-data', type: 'bool' },
  { name: 'delete-local-data', type: 'bool' },
  { name: 'grace-period', type: 'int' },
  { name: 'timeout', type: 'string' },
  { name: 'disable-eviction', type: 'bool' },
  { name: 'skip-wait-for-delete-timeout', type: 'int' },
  { name: 'chunk-size', type: 'int' },
  { name: 'dry-run', type: 'string' },
]

// kube: drain's filter messages (kubectl/pkg/drain/filters.go).
const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)'
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods'
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)'
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage'
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)'
const UNMANAGED_WARNING = 'deleting Pods that declare no controller'
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror'
/** kube: EvictErrorRetryDelay and waitForDelete's poll interval. */
const EVICT_RETRY_MS = 5_000
const POLL_MS = 1_000
/** --timeout=0 means forever; forever stops after this much virtual time here. */
const FOREVER_CAP_MS = 60 * 60_000

interface Options {
  force: boolean
  ignoreDaemonSets: boolean
  deleteEmptyDirData: boolean
  disableEviction: boolean
  gracePeriod: number
  timeoutMs: number
}

type Verdict = { delete: boolean; kind?: 'warning' | 'error'; message?: string }

const finished = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'

/** kube: makeFilters — daemonSet, mirrorPod, localStorage, unreplicated; the last word wins. */
function filterPod(ctx: CommandContext, pod: Pod, o: Options): Verdict {
  const ref = pod.metadata?.ownerReferences?.find((r) => r.controller)
  let verdict: Verdict = { delete: true }
  if (ref?.kind === 'DaemonSet' && !finished(pod)) {
    if (!daemonSetExists(ctx, pod.metadata?.namespace, ref.name)) {
      const msg = `daemonsets.apps "${ref.name}" not found`
      if (!o.force) return { delete: false, kind: 'error', message: msg }
      verdict = { delete: true, kind: 'warning', message: msg }
    } else if (!o.ignoreDaemonSets) return { delete: false, kind: 'error', message: DAEMONSET_FATAL }
    else return { delete: false, kind: 'warning', message: DAEMONSET_WARNING }
  }
  if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return { delete: false }
  if ((pod.spec?.volumes ?? []).some((v) => v.emptyDir) && !finished(pod)) {
    if (!o.deleteEmptyDirData) return { delete: false, kind: 'error', message: LOCAL_STORAGE_FATAL }
    verdict = { delete: true, kind: 'warning', message: LOCAL_STORAGE_WARNING }
  }
  if (!finished(pod) && !ref) {
    if (!o.force) return { delete: false, kind: 'error', message: UNMANAGED_FATAL }
    verdict = { delete: true, kind: 'warning', message: UNMANAGED_WARNING }
  }
  return verdict
}

function daemonSetExists(ctx: CommandContext, namespace: string | undefined, name: string): boolean {
  if (!ctx.host.api.resolveKind('DaemonSet')) return false
  return ctx.host.api.find('DaemonSet', namespace, name) !== undefined
}

/** Groups `ns/name` by message, in first-seen order (kube: PodDeleteList.Warnings / errors). */
function grouped(items: { pod: Pod; message: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const { pod, message } of items) {
    const list = out.get(message) ?? []
    list.push(`${pod.metadata?.namespace}/${pod.metadata?.name}`)
    out.set(message, list)
  }
  return out
}

/** kube: GetPodsForDeletion — the pods to evict, or the errors that stop the drain. */
function podsForDeletion(ctx: CommandContext, node: string, podSelector: string | undefined, o: Options): { pods: Pod[]; errors: string[] } {
  const all = ctx.host.api.list<Pod>('Pod', { fieldSelector: `spec.nodeName=${node}`, labelSelector: podSelector })
  const pods: Pod[] = []
  const warnings: { pod: Pod; message: string }[] = []
  const errors: { pod: Pod; message: string }[] = []
  for (const pod of all) {
    const v = filterPod(ctx, pod, o)
    if (v.delete) pods.push(pod)
    if (v.kind === 'warning') warnings.push({ pod, message: v.message! })
    if (v.kind === 'error') errors.push({ pod, message: v.message! })
  }
  if (errors.length) {
    const msgs = [...grouped(errors)].map(([m, names]) => `${m.toLowerCase().startsWith('cannot delete') ? m : `cannot delete ${m}`}: ${names.join(', ')}`)
    return { pods: [], errors: msgs }
  }
  if (warnings.length) ctx.out.note(`Warning: ${[...grouped(warnings)].map(([m, names]) => `${m}: ${names.join(', ')}`).join('; ')}`)
  return { pods, errors: [] }
}

interface Task {
  pod: Pod
  state: 'evict' | 'wait' | 'done'
  at: number
  error?: string
}

/** kube: evictPods / deletePods and waitForDelete, one task per pod, run on the virtual clock. */
function deleteOrEvict(ctx: CommandContext, pods: Pod[], o: Options): string[] {
  const { api, clock } = ctx.host
  const start = clock.now()
  const deadline = start + (o.timeoutMs > 0 ? o.timeoutMs : FOREVER_CAP_MS)
  const options: DeleteOptions = o.gracePeriod >= 0 ? { gracePeriodSeconds: o.gracePeriod } : {}
  const tasks: Task[] = pods.map((pod) => ({ pod, state: 'evict', at: start }))
  const verb = o.disableEviction ? 'deleted' : 'evicted'
  const ref = (p: Pod) => `pods/"${p.metadata?.name}" -n "${p.metadata?.namespace}"`
  for (;;) {
    const now = clock.now()
    for (const t of tasks) {
      if (t.state !== 'evict' || t.at > now) continue
      const { name, namespace } = t.pod.metadata!
      if (!o.disableEviction) ctx.out.out(`evicting pod ${namespace}/${name}`)
      if (now >= deadline) {
        t.state = 'done'
        t.error = `error when evicting ${ref(t.pod)}: global timeout reached: ${formatGoDuration(o.timeoutMs)}`
        continue
      }
      try {
        if (o.disableEviction) api.delete('Pod', namespace, name!, ACTOR, options)
        else evict(ctx.host, namespace!, name!, ACTOR, options)
        t.state = 'wait'
      } catch (e) {
        if (isNotFound(e)) t.state = 'done'
        else if (!o.disableEviction && e instanceof ApiError && e.reason === 'TooManyRequests') {
          ctx.out.note(`error when evicting ${ref(t.pod)} (will retry after ${formatGoDuration(EVICT_RETRY_MS)}): ${e.message}`)
          t.at = now + EVICT_RETRY_MS
        } else {
          t.state = 'done'
          t.error = `error when evicting ${ref(t.pod)}: ${e instanceof Error ? e.message : String(e)}`
        }
      }
    }
    clock.settle()
    for (const t of tasks) {
      if (t.state !== 'wait' || t.at > clock.now()) continue
      const current = api.find<Pod>('Pod', t.pod.metadata?.namespace, t.pod.metadata!.name!)
      if (!current || current.metadata?.uid !== t.pod.metadata?.uid) {
        t.state = 'done'
        ctx.out.out(`pod/${t.pod.metadata?.name} ${verb}`)
      } else if (clock.now() >= deadline) {
        t.state = 'done'
        t.error = `error when waiting for pod "${t.pod.metadata?.name}" in namespace "${t.pod.metadata?.namespace}" to terminate: drain did not complete within ${formatGoDuration(o.timeoutMs)}`
      } else t.at = Math.max(t.at, clock.now()) + POLL_MS
    }
    const open = tasks.filter((t) => t.state !== 'done')
    if (!open.length) break
    const next = Math.min(...open.map((t) => t.at))
    clock.advanceTo(Math.max(next, clock.now()))
  }
  return tasks.flatMap((t) => (t.error ? [t.error] : []))
}

export function drain(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('drain', words, FLAGS)
  const timeoutText = str(flags.timeout)
  const o: Options = {
    force: bool(flags.force),
    ignoreDaemonSets: bool(flags['ignore-daemonsets']),
    deleteEmptyDirData: bool(flags['delete-emptydir-data']) || bool(flags['delete-local-data']),
    disableEviction: bool(flags['disable-eviction']),
    gracePeriod: typeof flags['grace-period'] === 'number' ? flags['grace-period'] : -1,
    timeoutMs: timeoutText === undefined ? 0 : parseGoDuration(timeoutText, 'timeout', 'drain'),
  }
  if (flags['delete-local-data'] !== undefined) {
    ctx.out.note('Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.')
  }
  const nodes = selectNodes(ctx, 'drain', args, str(flags.selector))
  // kube: RunDrain cordons every node first.
  const cordoned: string[] = []
  for (const name of nodes) {
    try {
      const changed = setUnschedulable(ctx, name, true)
      ctx.out.out(`node/${name} ${changed ? '' : 'already '}cordoned`)
      cordoned.push(name)
    } catch (e) {
      ctx.out.err(formatError(e))
    }
  }
  const fatal: string[] = []
  const pending: string[] = []
  for (const name of cordoned) {
    const { pods, errors } = podsForDeletion(ctx, name, str(flags['pod-selector']), o)
    let failure = errors
    if (!failure.length) {
      failure = deleteOrEvict(ctx, pods, o)
      if (failure.length) {
        const left = podsForDeletion(ctx, name, str(flags['pod-selector']), { ...o, force: true, ignoreDaemonSets: true, deleteEmptyDirData: true }).pods
        if (left.length) {
          ctx.out.note(`There are pending pods in node "${name}" when an error occurred: ${aggregate(failure)}`)
          for (const p of left) ctx.out.note(`pod/${p.metadata?.name}`)
        }
      }
    }
    if (!failure.length) {
      ctx.out.out(`node/${name} drained`)
      continue
    }
    ctx.out.note(`error: unable to drain node "${name}" due to error: ${aggregate(failure)}, continuing command...`)
    fatal.push(aggregate(failure))
    pending.push(name)
  }
  if (pending.length) {
    ctx.out.note(`There are pending nodes to be drained:\n${pending.map((n) => ` ${n}`).join('\n')}`)
    // kube: cmdutil.CheckErr prints an aggregate error one message per line, without a prefix.
    ctx.out.err(fatal.join('\n'))
  }
}

/** utilerrors.Aggregate's Error(): one message alone, several in brackets. */
const aggregate = (msgs: string[]) => (msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`)
