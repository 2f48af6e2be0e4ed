/** kubectl describe deployment / replicaset: describeDeployment, describeReplicaSet. */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1'
import { formatLabelSelector } from '../../apiserver/labels'
import type { Api } from '../../apiserver/types'
import { rfc1123z } from '../duration'
import { controllerOf, eventsFor, tolerationString, writeAnnotations, writeEvents, writeLabels, writeList } from './common'
import { writeContainers, writeVolumes } from './pod'
import { DescribeWriter } from './writer'

/** DescribePodTemplate, as deployments and replica sets print their template. */
export function writePodTemplate(w: DescribeWriter, template: PodTemplateSpec | undefined): void {
  w.line(0, 'Pod Template:')
  const spec = template?.spec
  writeLabels(w, 1, 'Labels', template?.metadata?.labels)
  if (Object.keys(template?.metadata?.annotations ?? {}).length) writeAnnotations(w, 1, template?.metadata?.annotations)
  if (spec?.serviceAccountName) w.line(1, `Service Account:\t${spec.serviceAccountName}`)
  if (spec?.initContainers?.length) writeContainers(w, 'Init Containers', spec.initContainers, [], true)
  writeContainers(w, 'Containers', spec?.containers ?? [], [], true)
  writeVolumes(w, spec?.volumes ?? [], true)
  if (spec?.priorityClassName) w.line(1, `Priority Class Name:\t${spec.priorityClassName}`)
  writeLabels(w, 1, 'Node-Selectors', spec?.nodeSelector)
  writeList(w, 1, 'Tolerations', (spec?.tolerations ?? []).map(tolerationString))
}

interface Condition { type: string; status: string; reason?: string }

function writeConditions(w: DescribeWriter, conditions: Condition[] | undefined): void {
  if (!conditions?.length) return
  w.line(0, 'Conditions:')
  w.line(1, 'Type\tStatus\tReason')
  w.line(1, '----\t------\t------')
  for (const c of conditions) w.line(1, `${c.type} \t${c.status}\t${c.reason ?? ''}`)
}

const ownedBy = (uid: string | undefined) => (o: { metadata?: { ownerReferences?: { uid: string; controller?: boolean }[] } }) =>
  !!uid && (o.metadata?.ownerReferences ?? []).some((r) => r.controller && r.uid === uid)

const rsSummary = (list: ReplicaSet[]) =>
  list.length ? list.map((rs) => `${rs.metadata?.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') : '<none>'

export function describeDeployment(api: Api, d: Deployment, now: number): string {
  const w = new DescribeWriter()
  const spec = d.spec!
  const st = d.status ?? {}
  w.line(0, `Name:\t${d.metadata?.name}`)
  w.line(0, `Namespace:\t${d.metadata?.namespace}`)
  w.line(0, `CreationTimestamp:\t${rfc1123z(d.metadata?.creationTimestamp)}`)
  writeLabels(w, 0, 'Labels', d.metadata?.labels)
  writeAnnotations(w, 0, d.metadata?.annotations)
  w.line(0, `Selector:\t${formatLabelSelector(spec.selector)}`)
  w.line(0, `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ` +
    `${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`)
  w.line(0, `StrategyType:\t${spec.strategy?.type ?? ''}`)
  w.line(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}`)
  const ru = spec.strategy?.rollingUpdate
  if (ru) w.line(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge`)
  writePodTemplate(w, spec.template)
  writeConditions(w, st.conditions)
  // kube: deploymentutil.GetAllReplicaSets — the new one has the template's pod-template-hash.
  const owned = api.list<ReplicaSet>('ReplicaSet', { namespace: d.metadata?.namespace }).filter(ownedBy(d.metadata?.uid))
  const revision = d.metadata?.annotations?.['deployment.kubernetes.io/revision']
  const isNew = (rs: ReplicaSet) => revision !== undefined && rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision
  const newRs = owned.filter(isNew)
  const old = owned.filter((rs) => !isNew(rs) && (rs.spec?.replicas ?? 0) > 0)
  w.line(0, `OldReplicaSets:\t${rsSummary(old)}`)
  w.line(0, `NewReplicaSet:\t${rsSummary(newRs)}`)
  writeEvents(w, eventsFor(api, d), now)
  return w.toString()
}

export function describeReplicaSet(api: Api, rs: ReplicaSet, now: number): string {
  const w = new DescribeWriter()
  w.line(0, `Name:\t${rs.metadata?.name}`)
  w.line(0, `Namespace:\t${rs.metadata?.namespace}`)
  w.line(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}`)
  writeLabels(w, 0, 'Labels', rs.metadata?.labels)
  writeAnnotations(w, 0, rs.metadata?.annotations)
  const owner = controllerOf(rs)
  if (owner) w.line(0, `Controlled By:\t${owner}`)
  w.line(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired`)
  const pods = api.list<Pod>('Pod', { namespace: rs.metadata?.namespace }).filter(ownedBy(rs.metadata?.uid))
  const count = (phase: string) => pods.filter((p) => (p.status?.phase ?? 'Pending') === phase).length
  w.line(0, `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`)
  writePodTemplate(w, rs.spec?.template)
  writeConditions(w, rs.status?.conditions)
  writeEvents(w, eventsFor(api, rs), now)
  return w.toString()
}
