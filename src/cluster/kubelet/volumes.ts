/**
 * The kubelet's volume manager, as far as claims go: a pod's containers start only once every
 * PersistentVolumeClaim it mounts is Bound (kube: WaitForAttachAndMount, polled every 300 ms).
 */
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import type { InformerFactory } from '../informers/informer'

/** kube: the volume manager's poll interval while waiting for volumes. */
export const VOLUME_POLL_MS = 300

/** True when the pod mounts a claim that is missing or not yet Bound. */
export function waitsForClaims(pod: Pod, informers: InformerFactory): boolean {
  const volumes = pod.spec?.volumes
  if (!volumes?.some((v) => v.persistentVolumeClaim)) return false
  const claims = informers.for<PersistentVolumeClaim>('PersistentVolumeClaim')
  for (const v of volumes) {
    const name = v.persistentVolumeClaim?.claimName
    if (name && claims.get(pod.metadata?.namespace, name)?.status?.phase !== 'Bound') return true
  }
  return false
}
