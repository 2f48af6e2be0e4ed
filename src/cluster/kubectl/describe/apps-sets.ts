/** kubectl describe statefulset / daemonset: describeStatefulSet, describeDaemonSet. */
import type { DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1'
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import { formatLabelSelector } from '../../apiserver/labels'
import type { Api } from '../../apiserver/types'
import { rfc1123z } from '../duration'
import { eventsFor, writeAnnotations, writeEvents, writeLabels } from './common'
import { writePodTemplate } from './workloads'
import { DescribeWriter } from './writer'

/** `N Running / N Waiting / N Succeeded / N Failed` over the pods the object controls. */
function podsStatus(api: Api, uid: string | undefined, namespace: string | undefined): string {
  const pods = api.list<Pod>('Pod', { namespace }).filter((p) => (p.metadata?.ownerReferences ?? []).some((r) => r.controller && r.uid === uid))
  const count = (phase: string) => pods.filter((p) => (p.status?.phase ?? 'Pending') === phase).length
  return `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`
}

/** describeVolumeClaimTemplates */
function writeClaimTemplates(w: DescribeWriter, templates: PersistentVolumeClaim[] | undefined): void {
  if (!templates?.length) {
    w.line(0, 'Volume Claims:\t<none>')
    return
  }
  w.line(0, 'Volume Claims:')
  for (const t of templates) {
    w.line(1, `Name:\t${t.metadata?.name ?? ''}`)
    w.line(1, `StorageClass:\t${t.spec?.storageClassName ?? ''}`)
    writeLabels(w, 1, 'Labels', t.metadata?.labels)
    writeAnnotations(w, 1, t.metadata?.annotations)
    w.line(1, `Capacity:\t${t.spec?.resources?.requests?.storage ?? '<default>'}`)
    w.line(1, `Access Modes:\t[${(t.spec?.accessModes ?? []).join(' ')}]`)
  }
}

export function describeStatefulSet(api: Api, s: StatefulSet, now: number): string {
  const w = new DescribeWriter()
  const spec = s.spec!
  w.line(0, `Name:\t${s.metadata?.name}`)
  w.line(0, `Namespace:\t${s.metadata?.namespace}`)
  w.line(0, `CreationTimestamp:\t${rfc1123z(s.metadata?.creationTimestamp)}`)
  w.line(0, `Selector:\t${formatLabelSelector(spec.selector)}`)
  writeLabels(w, 0, 'Labels', s.metadata?.labels)
  writeAnnotations(w, 0, s.metadata?.annotations)
  w.line(0, `Replicas:\t${spec.replicas ?? 1} desired | ${s.status?.replicas ?? 0} total`)
  w.line(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}`)
  const ru = spec.updateStrategy?.rollingUpdate
  if (ru?.partition !== undefined) {
    w.line(1, `Partition:\t${ru.partition}`)
    if (ru.maxUnavailable !== undefined) w.line(1, `MaxUnavailable:\t${ru.maxUnavailable}`)
  }
  w.line(0, `Pods Status:\t${podsStatus(api, s.metadata?.uid, s.metadata?.namespace)}`)
  writePodTemplate(w, spec.template)
  writeClaimTemplates(w, spec.volumeClaimTemplates)
  writeEvents(w, eventsFor(api, s), now)
  return w.toString()
}

/** labels.FormatLabels */
const formatLabels = (m: Record<string, string> | undefined) => {
  const keys = Object.keys(m ?? {}).sort()
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>'
}

export function describeDaemonSet(api: Api, d: DaemonSet, now: number): string {
  const w = new DescribeWriter()
  const st = d.status
  w.line(0, `Name:\t${d.metadata?.name}`)
  w.line(0, `Namespace:\t${d.metadata?.namespace}`)
  w.line(0, `Selector:\t${formatLabelSelector(d.spec?.selector)}`)
  w.line(0, `Node-Selector:\t${formatLabels(d.spec?.template?.spec?.nodeSelector)}`)
  writeLabels(w, 0, 'Labels', d.metadata?.labels)
  writeAnnotations(w, 0, d.metadata?.annotations)
  // kube: these lines have no tab, so they stay out of the aligned column.
  w.line(0, `Desired Number of Nodes Scheduled: ${st?.desiredNumberScheduled ?? 0}`)
  w.line(0, `Current Number of Nodes Scheduled: ${st?.currentNumberScheduled ?? 0}`)
  w.line(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st?.updatedNumberScheduled ?? 0}`)
  w.line(0, `Number of Nodes Scheduled with Available Pods: ${st?.numberAvailable ?? 0}`)
  w.line(0, `Number of Nodes Misscheduled: ${st?.numberMisscheduled ?? 0}`)
  w.line(0, `Pods Status:\t${podsStatus(api, d.metadata?.uid, d.metadata?.namespace)}`)
  writePodTemplate(w, d.spec?.template)
  writeEvents(w, eventsFor(api, d), now)
  return w.toString()
}
