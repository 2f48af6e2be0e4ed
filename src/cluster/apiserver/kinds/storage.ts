/**
 * PersistentVolumeClaim and PersistentVolume (v1) and StorageClass (storage.k8s.io/v1): defaulting,
 * the admission plugins that touch claims (DefaultStorageClass, StorageObjectInUseProtection) and
 * the validation a learner meets (pkg/apis/core/validation, pkg/apis/storage/validation).
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1'
import type { StorageClass } from 'kubernetes-types/storage/v1'
import type { KubeObject, Writable } from '../types'
import { type Causes, forbidden, invalid, isObject, required, typeError, unsupported } from '../validation'
import { info, type KindDef, type ServerContext } from './kind'

/** kube: storageutil.IsDefaultStorageClassAnnotation (and its beta twin). */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class'
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class'
/** kube: StorageObjectInUseProtection admission adds these finalizers. */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection'
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection'

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']

export function isDefaultClass(sc: StorageClass): boolean {
  const a = sc.metadata?.annotations ?? {}
  return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true'
}

/**
 * The names of the storage classes each API server has seen, so DefaultStorageClass admission can
 * find the default one with the server's `find` (admission has no list). Each is re-read before use.
 */
const classNames = new WeakMap<ServerContext, Set<string>>()

function rememberClass(ctx: ServerContext, name: string | undefined): void {
  if (!name) return
  let names = classNames.get(ctx)
  if (!names) classNames.set(ctx, (names = new Set()))
  names.add(name)
}

/** kube: GetDefaultClass — of several defaults, the newest wins (then the name, alphabetically). */
function defaultClass(ctx: ServerContext): StorageClass | undefined {
  let best: StorageClass | undefined
  for (const name of classNames.get(ctx) ?? []) {
    const sc = ctx.find('StorageClass', undefined, name) as StorageClass | undefined
    if (!sc || !isDefaultClass(sc)) continue
    const t = sc.metadata?.creationTimestamp ?? ''
    const bt = best?.metadata?.creationTimestamp ?? ''
    if (!best || t > bt || (t === bt && name < (best.metadata?.name ?? ''))) best = sc
  }
  return best
}

function checkSpecObject(obj: KubeObject): Causes {
  const spec = obj.spec as unknown
  if (spec === undefined) return [required('spec')]
  if (!isObject(spec)) return [typeError('spec', spec, 'object')]
  if (spec.accessModes !== undefined && !Array.isArray(spec.accessModes)) return [typeError('spec.accessModes', spec.accessModes, 'array')]
  return []
}

function validateAccessModes(modes: string[] | undefined, path: string): Causes {
  if (!modes?.length) return [required(path, 'at least 1 access mode is required')]
  const out: Causes = []
  for (const m of modes) if (!ACCESS_MODES.includes(m)) out.push(unsupported(path, m, ACCESS_MODES))
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) {
    out.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'))
  }
  return out
}

// ---- PersistentVolumeClaim --------------------------------------------------------------------

export const persistentVolumeClaimKind: KindDef = {
  info: info({ kind: 'PersistentVolumeClaim', apiVersion: 'v1', resource: 'persistentvolumeclaims', shortNames: ['pvc'] }),
  nameRule: 'subdomain',
  checkTypes: checkSpecObject,
  applyDefaults: (obj) => {
    // kube: SetDefaults_PersistentVolumeClaimSpec
    const spec = (obj as PersistentVolumeClaim).spec!
    spec.volumeMode ??= 'Filesystem'
  },
  prepareForCreate: (obj, ctx) => {
    const pvc = obj as Writable<PersistentVolumeClaim>
    pvc.status = { phase: 'Pending' }
    // kube: DefaultStorageClass admission — only a claim that names no class (not even "") gets one.
    if (pvc.spec!.storageClassName === undefined || pvc.spec!.storageClassName === null) {
      const sc = defaultClass(ctx)
      if (sc) pvc.spec!.storageClassName = sc.metadata!.name
    }
    const meta = pvc.metadata!
    if (!(meta.finalizers ?? []).includes(PVC_PROTECTION_FINALIZER)) meta.finalizers = [...(meta.finalizers ?? []), PVC_PROTECTION_FINALIZER]
  },
  validate: (obj) => {
    const spec = (obj as PersistentVolumeClaim).spec!
    const out = validateAccessModes(spec.accessModes, 'spec.accessModes')
    const storage = spec.resources?.requests?.storage
    if (storage === undefined) out.push(required('spec.resources[storage]'))
    if (spec.volumeMode && !['Block', 'Filesystem'].includes(spec.volumeMode)) {
      out.push(unsupported('spec.volumeMode', spec.volumeMode, ['Block', 'Filesystem']))
    }
    return out
  },
  validateUpdate: (obj, old) => {
    // kube: ValidatePersistentVolumeClaimUpdate — the binder may fill in volumeName (and an unset
    // class); otherwise only the requested size may change.
    const a = (obj as PersistentVolumeClaim).spec!
    const b = (old as PersistentVolumeClaim).spec!
    const rest = (s: PersistentVolumeClaim['spec']) => {
      const { volumeName: _v, storageClassName: _c, resources, ...others } = s ?? {}
      const { requests: _r, ...res } = resources ?? {}
      return JSON.stringify({ ...others, resources: res })
    }
    const fixed = (x: string | undefined, y: string | undefined) => y === undefined || y === '' || x === y
    if (rest(a) !== rest(b) || !fixed(a.volumeName, b.volumeName) || (b.storageClassName !== undefined && a.storageClassName !== b.storageClassName)) {
      return [forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims')]
    }
    return []
  },
}

// ---- PersistentVolume -------------------------------------------------------------------------

export const persistentVolumeKind: KindDef = {
  info: info({ kind: 'PersistentVolume', apiVersion: 'v1', resource: 'persistentvolumes', shortNames: ['pv'], namespaced: false }),
  nameRule: 'subdomain',
  checkTypes: checkSpecObject,
  applyDefaults: (obj) => {
    // kube: SetDefaults_PersistentVolume — Retain unless a provisioner says otherwise, Filesystem.
    const spec = (obj as PersistentVolume).spec!
    spec.persistentVolumeReclaimPolicy ??= 'Retain'
    spec.volumeMode ??= 'Filesystem'
  },
  prepareForCreate: (obj, ctx) => {
    const pv = obj as Writable<PersistentVolume>
    pv.status = { phase: 'Pending', lastPhaseTransitionTime: ctx.clock.timestamp() }
    const meta = pv.metadata!
    if (!(meta.finalizers ?? []).includes(PV_PROTECTION_FINALIZER)) meta.finalizers = [...(meta.finalizers ?? []), PV_PROTECTION_FINALIZER]
  },
  validate: (obj) => {
    const spec = (obj as PersistentVolume).spec!
    const out = validateAccessModes(spec.accessModes, 'spec.accessModes')
    if (spec.capacity?.storage === undefined) out.push(required('spec.capacity[storage]'))
    const policy = spec.persistentVolumeReclaimPolicy
    if (policy && !['Delete', 'Recycle', 'Retain'].includes(policy)) {
      out.push(unsupported('spec.persistentVolumeReclaimPolicy', policy, ['Delete', 'Recycle', 'Retain']))
    }
    const sources = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'awsElasticBlockStore', 'gcePersistentDisk', 'azureDisk']
    if (!sources.some((s) => (spec as Record<string, unknown>)[s] !== undefined)) {
      out.push(required('spec', 'must specify a volume type'))
    }
    return out
  },
}

// ---- StorageClass -----------------------------------------------------------------------------

export const storageClassKind: KindDef = {
  info: info({ kind: 'StorageClass', apiVersion: 'storage.k8s.io/v1', resource: 'storageclasses', shortNames: ['sc'], namespaced: false, hasStatus: false }),
  nameRule: 'subdomain',
  applyDefaults: (obj) => {
    // kube: SetDefaults_StorageClass — Delete and Immediate.
    const sc = obj as StorageClass
    ;(sc as Writable<StorageClass>).reclaimPolicy ??= 'Delete'
    ;(sc as Writable<StorageClass>).volumeBindingMode ??= 'Immediate'
  },
  prepareForCreate: (obj, ctx) => rememberClass(ctx, obj.metadata?.name),
  prepareForUpdate: (obj, _old, ctx) => rememberClass(ctx, obj.metadata?.name),
  validate: (obj) => {
    const sc = obj as StorageClass
    const out: Causes = []
    if (!sc.provisioner) out.push(required('provisioner'))
    if (sc.reclaimPolicy && !['Delete', 'Retain'].includes(sc.reclaimPolicy)) {
      out.push(unsupported('reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']))
    }
    if (sc.volumeBindingMode && !['Immediate', 'WaitForFirstConsumer'].includes(sc.volumeBindingMode)) {
      out.push(unsupported('volumeBindingMode', sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']))
    }
    return out
  },
  validateUpdate: (obj, old) => {
    const a = obj as StorageClass
    const b = old as StorageClass
    const out: Causes = []
    if (a.provisioner !== b.provisioner) out.push(forbidden('provisioner', 'updates to provisioner are forbidden.'))
    if (JSON.stringify(a.parameters ?? {}) !== JSON.stringify(b.parameters ?? {})) out.push(forbidden('parameters', 'updates to parameters are forbidden.'))
    if (a.reclaimPolicy !== b.reclaimPolicy) out.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'))
    if (a.volumeBindingMode !== b.volumeBindingMode) out.push(invalid('volumeBindingMode', a.volumeBindingMode, 'field is immutable'))
    return out
  },
}
