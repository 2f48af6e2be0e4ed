/** kubectl describe persistentvolumeclaim / persistentvolume / storageclass. */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import type { StorageClass } from 'kubernetes-types/storage/v1'
import type { Api } from '../../apiserver/types'
import { since } from '../duration'
import { accessModesString } from '../printers/columns/storage'
import { eventsFor, writeAnnotations, writeEvents, writeLabels, writeList } from './common'
import { DescribeWriter } from './writer'
import { formatLabels } from './policy'

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

/** kube: describePersistentVolume — the volume's source as kubectl prints hostPath, local, NFS and CSI. */
export function describePersistentVolume(api: Api, pv: PersistentVolume, now: number): string {
  const w = new DescribeWriter()
  const spec = pv.spec ?? {}
  w.line(0, `Name:\t${pv.metadata?.name}`)
  writeLabels(w, 0, 'Labels', pv.metadata?.labels)
  writeAnnotations(w, 0, pv.metadata?.annotations)
  w.line(0, `Finalizers:\t[${(pv.metadata?.finalizers ?? []).join(' ')}]`)
  w.line(0, `StorageClass:\t${spec.storageClassName ?? ''}`)
  w.line(0, pv.metadata?.deletionTimestamp ? `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, now)})` : `Status:\t${pv.status?.phase ?? ''}`)
  w.line(0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace}/${spec.claimRef.name}` : ''}`)
  w.line(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}`)
  w.line(0, `Access Modes:\t${accessModesString(spec.accessModes)}`)
  if (spec.volumeMode) w.line(0, `VolumeMode:\t${spec.volumeMode}`)
  w.line(0, `Capacity:\t${spec.capacity?.storage ?? '0'}`)
  const terms = spec.nodeAffinity?.required?.nodeSelectorTerms
  if (!spec.nodeAffinity?.required) w.line(0, 'Node Affinity:\t<none>')
  else {
    w.line(0, 'Node Affinity:\t')
    if (!terms?.length) w.line(1, 'Required Terms:\t<none>')
    else {
      w.line(1, 'Required Terms:\t')
      terms.forEach((t, i) => {
        const exprs = (t.matchExpressions ?? []).map((r) =>
          `${r.key} ${r.operator.toLowerCase()}${r.values?.length ? ` [${r.values.join(', ')}]` : ''}`)
        if (!exprs.length) w.line(2, `Term ${i}:\t<none>`)
        exprs.forEach((e, j) => w.line(2, `${j === 0 ? `Term ${i}:` : ''}\t${e}`))
      })
    }
  }
  w.line(0, `Message:\t${pv.status?.message ?? ''}`)
  w.line(0, 'Source:')
  if (spec.hostPath) {
    w.line(2, 'Type:\tHostPath (bare host directory volume)')
    w.line(2, `Path:\t${spec.hostPath.path}`)
    // kube: the server defaults hostPath.type to "" (HostPathUnset), so kubectl prints it empty.
    w.line(2, `HostPathType:\t${spec.hostPath.type ?? ''}`)
  } else if (spec.local) {
    w.line(2, 'Type:\tLocalVolume (a persistent volume backed by local storage on a node)')
    w.line(2, `Path:\t${spec.local.path}`)
  } else if (spec.nfs) {
    w.line(2, 'Type:\tNFS (an NFS mount that lasts the lifetime of a pod)')
    w.line(2, `Server:\t${spec.nfs.server}`)
    w.line(2, `Path:\t${spec.nfs.path}`)
    w.line(2, `ReadOnly:\t${spec.nfs.readOnly ?? false}`)
  } else if (spec.csi) {
    w.line(2, 'Type:\tCSI (a Container Storage Interface (CSI) volume source)')
    w.line(2, `Driver:\t${spec.csi.driver}`)
    w.line(2, `FSType:\t${spec.csi.fsType ?? ''}`)
    w.line(2, `VolumeHandle:\t${spec.csi.volumeHandle}`)
    w.line(2, `ReadOnly:\t${spec.csi.readOnly ?? false}`)
    const attrs = spec.csi.volumeAttributes ?? {}
    const keys = Object.keys(attrs).sort()
    if (!keys.length) w.line(2, 'VolumeAttributes:\t<none>')
    keys.forEach((k, i) => w.line(2, `${i === 0 ? 'VolumeAttributes:' : ''}\t${k}=${attrs[k]}`))
  }
  writeEvents(w, eventsFor(api, pv), now)
  return w.toString()
}

/** kube: describeStorageClass. */
export function describeStorageClass(api: Api, sc: StorageClass, now: number): string {
  const w = new DescribeWriter()
  const ann = sc.metadata?.annotations ?? {}
  const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  w.line(0, `Name:\t${sc.metadata?.name}`)
  w.line(0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}`)
  w.line(0, `Annotations:\t${formatLabels(sc.metadata?.annotations)}`)
  w.line(0, `Provisioner:\t${sc.provisioner}`)
  w.line(0, `Parameters:\t${formatLabels(sc.parameters)}`)
  w.line(0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}`)
  if (!sc.mountOptions?.length) w.line(0, 'MountOptions:\t<none>')
  else {
    w.line(0, 'MountOptions:')
    for (const o of sc.mountOptions) w.line(1, o)
  }
  if (sc.reclaimPolicy) w.line(0, `ReclaimPolicy:\t${sc.reclaimPolicy}`)
  if (sc.volumeBindingMode) w.line(0, `VolumeBindingMode:\t${sc.volumeBindingMode}`)
  writeEvents(w, eventsFor(api, sc), now)
  return w.toString()
}
