/** Who owns what, and the one-line state of each workload kind as its box shows it. */
import type { KubeObject } from '../../cluster/apiserver/types'
import type { DaemonSet, Deployment, StatefulSet } from 'kubernetes-types/apps/v1'
import type { CronJob, Job } from 'kubernetes-types/batch/v1'

/** The uid of the object's managing controller (ownerReferences[controller=true]). */
export const controllerUid = (o: KubeObject | undefined): string | undefined =>
  o?.metadata?.ownerReferences?.find((r) => r.controller)?.uid

export const controllerKind = (o: KubeObject | undefined): string | undefined =>
  o?.metadata?.ownerReferences?.find((r) => r.controller)?.kind

// kube: the Deployment controller numbers each ReplicaSet in this annotation and copies the newest to the Deployment.
const REVISION = 'deployment.kubernetes.io/revision'
export const revisionOf = (o: KubeObject | undefined): string | undefined => o?.metadata?.annotations?.[REVISION]

export interface OwnerState {
  text: string
  done: boolean
  title?: string
}

/** `3/3 ready`, or during an update `rev 2 → rolling 1/3` (pods on the new template / desired). */
export function deploymentState(d: Deployment): OwnerState {
  const want = d.spec?.replicas ?? 1
  const ready = d.status?.readyReplicas ?? 0
  const updated = d.status?.updatedReplicas ?? 0
  const total = d.status?.replicas ?? 0
  if (updated < want || total > updated) {
    return { text: `rev ${revisionOf(d) ?? '?'} → rolling ${updated}/${want}`, done: false, title: 'pods on the new template / desired' }
  }
  return { text: `${ready}/${want} ready`, done: ready === want, title: 'ready / desired replicas' }
}

export function statefulSetState(s: StatefulSet): OwnerState {
  const want = s.spec?.replicas ?? 1
  const ready = s.status?.readyReplicas ?? 0
  const updated = s.status?.updatedReplicas ?? 0
  const rolling = !!s.status?.updateRevision && s.status.updateRevision !== s.status.currentRevision
  if (rolling) return { text: `rolling ${updated}/${want}`, done: false, title: 'pods on the update revision / desired' }
  return { text: `${ready}/${want} ready`, done: ready === want, title: 'ready / desired replicas' }
}

export function daemonSetState(d: DaemonSet): OwnerState {
  const want = d.status?.desiredNumberScheduled ?? 0
  const ready = d.status?.numberReady ?? 0
  return { text: `${ready}/${want} ready`, done: ready === want, title: 'ready / nodes that should run one' }
}

const condition = (j: Job, type: string) => j.status?.conditions?.some((c) => c.type === type && c.status === 'True')

/** As `kubectl get jobs` STATUS and COMPLETIONS: `Complete 1/1`, `Running 0/1`, `Failed 0/1`. */
export function jobState(j: Job): OwnerState {
  const completions = j.spec?.completions
  const succeeded = j.status?.succeeded ?? 0
  const count = completions === undefined || completions === null ? `${succeeded}/1 of ${j.spec?.parallelism ?? 1}` : `${succeeded}/${completions}`
  if (condition(j, 'Complete')) return { text: `Complete ${count}`, done: true, title: 'succeeded / completions' }
  if (condition(j, 'Failed')) return { text: `Failed ${count}`, done: false, title: 'succeeded / completions' }
  if (j.spec?.suspend) return { text: `Suspended ${count}`, done: false }
  return { text: `Running ${count}`, done: false, title: `succeeded / completions; ${j.status?.active ?? 0} active` }
}

/** `next run 09:05` (cluster time, UTC), or suspended. */
export function cronJobState(c: CronJob, next: number | null | undefined): OwnerState {
  const active = c.status?.active?.length ?? 0
  const tail = active ? ` · ${active} active` : ''
  if (c.spec?.suspend) return { text: `suspended${tail}`, done: true }
  if (!next) return { text: `no next run${tail}`, done: false }
  return { text: `next run ${new Date(next).toISOString().slice(11, 16)}${tail}`, done: true, title: new Date(next).toISOString() }
}
