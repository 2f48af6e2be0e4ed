/**
 * The volumes of one pod, as the kubelet's volume manager sets them up on the node: an emptyDir
 * is an empty directory that lives as long as the pod (through container restarts); downwardAPI
 * and projected volumes are files the kubelet writes from the pod (the service account's token,
 * ca.crt and namespace in the `kube-api-access-*` volume of every pod); configMap and secret
 * volumes hold their keys; a hostPath is a directory of the node, shared by its pods.
 */
import type { Container, Pod, Volume, VolumeProjection } from 'kubernetes-types/core/v1'
import { stableHex64 } from '../images/digest'
import { RootLayer } from '../images/root-layer'
import { ContainerFs, normalizePath, type Mount, type VolumeTree } from './container-fs'
import type { DataSource } from './container-env'
import { podFieldValue, resourceFieldValue, type RuntimeFacts } from './downward-api'

/** A tree of files the container may change. */
export class MemoryTree extends Map<string, string> implements VolumeTree {}

/** Files computed from the pod when read, so a label change shows (kube: the kubelet rewrites them). */
class GeneratedTree implements VolumeTree {
  readonly readOnly = true
  constructor(private readonly files: () => Map<string, string>) {}
  get(key: string) { return this.files().get(key) }
  set() {}
  delete() { return false }
  keys() { return this.files().keys() }
}

/**
 * kube: the kubelet rewrites a configMap or secret volume when it syncs the pod, which it does every
 * syncFrequency (1 min by default) — so an edit shows in the files within that period (its
 * watch-based cache adds no delay of note; the docs: "kubelet sync period + cache propagation delay").
 */
export const CONFIG_VOLUME_SYNC_MS = 60_000

/** Files the kubelet copied from a ConfigMap or Secret at its last sync of the pod. */
class SyncedTree implements VolumeTree {
  readonly readOnly = true
  private files: Map<string, string>
  private syncedAt: number
  constructor(private readonly read: () => Map<string, string>, private readonly now: () => number) {
    this.files = read()
    this.syncedAt = now()
  }
  private current(): Map<string, string> {
    const elapsed = this.now() - this.syncedAt
    if (elapsed >= CONFIG_VOLUME_SYNC_MS) {
      this.files = this.read()
      this.syncedAt += Math.floor(elapsed / CONFIG_VOLUME_SYNC_MS) * CONFIG_VOLUME_SYNC_MS
    }
    return this.files
  }
  get(key: string) { return this.current().get(key) }
  set() {}
  delete() { return false }
  keys() { return this.current().keys() }
}

/** kube: a subPath mount is bind-mounted once when the container starts and never sees an update. */
class FrozenTree extends Map<string, string> implements VolumeTree {
  readonly readOnly = true
  override set(): this { return this }
  override delete() { return false }
}

export interface PodVolumesHost {
  pod(): Pod
  /** The virtual time; without it configMap and secret volumes read the objects live. */
  now?(): number
  facts(): RuntimeFacts
  data: DataSource
  /** The node's directory tree for hostPath volumes. */
  hostPath(path: string): VolumeTree
  /** The files of a bound claim's PersistentVolume; undefined while it is not bound. */
  claim?(claimName: string): VolumeTree | undefined
}

/** A volume the kubelet cannot set up yet, and why (the text of its FailedMount event). */
export interface MountFailure {
  volume: string
  message: string
}

export class PodVolumes {
  private readonly trees = new Map<string, VolumeTree>()

  constructor(private readonly host: PodVolumesHost) {}

  /** A new instance of `container` starts with a fresh layer and the pod's volumes mounted. */
  containerFs(container: Container): ContainerFs {
    const mounts: Mount[] = []
    for (const m of container.volumeMounts ?? []) {
      let tree = this.tree(m.name)
      if (!tree) continue
      if (m.subPath && tree instanceof SyncedTree) {
        const copy = new FrozenTree()
        for (const k of tree.keys()) Map.prototype.set.call(copy, k, tree.get(k)!)
        tree = copy
      }
      // kube: a claim mounted with persistentVolumeClaim.readOnly is read-only in every container.
      const claimReadOnly = this.host.pod().spec?.volumes?.find((v) => v.name === m.name)?.persistentVolumeClaim?.readOnly === true
      mounts.push({ mountPath: normalizePath(m.mountPath), tree, subPath: m.subPath || undefined, readOnly: m.readOnly === true || claimReadOnly })
    }
    // EXEC helper: the image's tree, /etc/hosts and friends, /proc beneath the writable layer.
    const now = this.host.now ?? (() => 0)
    const cpus = Number.parseInt(String(this.host.facts().allocatable?.cpu ?? '4'), 10) || 4
    const root = new RootLayer({ image: container.image, container, pod: () => this.host.pod(), podIP: () => this.host.facts().podIP, now: now(), cpus })
    return new ContainerFs(mounts, [], { root, now })
  }

  private tree(name: string): VolumeTree | undefined {
    let t = this.trees.get(name)
    if (t) return t
    const volume = this.host.pod().spec?.volumes?.find((v) => v.name === name)
    if (!volume) return undefined
    if (volume.persistentVolumeClaim) {
      // The data lives on the claim's volume, not with the pod: a pod made again finds it there.
      t = this.host.claim?.(volume.persistentVolumeClaim.claimName)
      if (!t) return new MemoryTree()
    } else t = this.build(volume)
    this.trees.set(name, t)
    return t
  }

  /**
   * kube: the volume manager's MountVolume.SetUp for configMap and secret volumes — an object that
   * does not exist, or a key an item names that it lacks, fails the mount unless the volume is
   * optional (then its files are just left out).
   */
  mountFailure(): MountFailure | undefined {
    const ns = this.host.pod().metadata?.namespace ?? 'default'
    for (const v of this.host.pod().spec?.volumes ?? []) {
      const ref = v.configMap ? { kind: 'ConfigMap' as const, name: v.configMap.name ?? '', items: v.configMap.items, optional: v.configMap.optional }
        : v.secret ? { kind: 'Secret' as const, name: v.secret.secretName ?? '', items: v.secret.items, optional: v.secret.optional } : undefined
      if (!ref || ref.optional) continue
      const data = this.host.data(ref.kind, ns, ref.name)
      const what = ref.kind === 'ConfigMap' ? 'configmap' : 'secret'
      if (!data) return { volume: v.name, message: `${what} "${ref.name}" not found` }
      const missing = ref.items?.find((i) => !(i.key in data))
      if (missing) {
        // kube: configmap.go and secret.go word these differently.
        const message = ref.kind === 'ConfigMap' ? `configmap references non-existent config key: ${missing.key}` : `references non-existent secret key: ${missing.key}`
        return { volume: v.name, message }
      }
    }
    return undefined
  }

  private build(v: Volume): VolumeTree {
    // emptyDir.medium Memory (a tmpfs) and sizeLimit change nothing here: every volume lives in memory
    // and nothing simulated writes enough to be evicted for it.
    if (v.hostPath) return this.host.hostPath(normalizePath(v.hostPath.path))
    if (v.downwardAPI) return new GeneratedTree(() => this.projected([{ downwardAPI: v.downwardAPI }]))
    if (v.projected) return new GeneratedTree(() => this.projected(v.projected!.sources ?? []))
    const synced = (files: () => Map<string, string>) => (this.host.now ? new SyncedTree(files, this.host.now) : new GeneratedTree(files))
    if (v.configMap) return synced(() => this.projected([{ configMap: v.configMap }]))
    if (v.secret) return synced(() => this.projected([{ secret: { name: v.secret!.secretName, items: v.secret!.items, optional: v.secret!.optional } }]))
    // emptyDir, and claims: a PersistentVolume's files are kept with the pod here.
    return new MemoryTree()
  }

  /** The files of a projected volume's sources. */
  private projected(sources: VolumeProjection[]): Map<string, string> {
    const pod = this.host.pod()
    const files = new Map<string, string>()
    const ns = pod.metadata?.namespace ?? 'default'
    for (const s of sources) {
      if (s.serviceAccountToken) files.set(s.serviceAccountToken.path, serviceAccountToken(pod, s.serviceAccountToken.expirationSeconds ?? 3607))
      if (s.downwardAPI) {
        for (const item of s.downwardAPI.items ?? []) {
          const facts = this.host.facts()
          let r = item.fieldRef ? podFieldValue(pod, item.fieldRef, facts) : undefined
          if (item.resourceFieldRef) {
            const c = pod.spec?.containers.find((x) => x.name === item.resourceFieldRef!.containerName)
            r = resourceFieldValue(c, item.resourceFieldRef, facts)
          }
          if (r?.ok) files.set(item.path, r.value)
        }
      }
      const ref = s.configMap ?? s.secret
      if (ref) {
        const kind = s.configMap ? 'ConfigMap' : 'Secret'
        const data = this.host.data(kind, ns, ref.name ?? '') ?? (ref.name === 'kube-root-ca.crt' ? { 'ca.crt': ROOT_CA_CERT } : undefined)
        if (!data) continue
        const items = ref.items ?? Object.keys(data).map((key) => ({ key, path: key }))
        for (const item of items) if (item.key in data) files.set(item.path, data[item.key])
      }
    }
    return files
  }
}

/** A cluster's root CA as the kube-root-ca.crt ConfigMap publishes it (a made-up one). */
export const ROOT_CA_CERT = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIQ1Q2Zk1yS2EwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AxMKa3ViZXJuZXRlczAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBaMBUx
EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
-----END CERTIFICATE-----
`

const base64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/** A bound service account token: a JWT of the shape the API server issues (its signature is made up). */
export function serviceAccountToken(pod: Pod, expirationSeconds: number): string {
  const meta = pod.metadata ?? {}
  const ns = meta.namespace ?? 'default'
  const sa = pod.spec?.serviceAccountName ?? 'default'
  const iat = Math.floor(Date.parse(meta.creationTimestamp ?? '1970-01-01T00:00:00Z') / 1000)
  const header = { alg: 'RS256', kid: stableHex64('kid').slice(0, 43) }
  const claims = {
    aud: ['https://kubernetes.default.svc.cluster.local'],
    exp: iat + expirationSeconds,
    iat,
    iss: 'https://kubernetes.default.svc.cluster.local',
    'kubernetes.io': { namespace: ns, pod: { name: meta.name, uid: meta.uid }, serviceaccount: { name: sa, uid: stableUuid(`${ns}/${sa}`) } },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${sa}`,
  }
  const signature = base64url(stableHex64(`${meta.uid}`) + stableHex64(`${meta.uid}/sig`))
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}.${signature}`
}

function stableUuid(text: string): string {
  const h = stableHex64(text)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}
