/**
 * The default StorageClass of a kind cluster (kind's default-storage manifest): `standard`, served
 * by rancher.io/local-path, which provisions a hostPath volume on the node of the first pod that
 * uses the claim (WaitForFirstConsumer) and deletes it with the claim.
 */
import type { StorageClass } from 'kubernetes-types/storage/v1'
import type { Api, KubeObject } from '../../apiserver/types'
import { isAlreadyExists } from '../../apiserver/types'
import { DEFAULT_CLASS_ANNOTATION } from '../../apiserver/kinds/storage'

export const DEFAULT_STORAGE_CLASS = 'standard'
/** kind: the local-path-provisioner's provisioner name. */
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path'

export function defaultStorageClass(): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: DEFAULT_STORAGE_CLASS, annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  }
}

/** Creates `standard` as kind's bootstrap does (with kubectl), unless it exists. */
export function ensureDefaultStorageClass(api: Api): void {
  try {
    api.create(defaultStorageClass() as KubeObject, { actor: 'kubectl' })
  } catch (e) {
    if (!isAlreadyExists(e)) throw e
  }
}
