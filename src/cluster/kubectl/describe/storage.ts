/** kubectl describe persistentvolumeclaim: describePersistentVolumeClaim. */
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import type { Api } from '../../apiserver/types'
import { since } from '../duration'
import { accessModesString } from '../printers/columns/storage'
import { eventsFor, writeAnnotations, writeEvents, writeLabels, writeList } from './common'
import { DescribeWriter } from './writer'

export function describePersistentVolumeClaim(api: Api, c: PersistentVolumeClaim, now: number): string {
  const w = new DescribeWriter()
  const bound = !!c.spec?.volumeName
  w.line(0, `Name:\t${c.metadata?.name}`)
  w.line(0, `Namespace:\t${c.metadata?.namespace}`)
  w.line(0, `StorageClass:\t${c.spec?.storageClassName ?? ''}`)
  w.line(0, c.metadata?.deletionTimestamp ? `Status:\tTerminating (lasts ${since(c.metadata.deletionTimestamp, now)})` : `Status:\t${c.status?.phase ?? ''}`)
  w.line(0, `Volume:\t${c.spec?.volumeName ?? ''}`)
  writeLabels(w, 0, 'Labels', c.metadata?.labels)
  writeAnnotations(w, 0, c.metadata?.annotations)
  w.line(0, `Finalizers:\t[${(c.metadata?.finalizers ?? []).join(' ')}]`)
  w.line(0, `Capacity:\t${bound ? String(c.status?.capacity?.storage ?? '') : ''}`)
  w.line(0, `Access Modes:\t${bound ? accessModesString(c.status?.accessModes) : ''}`)
  if (c.spec?.volumeMode) w.line(0, `VolumeMode:\t${c.spec.volumeMode}`)
  // kube: getPodsForPVC — the pods of the namespace that mount the claim.
  const users = api.list<Pod>('Pod', { namespace: c.metadata?.namespace })
    .filter((p) => (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === c.metadata?.name))
    .map((p) => p.metadata?.name ?? '')
  writeList(w, 0, 'Used By', users)
  writeEvents(w, eventsFor(api, c), now)
  return w.toString()
}
