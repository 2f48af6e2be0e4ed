/**
 * kubectl get pvc / pv / storageclasses: printPersistentVolumeClaim, printPersistentVolume and
 * printStorageClass (kubectl v1.35, with the VOLUMEATTRIBUTESCLASS column).
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1'
import type { StorageClass } from 'kubernetes-types/storage/v1'
import { isDefaultClass } from '../../../apiserver/kinds/storage'
import { since } from '../../duration'
import type { Columns } from './types'

const MODES: [string, string][] = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']]

/** kube: GetAccessModesAsString — RWO, ROX, RWX, RWOP in that order, each once. */
export function accessModesString(modes: string[] | undefined): string {
  const have = new Set(modes ?? [])
  return MODES.filter(([m]) => have.has(m)).map(([, s]) => s).join(',')
}

const quantity = (q: string | number | undefined) => (q === undefined ? '' : String(q))

export const persistentVolumeClaimColumns: Columns<PersistentVolumeClaim> = {
  headers: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
  wide: ['VOLUMEMODE'],
  row: (c, now) => {
    const bound = !!c.spec?.volumeName
    return [
      c.metadata?.name ?? '',
      c.metadata?.deletionTimestamp ? 'Terminating' : c.status?.phase ?? '',
      c.spec?.volumeName ?? '',
      bound ? quantity(c.status?.capacity?.storage) : '',
      bound ? accessModesString(c.status?.accessModes) : '',
      c.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? c.spec?.storageClassName ?? '',
      c.spec?.volumeAttributesClassName || '<unset>',
      since(c.metadata?.creationTimestamp, now),
    ]
  },
  wideRow: (c) => [c.spec?.volumeMode ?? '<unset>'],
}

export const persistentVolumeColumns: Columns<PersistentVolume> = {
  headers: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
  wide: ['VOLUMEMODE'],
  row: (v, now) => {
    const ref = v.spec?.claimRef
    return [
      v.metadata?.name ?? '',
      quantity(v.spec?.capacity?.storage),
      accessModesString(v.spec?.accessModes),
      v.spec?.persistentVolumeReclaimPolicy ?? '',
      v.metadata?.deletionTimestamp ? 'Terminating' : v.status?.phase ?? '',
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      v.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? v.spec?.storageClassName ?? '',
      v.spec?.volumeAttributesClassName || '<unset>',
      v.status?.reason ?? '',
      since(v.metadata?.creationTimestamp, now),
    ]
  },
  wideRow: (v) => [v.spec?.volumeMode ?? '<unset>'],
}

export const storageClassColumns: Columns<StorageClass> = {
  headers: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
  row: (s, now) => [
    `${s.metadata?.name ?? ''}${isDefaultClass(s) ? ' (default)' : ''}`,
    s.provisioner,
    s.reclaimPolicy ?? 'Delete',
    s.volumeBindingMode ?? 'Immediate',
    String(s.allowVolumeExpansion ?? false),
    since(s.metadata?.creationTimestamp, now),
  ],
}
