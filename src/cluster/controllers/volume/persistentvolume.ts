/**
 * Volumes for claims, as a kind cluster does it: kube's PersistentVolume controller (binding, the
 * WaitForFirstConsumer and ExternalProvisioning events, release and reclaim), the pvc-protection
 * controller (a claim in use is deleted only once no pod uses it) and the external provisioner
 * kind ships, rancher.io/local-path (a hostPath volume on the consuming pod's node).
 *
 * Simplification: in Kubernetes the scheduler's VolumeBinding PreBind picks the node
 * (annotation volume.kubernetes.io/selected-node) and waits for the claim to bind before binding the
 * pod. Here the pod is bound first; this controller sees the pod on its node, writes that annotation
 * (as kube-scheduler would) and provisions there, and the kubelet starts the pod once its claims
 * are Bound.
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import type { StorageClass } from 'kubernetes-types/storage/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext } from '../../apiserver/types'
import { isNotFound } from '../../apiserver/types'
import { PVC_PROTECTION_FINALIZER, PV_PROTECTION_FINALIZER } from '../../apiserver/kinds/storage'
import type { Informer } from '../../informers/informer'
import { WorkQueue, keyOf, splitKey } from '../../informers/workqueue'
import { fromLabelSelector, matches } from '../../apiserver/labels'
import { LOCAL_PATH_PROVISIONER } from './storageclass'
import { isQuantity, parseQuantity } from '../../apiserver/quantity'

export const PV_CONTROLLER = 'persistentvolume-controller'
// kube default: --pvclaimbinder-sync-period 15s; a waiting claim is synced (and its event repeated) this often.
export const PV_SYNC_PERIOD_MS = 15_000
/** How long local-path-provisioner takes to make a volume (its helper pod creates the directory). */
export const LOCAL_PATH_PROVISION_MS = 1_500

export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node'
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner'
const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner'
const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed'
const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller'
const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by'
/** Pod informer index: `namespace/claim` for every claim a pod mounts. */
export const INDEX_POD_CLAIMS = 'volume/podClaims'

export const podClaimsIndex = (pod: KubeObject): string[] => {
  const p = pod as Pod
  const ns = p.metadata?.namespace ?? ''
  const out: string[] = []
  for (const v of p.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName) out.push(`${ns}/${v.persistentVolumeClaim.claimName}`)
  return out
}

/** kube: GetPersistentVolumeClaimClass — the beta annotation, else spec.storageClassName. */
export function claimClass(pvc: PersistentVolumeClaim): string {
  return pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? ''
}

export class PersistentVolumeController {
  readonly queue: WorkQueue
  private readonly claims: Informer<PersistentVolumeClaim>
  private readonly volumes: Informer<PersistentVolume>
  private readonly classes: Informer<StorageClass>
  private readonly pods: Informer<Pod>
  private readonly ctx: RequestContext = { actor: PV_CONTROLLER }
  private readonly provisioner: { component: string }
  /** Claims whose volume is being made, so one provisioning runs per claim. */
  private readonly provisioning = new Set<string>()
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, PV_CONTROLLER, (key) => this.syncClaim(key))
    this.claims = c.informers.for<PersistentVolumeClaim>('PersistentVolumeClaim')
    this.volumes = c.informers.for<PersistentVolume>('PersistentVolume')
    this.classes = c.informers.for<StorageClass>('StorageClass')
    this.pods = c.informers.for<Pod>('Pod')
    this.pods.addIndex(INDEX_POD_CLAIMS, podClaimsIndex)
    // kind: the provisioner's events name its pod and a uuid, e.g. rancher.io/local-path_local-path-provisioner-7577fdbbfb-x2d8j_<uuid>.
    const r = c.clock.random
    this.provisioner = { component: `${LOCAL_PATH_PROVISIONER}_local-path-provisioner-7577fdbbfb-${r.nameSuffix(5)}_${r.uuid()}` }
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.claims.addEventHandler({
      add: (pvc) => this.queue.add(keyOf(pvc)),
      update: (_o, pvc) => this.queue.add(keyOf(pvc)),
      delete: (pvc) => this.claimDeleted(pvc),
    })
    // A volume made or changed for a claim: the claim binds to it now, not at the next resync.
    const onVolume = (pv: PersistentVolume) => {
      this.syncVolume(pv)
      const ref = pv.spec?.claimRef
      if (ref?.name) this.queue.add(`${ref.namespace}/${ref.name}`)
    }
    this.volumes.addEventHandler({ add: onVolume, update: (_o, pv) => onVolume(pv) })
    const onPod = (pod: Pod) => {
      for (const key of podClaimsIndex(pod as KubeObject)) this.queue.add(key)
    }
    this.pods.addEventHandler({
      add: onPod,
      update: (old, pod) => {
        if (old.spec?.nodeName !== pod.spec?.nodeName || old.metadata?.deletionTimestamp !== pod.metadata?.deletionTimestamp
          || old.status?.phase !== pod.status?.phase) onPod(pod)
      },
      delete: onPod,
    })
  }

  // ---- claims ---------------------------------------------------------------------------------

  syncClaim(key: string): void {
    const [namespace, name] = splitKey(key)
    const pvc = this.claims.get(namespace, name)
    if (!pvc) return
    if (pvc.metadata?.deletionTimestamp) return this.protectClaim(pvc)
    if (pvc.spec?.volumeName) return this.syncBoundClaim(pvc)
    // kube: syncUnboundClaim — an existing volume that matches is bound first; only a claim none
    // matches is provisioned. A class named by volumes alone (e.g. `manual`) needs no StorageClass.
    const className = claimClass(pvc)
    const sc = className ? this.classes.get(undefined, className) : undefined
    const delayBinding = sc?.volumeBindingMode === 'WaitForFirstConsumer'
    const pv = this.findMatchingVolume(pvc, className, delayBinding)
    if (pv) return this.bind(pvc, pv)
    if (!className) {
      this.record(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set')
      return this.queue.addAfter(key, PV_SYNC_PERIOD_MS)
    }
    // kube: provisionClaimOperation — a class that does not exist is reported, and the claim waits.
    if (!sc) {
      this.record(pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`)
      return this.queue.addAfter(key, PV_SYNC_PERIOD_MS)
    }
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !pvc.metadata?.annotations?.[ANN_SELECTED_NODE]) {
      const node = this.consumerNode(pvc)
      if (!node) {
        this.record(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding')
        return this.queue.addAfter(key, PV_SYNC_PERIOD_MS)
      }
      // Kubernetes: kube-scheduler's VolumeBinding PreBind writes this annotation (see the header).
      this.c.api.patch('PersistentVolumeClaim', namespace, name, { metadata: { annotations: { [ANN_SELECTED_NODE]: node } } }, { actor: 'kube-scheduler' })
      return
    }
    this.provision(pvc, sc)
  }

  /** The node of a scheduled pod that uses the claim. */
  private consumerNode(pvc: PersistentVolumeClaim): string | undefined {
    for (const pod of this.pods.valuesByIndex(INDEX_POD_CLAIMS, keyOf(pvc))) {
      if (pod.spec?.nodeName && !pod.metadata?.deletionTimestamp) return pod.spec.nodeName
    }
    return undefined
  }

  /**
   * kube: findBestMatchForClaim (FindMatchingVolume) — a volume pre-bound to this claim, else the
   * smallest Available volume of the claim's class with every requested access mode, enough
   * capacity, the same volume mode and labels the claim's selector matches. With delayed binding,
   * only a pre-bound volume counts here (the scheduler picks a node first).
   */
  private findMatchingVolume(pvc: PersistentVolumeClaim, className: string, delayBinding = false): PersistentVolume | undefined {
    const want = parseStorage(pvc.spec?.resources?.requests?.storage)
    const selector = pvc.spec?.selector ? fromLabelSelector(pvc.spec.selector) : undefined
    const mode = pvc.spec?.volumeMode ?? 'Filesystem'
    let best: PersistentVolume | undefined
    let bestSize = Infinity
    for (const pv of this.volumes.list()) {
      const ref = pv.spec?.claimRef
      const boundToClaim = !!ref && ref.name === pvc.metadata?.name && ref.namespace === pvc.metadata?.namespace
        && (!ref.uid || ref.uid === pvc.metadata?.uid)
      if (ref && !boundToClaim) continue
      const size = parseStorage(pv.spec?.capacity?.storage)
      if (size < want || (pv.spec?.volumeMode ?? 'Filesystem') !== mode || pv.metadata?.deletionTimestamp) continue
      if (boundToClaim) return pv
      if (delayBinding) continue
      if (pv.status?.phase !== 'Available') continue
      if (selector && !matches(selector, pv.metadata?.labels ?? {})) continue
      if ((pv.spec?.storageClassName ?? '') !== className) continue
      if (!(pvc.spec?.accessModes ?? []).every((m) => pv.spec?.accessModes?.includes(m))) continue
      if (size < bestSize) {
        best = pv
        bestSize = size
      }
    }
    return best
  }

  // ---- volumes --------------------------------------------------------------------------------

  /**
   * kube: syncVolume — a volume no claim is bound to (no claimRef, or one naming a claim not yet
   * bound) is Available; one is made Available as soon as it is created.
   */
  private syncVolume(pv: PersistentVolume): void {
    const ref = pv.spec?.claimRef
    if (pv.metadata?.deletionTimestamp || (ref && ref.uid)) return
    // kube: even a Released or Failed volume is Available again once the admin clears its claimRef.
    if (pv.status?.phase === 'Available') return
    this.c.api.patch('PersistentVolume', undefined, pv.metadata?.name ?? '', {
      status: { phase: 'Available', lastPhaseTransitionTime: this.c.clock.timestamp() },
    }, this.ctx, { subresource: 'status' })
  }

  /** kube: provisionClaim, then the external provisioner's provision on the selected node. */
  private provision(pvc: PersistentVolumeClaim, sc: StorageClass): void {
    const key = keyOf(pvc)
    if (this.provisioning.has(key)) return
    const ann = pvc.metadata?.annotations ?? {}
    if (ann[ANN_STORAGE_PROVISIONER] !== sc.provisioner) {
      this.c.api.patch('PersistentVolumeClaim', pvc.metadata?.namespace, pvc.metadata?.name ?? '', {
        metadata: { annotations: { [ANN_BETA_STORAGE_PROVISIONER]: sc.provisioner, [ANN_STORAGE_PROVISIONER]: sc.provisioner } },
      }, this.ctx)
      this.record(pvc, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`)
      return
    }
    if (sc.provisioner !== LOCAL_PATH_PROVISIONER) return this.queue.addAfter(key, PV_SYNC_PERIOD_MS)
    this.provisioning.add(key)
    this.c.events.record(pvc as KubeObject, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${key}"`, this.provisioner)
    const uid = pvc.metadata?.uid
    this.c.clock.schedule(LOCAL_PATH_PROVISION_MS, () => {
      this.provisioning.delete(key)
      const cur = this.claims.get(pvc.metadata?.namespace, pvc.metadata?.name ?? '')
      if (!cur || cur.metadata?.uid !== uid || cur.spec?.volumeName) return
      const pv = this.c.api.create(localPathVolume(cur, sc), { actor: LOCAL_PATH_PROVISIONER })
      this.c.events.record(cur as KubeObject, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pv.metadata!.name}`, this.provisioner)
    }, `${LOCAL_PATH_PROVISIONER}: provision ${key}`)
  }

  /** kube: bind — the volume names the claim, then the claim names the volume; both report Bound. */
  private bind(pvc: PersistentVolumeClaim, pv: PersistentVolume): void {
    const api = this.c.api
    const name = pv.metadata!.name!
    if (!pv.spec?.claimRef?.uid) {
      const claimRef = { kind: 'PersistentVolumeClaim', namespace: pvc.metadata?.namespace, name: pvc.metadata?.name, uid: pvc.metadata?.uid, apiVersion: 'v1', resourceVersion: pvc.metadata?.resourceVersion }
      pv = api.patch('PersistentVolume', undefined, name, { metadata: { annotations: { [ANN_BOUND_BY_CONTROLLER]: 'yes' } }, spec: { claimRef } }, this.ctx)
    }
    if (pv.status?.phase !== 'Bound') {
      pv = api.patch('PersistentVolume', undefined, name, { status: { phase: 'Bound', lastPhaseTransitionTime: this.c.clock.timestamp() } }, this.ctx, { subresource: 'status' })
    }
    const ns = pvc.metadata?.namespace
    const claimName = pvc.metadata?.name ?? ''
    api.patch('PersistentVolumeClaim', ns, claimName, {
      metadata: { annotations: { [ANN_BIND_COMPLETED]: 'yes', [ANN_BOUND_BY_CONTROLLER]: 'yes' } },
      spec: { volumeName: name },
    }, this.ctx)
    api.patch('PersistentVolumeClaim', ns, claimName, {
      status: { phase: 'Bound', accessModes: pv.spec?.accessModes, capacity: pv.spec?.capacity },
    }, this.ctx, { subresource: 'status' })
  }

  /** A bound claim whose status lags (e.g. the status write was lost) is brought up to date. */
  private syncBoundClaim(pvc: PersistentVolumeClaim): void {
    const pv = this.volumes.get(undefined, pvc.spec!.volumeName!)
    if (!pv) {
      if (pvc.status?.phase !== 'Lost') {
        this.c.api.patch('PersistentVolumeClaim', pvc.metadata?.namespace, pvc.metadata?.name ?? '', { status: { phase: 'Lost' } }, this.ctx, { subresource: 'status' })
        this.record(pvc, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!')
      }
      return
    }
    if (pvc.status?.phase !== 'Bound' || pv.status?.phase !== 'Bound') this.bind(pvc, pv)
  }

  /** kube: the pvc-protection controller — the finalizer goes once no running pod uses the claim. */
  private protectClaim(pvc: PersistentVolumeClaim): void {
    const finalizers = pvc.metadata?.finalizers ?? []
    if (!finalizers.includes(PVC_PROTECTION_FINALIZER)) return
    for (const pod of this.pods.valuesByIndex(INDEX_POD_CLAIMS, keyOf(pvc))) {
      if (pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') return
    }
    const rest = finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER)
    this.c.api.patch('PersistentVolumeClaim', pvc.metadata?.namespace, pvc.metadata?.name ?? '', {
      metadata: { finalizers: rest.length ? rest : null },
    }, { actor: 'pvc-protection-controller' })
  }

  /** kube: the claim is gone: its volume is Released and, with reclaimPolicy Delete, deleted. */
  private claimDeleted(pvc: PersistentVolumeClaim): void {
    const name = pvc.spec?.volumeName
    const pv = name ? this.volumes.get(undefined, name) : undefined
    if (!pv || pv.spec?.claimRef?.uid !== pvc.metadata?.uid) return
    this.c.clock.schedule(0, () => this.reclaim(name!, pvc.metadata?.uid), `${PV_CONTROLLER}: reclaim ${name}`)
  }

  private reclaim(name: string, claimUid: string | undefined): void {
    const api = this.c.api
    const pv = this.volumes.get(undefined, name)
    if (!pv || pv.spec?.claimRef?.uid !== claimUid) return
    try {
      if (pv.status?.phase !== 'Released') {
        api.patch('PersistentVolume', undefined, name, { status: { phase: 'Released', lastPhaseTransitionTime: this.c.clock.timestamp() } }, this.ctx, { subresource: 'status' })
      }
      if (pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') return
      api.delete('PersistentVolume', undefined, name, { actor: LOCAL_PATH_PROVISIONER })
      // kube: the pv-protection controller lets a volume go once no claim is bound to it.
      const fin = (api.find<PersistentVolume>('PersistentVolume', undefined, name)?.metadata?.finalizers ?? []).filter((f) => f !== PV_PROTECTION_FINALIZER)
      if (api.find('PersistentVolume', undefined, name)) {
        api.patch('PersistentVolume', undefined, name, { metadata: { finalizers: fin.length ? fin : null } }, { actor: 'pv-protection-controller' })
      }
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }

  private record(pvc: PersistentVolumeClaim, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.c.events.record(pvc as KubeObject, type, reason, message, { component: PV_CONTROLLER })
  }
}

/** The volume local-path-provisioner creates: `pvc-<claim uid>`, a hostPath pinned to the node. */
function localPathVolume(pvc: PersistentVolumeClaim, sc: StorageClass): PersistentVolume {
  const node = pvc.metadata?.annotations?.[ANN_SELECTED_NODE]
  const name = `pvc-${pvc.metadata?.uid}`
  const ns = pvc.metadata?.namespace
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: {
        ...(node ? { 'local.path.provisioner/selected-node': node } : {}),
        [ANN_PROVISIONED_BY]: sc.provisioner,
      },
    },
    spec: {
      accessModes: [...(pvc.spec?.accessModes ?? [])],
      capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '0' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata?.name, namespace: ns, resourceVersion: pvc.metadata?.resourceVersion, uid: pvc.metadata?.uid },
      hostPath: { path: `/var/local-path-provisioner/${name}_${ns}_${pvc.metadata?.name}`, type: 'DirectoryOrCreate' },
      ...(node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } } : {}),
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata?.name,
      volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
    },
  }
}

/** A claim's or volume's storage in bytes, as the API server reads quantities (0 when absent or malformed). */
function parseStorage(q: string | number | undefined): number {
  return q !== undefined && isQuantity(q) ? parseQuantity(q) : 0
}
