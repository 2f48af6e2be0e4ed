/**
 * kubectl rollout history and undo for Deployments (kubectl polymorphichelpers history.go and
 * rollback.go). A Deployment's history is its ReplicaSets: each carries the revision it was
 * (`deployment.kubernetes.io/revision`) and the change-cause annotation copied from the Deployment.
 * Undo is done by kubectl itself in apps/v1: it copies the old ReplicaSet's template (without the
 * pod-template-hash label) and annotations back into the Deployment; the controller then finds
 * that ReplicaSet is the new one again and gives it the next revision.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { Api, KubeObject } from '../../apiserver/types'
import { canonicalJson } from '../../controllers/util/hash'
import { ACTOR, namespaceOf, type CommandContext } from '../context'
import { writePodTemplate } from '../describe/workloads'
import { DescribeWriter } from '../describe/writer'
import { formatError } from '../errors'
import { parseFlags, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { DESCRIBE_TABS, tabwrite } from '../printers/tabwriter'
import { kindString } from '../resources'
import { resourceTargets, type Target } from './targets'

export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause'
const REVISION = 'deployment.kubernetes.io/revision'
const HASH_LABEL = 'pod-template-hash'
// kube: annotationsToSkip — the Deployment keeps these; the rest come from the old ReplicaSet.
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration', REVISION, 'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to',
])

const FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'revision', type: 'int' },
  { name: 'to-revision', type: 'int' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
]

const revisionOf = (rs: ReplicaSet): number | undefined => {
  const v = rs.metadata?.annotations?.[REVISION]
  const n = v === undefined ? NaN : Number(v)
  return Number.isInteger(n) ? n : undefined
}

/** kube: deploymentutil.GetAllReplicaSets — the ReplicaSets this Deployment controls. */
function replicaSetsOf(api: Api, d: Deployment): ReplicaSet[] {
  const uid = d.metadata?.uid
  return api.list<ReplicaSet>('ReplicaSet', { namespace: d.metadata?.namespace })
    .filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.controller && r.uid === uid))
}

function withoutHash(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const copy = structuredClone(t ?? {})
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[HASH_LABEL]
  }
  return copy
}

const sameTemplate = (a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined) =>
  canonicalJson(withoutHash(a)) === canonicalJson(withoutHash(b))

function templateText(template: PodTemplateSpec): string {
  const w = new DescribeWriter()
  writePodTemplate(w, template)
  return w.toString()
}

function deploymentOnly(t: Target, what: 'history viewer' | 'rollbacker'): void {
  if (t.info.kind === 'Deployment') return
  const gk = t.info.group ? `${t.info.kind}.${t.info.group}` : t.info.kind
  throw new CommandError(`error: no ${what} has been implemented for "${gk}"`)
}

export function rolloutHistory(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('rollout history', words, FLAGS)
  const api = ctx.host.api
  const revision = typeof flags.revision === 'number' ? flags.revision : 0
  for (const t of resourceTargets(api, args, namespaceOf(ctx, flags.namespace), 'rollout history')) {
    deploymentOnly(t, 'history viewer')
    const d = api.get<Deployment>('Deployment', t.namespace, t.name)
    const history = new Map<number, PodTemplateSpec>()
    for (const rs of replicaSetsOf(api, d)) {
      const v = revisionOf(rs)
      if (v === undefined) continue
      const template = structuredClone(rs.spec?.template ?? {})
      const cause = rs.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION]
      if (cause) ((template.metadata ??= {}).annotations ??= {})[CHANGE_CAUSE_ANNOTATION] = cause
      history.set(v, template)
    }
    const head = `${kindString(t.info)}/${t.name}`
    if (history.size === 0) {
      ctx.out.out(`${head} \nNo rollout history found.`)
      continue
    }
    if (revision > 0) {
      const template = history.get(revision)
      if (!template) throw new CommandError('error: unable to find the specified revision')
      ctx.out.out(`${head} with revision #${revision}\n${templateText(template)}\n`)
      continue
    }
    const rows = [...history.keys()].sort((a, b) => a - b)
      .map((r) => `${r}\t${history.get(r)!.metadata?.annotations?.[CHANGE_CAUSE_ANNOTATION] || '<none>'}\n`)
    // kube: the table is tabwriter output (padding 2) printed after the name, then a blank line.
    ctx.out.out(`${head} \n${tabwrite(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`, DESCRIBE_TABS)}\n`)
  }
}

/** kube: deploymentRevision — the ReplicaSet of `toRevision`, or the one before the latest. */
function revisionToRestore(api: Api, d: Deployment, toRevision: number): ReplicaSet {
  let latest: ReplicaSet | undefined
  let latestRev = -1
  let previous: ReplicaSet | undefined
  let previousRev = -1
  for (const rs of replicaSetsOf(api, d)) {
    const v = revisionOf(rs)
    if (v === undefined) continue
    if (toRevision > 0) {
      if (v === toRevision) return rs
      continue
    }
    if (latestRev < v) {
      previous = latest
      previousRev = latestRev
      latest = rs
      latestRev = v
    } else if (previousRev < v) {
      previous = rs
      previousRev = v
    }
  }
  if (toRevision > 0) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`)
  if (!previous) throw new CommandError(`error: no rollout history found for deployment "${d.metadata?.name}"`)
  return previous
}

export function rolloutUndo(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('rollout undo', words, FLAGS)
  const api = ctx.host.api
  const toRevision = typeof flags['to-revision'] === 'number' ? flags['to-revision'] : 0
  for (const t of resourceTargets(api, args, namespaceOf(ctx, flags.namespace), 'rollout undo')) {
    try {
      deploymentOnly(t, 'rollbacker')
      if (toRevision < 0) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`)
      const d = api.get<Deployment>('Deployment', t.namespace, t.name)
      const rs = revisionToRestore(api, d, toRevision)
      if (d.spec?.paused) {
        throw new CommandError(`error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${t.name}' and try again`)
      }
      const head = `${kindString(t.info)}/${t.name}`
      if (sameTemplate(rs.spec?.template, d.spec?.template)) {
        ctx.out.out(`${head} skipped rollback (current template already matches revision ${toRevision})`)
        continue
      }
      const annotations: Record<string, string> = {}
      for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v
      for (const [k, v] of Object.entries(rs.metadata?.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v
      const next = structuredClone(d)
      next.spec!.template = withoutHash(rs.spec?.template)
      if (Object.keys(annotations).length) next.metadata!.annotations = annotations
      else delete next.metadata!.annotations
      api.update(next as KubeObject, ACTOR)
      ctx.out.out(`${head} rolled back`)
    } catch (e) {
      ctx.out.err(formatError(e))
    }
  }
}
