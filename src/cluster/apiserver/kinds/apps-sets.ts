/**
 * StatefulSet, DaemonSet and ControllerRevision (apps/v1): defaulting as kube's
 * pkg/apis/apps/v1/defaults.go and validation as pkg/apis/apps/validation (the parts a learner meets).
 */
import type { ControllerRevision, DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1'
import type { PersistentVolumeClaim, PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import type { KubeObject } from '../types'
import { fromLabelSelector, matches } from '../labels'
import { type Causes, dns1123Label, forbidden, invalid, isObject, required, typeError, unsupported, validateLabels } from '../validation'
import { defaultPodSpec, validatePodSpec } from './podspec'
import { info, type KindDef } from './kind'
import { checkReplicatedTypes } from './workloads'

interface TemplateSpec {
  selector?: LabelSelector
  template?: PodTemplateSpec
  minReadySeconds?: number
  revisionHistoryLimit?: number
}

function checkTemplateTypes(obj: KubeObject): Causes {
  const out = checkReplicatedTypes(obj)
  const spec = obj.spec
  if (!isObject(spec)) return out
  if (spec.volumeClaimTemplates !== undefined && !Array.isArray(spec.volumeClaimTemplates)) {
    out.push(typeError('spec.volumeClaimTemplates', spec.volumeClaimTemplates, 'array'))
  }
  return out
}

/** The checks every apps/v1 pod template owner shares: selector, labels, pod spec, restartPolicy. */
function validateTemplate(kind: string, Kind: string, spec: TemplateSpec): Causes {
  const out: Causes = []
  if (spec.minReadySeconds !== undefined && spec.minReadySeconds < 0) {
    out.push(invalid('spec.minReadySeconds', spec.minReadySeconds, 'must be greater than or equal to 0'))
  }
  if (spec.revisionHistoryLimit !== undefined && spec.revisionHistoryLimit < 0) {
    out.push(invalid('spec.revisionHistoryLimit', spec.revisionHistoryLimit, 'must be greater than or equal to 0'))
  }
  const labels = spec.template?.metadata?.labels
  if (!spec.selector) out.push(required('spec.selector'))
  else {
    const sel = fromLabelSelector(spec.selector)
    if (!sel || sel.length === 0) out.push(invalid('spec.selector', spec.selector, `empty selector is invalid for ${kind}`))
    else if (!matches(sel, labels)) {
      out.push(invalid('spec.template.metadata.labels', labels ?? {}, '`selector` does not match template `labels`'))
    }
  }
  out.push(...validateLabels('spec.template.metadata.labels', labels))
  const podSpec = spec.template?.spec
  if (podSpec) {
    out.push(...validatePodSpec(podSpec, 'spec.template.spec'))
    if (podSpec.restartPolicy && podSpec.restartPolicy !== 'Always') {
      out.push(unsupported('spec.template.spec.restartPolicy', podSpec.restartPolicy, ['Always']))
    }
    if (podSpec.activeDeadlineSeconds !== undefined) {
      out.push(forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${Kind} is not Supported`))
    }
  }
  return out
}

function selectorImmutable(obj: KubeObject, old: KubeObject): Causes {
  const a = (obj.spec as TemplateSpec).selector
  const b = (old.spec as TemplateSpec).selector
  return JSON.stringify(a) !== JSON.stringify(b) ? [invalid('spec.selector', a, 'field is immutable')] : []
}

// ---- StatefulSet ------------------------------------------------------------------------------

/** kube: SetDefaults_PersistentVolumeClaimSpec, as the claim templates are stored. */
function defaultClaimTemplate(t: PersistentVolumeClaim): void {
  t.apiVersion ??= 'v1'
  t.kind ??= 'PersistentVolumeClaim'
  t.spec ??= {}
  t.spec.volumeMode ??= 'Filesystem'
  ;(t as { status?: unknown }).status ??= { phase: 'Pending' }
}

function defaultStatefulSet(s: StatefulSet): void {
  const spec = s.spec!
  // kube: SetDefaults_StatefulSet — OrderedReady, RollingUpdate with partition 0, Retain/Retain,
  // 1 replica, 10 revisions kept.
  spec.podManagementPolicy ??= 'OrderedReady'
  spec.updateStrategy ??= {}
  if (!spec.updateStrategy.type) {
    spec.updateStrategy.type = 'RollingUpdate'
    spec.updateStrategy.rollingUpdate ??= {}
  }
  if (spec.updateStrategy.type === 'RollingUpdate' && spec.updateStrategy.rollingUpdate) {
    spec.updateStrategy.rollingUpdate.partition ??= 0
  }
  spec.persistentVolumeClaimRetentionPolicy ??= {}
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain'
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain'
  spec.replicas ??= 1
  spec.revisionHistoryLimit ??= 10
  if (spec.template?.spec) defaultPodSpec(spec.template.spec)
  for (const t of spec.volumeClaimTemplates ?? []) defaultClaimTemplate(t)
}

const RETENTION = ['Retain', 'Delete']

function validateStatefulSet(s: StatefulSet): Causes {
  const spec = s.spec!
  const out = validateTemplate('statefulset', 'StatefulSet', spec)
  if (spec.replicas !== undefined && spec.replicas < 0) out.push(invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'))
  if (spec.podManagementPolicy && !['OrderedReady', 'Parallel'].includes(spec.podManagementPolicy)) {
    out.push(unsupported('spec.podManagementPolicy', spec.podManagementPolicy, ['OrderedReady', 'Parallel']))
  }
  const us = spec.updateStrategy
  if (us?.type && !['RollingUpdate', 'OnDelete'].includes(us.type)) {
    out.push(unsupported('spec.updateStrategy.type', us.type, ['OnDelete', 'RollingUpdate']))
  }
  if (us?.type === 'OnDelete' && us.rollingUpdate) {
    out.push(invalid('spec.updateStrategy.rollingUpdate', us.rollingUpdate, 'only allowed for updateStrategy \'RollingUpdate\''))
  }
  const partition = us?.rollingUpdate?.partition
  if (partition !== undefined && partition < 0) {
    out.push(invalid('spec.updateStrategy.rollingUpdate.partition', partition, 'must be greater than or equal to 0'))
  }
  const policy = spec.persistentVolumeClaimRetentionPolicy
  if (policy?.whenDeleted && !RETENTION.includes(policy.whenDeleted)) {
    out.push(unsupported('spec.persistentVolumeClaimRetentionPolicy.whenDeleted', policy.whenDeleted, RETENTION))
  }
  if (policy?.whenScaled && !RETENTION.includes(policy.whenScaled)) {
    out.push(unsupported('spec.persistentVolumeClaimRetentionPolicy.whenScaled', policy.whenScaled, RETENTION))
  }
  if (spec.serviceName) out.push(...dns1123Label('spec.serviceName', spec.serviceName))
  ;(spec.volumeClaimTemplates ?? []).forEach((t, i) => {
    const path = `spec.volumeClaimTemplates[${i}]`
    if (!t.metadata?.name) out.push(required(`${path}.metadata.name`))
    if (!t.spec?.accessModes?.length) out.push(required(`${path}.spec.accessModes`, 'at least 1 access mode is required'))
    if (!t.spec?.resources?.requests?.storage) out.push(required(`${path}.spec.resources[storage]`))
  })
  return out
}

/** kube: ValidateStatefulSetUpdate — only these fields of the spec may change. */
function validateStatefulSetUpdate(obj: KubeObject, old: KubeObject): Causes {
  const strip = (s: StatefulSet) => {
    const { replicas: _r, ordinals: _o, template: _t, updateStrategy: _u, revisionHistoryLimit: _h,
      persistentVolumeClaimRetentionPolicy: _p, minReadySeconds: _m, ...rest } = s.spec ?? ({} as NonNullable<StatefulSet['spec']>)
    return JSON.stringify(rest)
  }
  if (strip(obj as StatefulSet) !== strip(old as StatefulSet)) {
    return [forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")]
  }
  return []
}

export const statefulSetKind: KindDef = {
  info: info({ kind: 'StatefulSet', apiVersion: 'apps/v1', resource: 'statefulsets', shortNames: ['sts'], categories: ['all'] }),
  nameRule: 'subdomain',
  checkTypes: checkTemplateTypes,
  applyDefaults: (obj) => defaultStatefulSet(obj as StatefulSet),
  prepareForCreate: (obj) => {
    obj.status = { replicas: 0, availableReplicas: 0 }
  },
  validate: (obj) => validateStatefulSet(obj as StatefulSet),
  validateUpdate: validateStatefulSetUpdate,
}

// ---- DaemonSet --------------------------------------------------------------------------------

function defaultDaemonSet(d: DaemonSet): void {
  const spec = d.spec!
  // kube: SetDefaults_DaemonSet — RollingUpdate with maxUnavailable 1 and maxSurge 0, 10 revisions kept.
  spec.updateStrategy ??= {}
  spec.updateStrategy.type ??= 'RollingUpdate'
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {}
    spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1
    spec.updateStrategy.rollingUpdate.maxSurge ??= 0
  }
  spec.revisionHistoryLimit ??= 10
  if (spec.template?.spec) defaultPodSpec(spec.template.spec)
}

function validateIntOrPercent(field: string, v: unknown, out: Causes): void {
  if (v === undefined) return
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) out.push(invalid(field, v, 'must be greater than or equal to 0'))
  } else if (typeof v !== 'string' || !/^\d+%$/.test(v)) {
    out.push(invalid(field, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"))
  } else if (parseInt(v, 10) > 100) out.push(invalid(field, v, 'must not be greater than 100%'))
}

function validateDaemonSet(d: DaemonSet): Causes {
  const spec = d.spec!
  const out = validateTemplate('daemonset', 'DaemonSet', spec)
  const us = spec.updateStrategy
  if (us?.type && !['RollingUpdate', 'OnDelete'].includes(us.type)) {
    out.push(unsupported('spec.updateStrategy.type', us.type, ['OnDelete', 'RollingUpdate']))
  }
  const ru = us?.type === 'RollingUpdate' ? us.rollingUpdate : undefined
  if (ru) {
    validateIntOrPercent('spec.updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, out)
    validateIntOrPercent('spec.updateStrategy.rollingUpdate.maxSurge', ru.maxSurge, out)
    const zero = (v: unknown) => v === 0 || v === '0%'
    if (zero(ru.maxUnavailable) && zero(ru.maxSurge)) {
      out.push(invalid('spec.updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'))
    }
  }
  return out
}

export const daemonSetKind: KindDef = {
  info: info({ kind: 'DaemonSet', apiVersion: 'apps/v1', resource: 'daemonsets', shortNames: ['ds'], categories: ['all'] }),
  nameRule: 'subdomain',
  checkTypes: checkTemplateTypes,
  applyDefaults: (obj) => defaultDaemonSet(obj as DaemonSet),
  prepareForCreate: (obj) => {
    // kube: these four counts are always printed (no omitempty).
    obj.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }
  },
  validate: (obj) => validateDaemonSet(obj as DaemonSet),
  validateUpdate: selectorImmutable,
}

// ---- ControllerRevision -----------------------------------------------------------------------

export const controllerRevisionKind: KindDef = {
  info: info({ kind: 'ControllerRevision', apiVersion: 'apps/v1', resource: 'controllerrevisions', hasStatus: false }),
  nameRule: 'subdomain',
  validate: (obj) => {
    const cr = obj as ControllerRevision
    const out: Causes = []
    if (typeof cr.revision !== 'number' || !Number.isInteger(cr.revision)) out.push(required('revision'))
    else if (cr.revision < 0) out.push(invalid('revision', cr.revision, 'must be greater than or equal to 0'))
    return out
  },
  validateUpdate: (obj, old) => {
    const a = (obj as ControllerRevision).data
    const b = (old as ControllerRevision).data
    return JSON.stringify(a) !== JSON.stringify(b) ? [invalid('data', a, 'field is immutable')] : []
  },
}
