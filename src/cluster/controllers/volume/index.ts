/**
 * Persistent storage as a kind cluster provides it: the default StorageClass `standard`, the
 * PersistentVolume controller that binds claims to volumes, and the local-path provisioner that
 * makes a volume on the node of the claim's first pod.
 */
export {
  ANN_SELECTED_NODE, INDEX_POD_CLAIMS, LOCAL_PATH_PROVISION_MS, PV_CONTROLLER, PV_SYNC_PERIOD_MS, PersistentVolumeController,
  claimClass, podClaimsIndex,
} from './persistentvolume'
export { DEFAULT_STORAGE_CLASS, LOCAL_PATH_PROVISIONER, defaultStorageClass, ensureDefaultStorageClass } from './storageclass'
