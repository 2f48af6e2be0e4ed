/**
 * What the kubelet reads from the cluster to configure a pod's containers: ConfigMaps and Secrets
 * (by name, from its watch-based managers — informers here), the node's allocatable, and the
 * node's own directories for hostPath volumes.
 */
import type { ConfigMap, Node, PersistentVolume, PersistentVolumeClaim, Secret } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../component'
import type { DataSource } from './container-env'
import type { VolumeTree } from './container-fs'
import { normalizePath } from './container-fs'
import { MemoryTree } from './pod-volumes'

// kube: a failed sync (CreateContainerConfigError) is retried after the pod worker's back-off,
// 10 s with a jitter factor of 0.5 (kubelet backOffPeriod, workerBackOffPeriodJitterFactor).
export const CONFIG_ERROR_RETRY_MS: [number, number] = [10_000, 15_000]

/**
 * ConfigMap and Secret data by name; undefined when the object (or its kind, before this cluster
 * serves it) does not exist. Secret values are decoded from base64, as the kubelet hands them over.
 */
export function dataSource(ctx: ComponentContext): DataSource {
  return (kind, namespace, name) => {
    if (!ctx.api.resolveKind(kind)) return undefined
    if (kind === 'ConfigMap') {
      const cm = ctx.informers.for<ConfigMap>('ConfigMap').get(namespace, name)
      return cm ? { ...(cm.binaryData ?? {}), ...(cm.data ?? {}) } : undefined
    }
    const secret = ctx.informers.for<Secret>('Secret').get(namespace, name)
    if (!secret) return undefined
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = decodeBase64(v)
    for (const [k, v] of Object.entries(secret.stringData ?? {})) out[k] = v
    return out
  }
}

function decodeBase64(v: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(v), (c) => c.charCodeAt(0)))
  } catch {
    return v
  }
}

/** The node's allocatable cpu and memory: an unset limit reads as this (downward API). */
export function nodeAllocatable(ctx: ComponentContext, nodeName: string): Record<string, string> | undefined {
  return ctx.informers.for<Node>('Node').get(undefined, nodeName)?.status?.allocatable
}

const hostPaths = new WeakMap<object, Map<string, VolumeTree>>()

/** The node's directory at `path`, shared by the pods on that node that mount it. */
export function hostPathTree(node: object, path: string): VolumeTree {
  let dirs = hostPaths.get(node)
  if (!dirs) hostPaths.set(node, (dirs = new Map()))
  let t = dirs.get(path)
  if (!t) dirs.set(path, (t = new MemoryTree()))
  return t
}

const disks = new WeakMap<object, Map<string, VolumeTree>>()

/**
 * A volume that is not a directory of one node (a cloud disk, NFS, CSI…): one store per
 * PersistentVolume, shared by the whole cluster and keyed by the volume's uid, so a volume deleted
 * and made again under the same name starts empty (kube: the Delete reclaim destroys the disk).
 */
export function networkDisk(cluster: object, volumeUid: string): VolumeTree {
  let all = disks.get(cluster)
  if (!all) disks.set(cluster, (all = new Map()))
  let t = all.get(volumeUid)
  if (!t) all.set(volumeUid, (t = new MemoryTree()))
  return t
}

/**
 * The files of a claim's volume as the node mounts them: a hostPath or local volume (what kind's
 * local-path provisioner makes) is the node's directory, so the data stays on that node and the
 * volume's node affinity brings the next pod back to it; any other volume is a disk that follows
 * the claim to whichever node mounts it. Undefined while the claim is not bound.
 */
export function claimTree(ctx: ComponentContext, node: object, namespace: string, claimName: string): VolumeTree | undefined {
  const pvc = ctx.informers.for<PersistentVolumeClaim>('PersistentVolumeClaim').get(namespace, claimName)
  const volumeName = pvc?.spec?.volumeName
  const pv = volumeName ? ctx.informers.for<PersistentVolume>('PersistentVolume').get(undefined, volumeName) : undefined
  if (!pv) return undefined
  const dir = pv.spec?.hostPath?.path ?? pv.spec?.local?.path
  if (dir) return hostPathTree(node, normalizePath(dir))
  return networkDisk(ctx.api, pv.metadata?.uid ?? volumeName!)
}
