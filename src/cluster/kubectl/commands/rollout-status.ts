/**
 * kubectl rollout status (kubectl/pkg/cmd/rollout/rollout_status.go and polymorphichelpers'
 * status viewers): prints the object's rollout status once from the list, then again on every
 * watch event, until the rollout is done, fails, or --timeout passes. Here the watch is the API's
 * and waiting steps the virtual clock.
 */
import type { DaemonSet, Deployment, StatefulSet } from 'kubernetes-types/apps/v1'
import type { Api, KubeObject } from '../../apiserver/types'
import { namespaceOf, type CommandContext } from '../context'
import { parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { parseGoDuration, resourceTargets, runUntil, type Target } from './targets'
import { formatGoDuration } from '../../kubelet/durations'

const FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'revision', type: 'int' },
  { name: 'timeout', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
]

/** `--timeout=0` waits forever; forever is capped (virtual time) past the Deployment's progress deadline. */
const CAP_MARGIN_MS = 60_000
const DEFAULT_CAP_MS = 10 * 60_000

interface Status {
  message: string
  done: boolean
  error?: string
}

type Viewer = (obj: never, revision: number) => Status

/** kube: DeploymentStatusViewer. */
function deploymentStatus(d: Deployment, revision: number): Status {
  const name = d.metadata?.name
  const st = d.status ?? {}
  if (revision > 0) {
    const current = Number(d.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0)
    if (current !== revision) return { message: '', done: false, error: `desired revision (${revision}) is different from the running revision (${current})` }
  }
  if ((d.metadata?.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false }
  const progressing = st.conditions?.find((c) => c.type === 'Progressing')
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { message: '', done: false, error: `deployment "${name}" exceeded its progress deadline` }
  const replicas = d.spec?.replicas
  const updated = st.updatedReplicas ?? 0
  const wait = `Waiting for deployment "${name}" rollout to finish: `
  if (replicas !== undefined && updated < replicas) return { message: `${wait}${updated} out of ${replicas} new replicas have been updated...`, done: false }
  if ((st.replicas ?? 0) > updated) return { message: `${wait}${(st.replicas ?? 0) - updated} old replicas are pending termination...`, done: false }
  if ((st.availableReplicas ?? 0) < updated) return { message: `${wait}${st.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false }
  return { message: `deployment "${name}" successfully rolled out`, done: true }
}

/** kube: DaemonSetStatusViewer. */
function daemonSetStatus(ds: DaemonSet): Status {
  const name = ds.metadata?.name
  const st = ds.status
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' }
  }
  if ((ds.metadata?.generation ?? 0) > (st?.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...', done: false }
  const desired = st?.desiredNumberScheduled ?? 0
  const wait = `Waiting for daemon set "${name}" rollout to finish: `
  if ((st?.updatedNumberScheduled ?? 0) < desired) return { message: `${wait}${st?.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`, done: false }
  if ((st?.numberAvailable ?? 0) < desired) return { message: `${wait}${st?.numberAvailable ?? 0} of ${desired} updated pods are available...`, done: false }
  return { message: `daemon set "${name}" successfully rolled out`, done: true }
}

/** kube: StatefulSetStatusViewer. */
function statefulSetStatus(sts: StatefulSet): Status {
  const st = sts.status
  const strategy = sts.spec?.updateStrategy
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
    return { message: '', done: true, error: 'rollout status is only available for RollingUpdate strategy type' }
  }
  if (!st?.observedGeneration || (sts.metadata?.generation ?? 0) > st.observedGeneration) {
    return { message: 'Waiting for statefulset spec update to be observed...', done: false }
  }
  const replicas = sts.spec?.replicas
  if (replicas !== undefined && (st.readyReplicas ?? 0) < replicas) return { message: `Waiting for ${replicas - (st.readyReplicas ?? 0)} pods to be ready...`, done: false }
  if (strategy?.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition
    if (replicas !== undefined && partition !== undefined && (st.updatedReplicas ?? 0) < replicas - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...`, done: false }
    }
    return { message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...`, done: true }
  }
  if (st.updateRevision !== st.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...`, done: false }
  }
  return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...`, done: true }
}

const VIEWERS: Record<string, Viewer> = {
  Deployment: deploymentStatus as Viewer,
  DaemonSet: daemonSetStatus as Viewer,
  StatefulSet: statefulSetStatus as Viewer,
}

/** How a rollout status watch ended: done, failed (`error`), or its object deleted. */
export type RolloutOutcome = { done: true } | { error: string }

/**
 * Prints `target`'s rollout status now and again on every change of the object, until the rollout
 * is done or fails; `settle` is called once with how it ended (kube: rollout_status.go's watch loop).
 * Returns the unsubscribe. Throws for kinds without a status viewer.
 */
export function watchRolloutStatus(api: Api, target: Target, revision: number, print: (line: string) => void,
  settle: (outcome: RolloutOutcome) => void, watch = true): () => void {
  const viewer = VIEWERS[target.info.kind]
  if (!viewer) {
    const gk = target.info.group ? `${target.info.kind}.${target.info.group}` : target.info.kind
    throw new CommandError(`error: no status viewer has been implemented for ${gk}`)
  }
  let settled = false
  const finish = (outcome: RolloutOutcome) => {
    settled = true
    settle(outcome)
  }
  const show = (o: KubeObject) => {
    const result = viewer(o as never, revision)
    if (result.error) return finish({ error: result.error })
    print(result.message)
    if (result.done) finish({ done: true })
  }
  show(api.get<KubeObject>(target.info.kind, target.namespace, target.name))
  if (settled || !watch) return () => {}
  return api.watch<KubeObject>(target.info.kind, (e) => {
    if (settled || e.object.metadata?.namespace !== target.namespace || e.object.metadata?.name !== target.name) return
    if (e.type === 'DELETED') finish({ error: 'object has been deleted' })
    else show(e.object)
  })
}

/** `rollout status`'s flags: the revision to wait for, `--timeout` in ms (0: none), whether to watch. */
export function rolloutStatusArgs(ctx: CommandContext, words: string[]): { targets: Target[]; revision: number; timeout: number; watch: boolean } {
  const { flags, args } = parseFlags('rollout status', words, FLAGS)
  const targets = resourceTargets(ctx.host.api, args, namespaceOf(ctx, flags.namespace), 'rollout status')
  const revision = typeof flags.revision === 'number' ? flags.revision : 0
  if (revision < 0) throw new CommandError(`error: revision must be a positive integer: ${revision}`)
  const timeoutText = str(flags.timeout)
  const timeout = timeoutText === undefined ? 0 : parseGoDuration(timeoutText, 'timeout', 'rollout status')
  return { targets, revision, timeout, watch: flags.watch !== false }
}

export function rolloutStatus(ctx: CommandContext, words: string[]): void {
  const { api, clock } = ctx.host
  const { targets, revision, timeout, watch } = rolloutStatusArgs(ctx, words)
  for (const t of targets) {
    let outcome: RolloutOutcome | undefined
    const stop = watchRolloutStatus(api, t, revision, (line) => ctx.out.out(line), (o) => { outcome = o }, watch)
    const pds = (api.get<KubeObject>(t.info.kind, t.namespace, t.name) as Deployment).spec?.progressDeadlineSeconds
    const cap = t.info.kind === 'Deployment' && pds !== undefined ? pds * 1000 + CAP_MARGIN_MS : DEFAULT_CAP_MS
    try {
      if (watch && !outcome) runUntil(clock, () => outcome !== undefined, clock.now() + (timeout > 0 ? timeout : cap))
    } finally {
      stop()
    }
    if (outcome && 'error' in outcome) throw new CommandError(`error: ${outcome.error}`)
    if (!outcome && watch) {
      throw new CommandError(timeout > 0 ? 'error: timed out waiting for the condition' : `error: timed out waiting for the condition (the simulator stops waiting after ${formatGoDuration(cap)} of virtual time)`)
    }
  }
}
