/**
 * ReplicationController (v1), the ReplicaSet's predecessor: its selector is a plain label map.
 * kube: SetDefaults_ReplicationController (the selector and the labels default to the template's
 * labels, replicas to 1) and ValidateReplicationController.
 */
import type { ReplicationController } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../types'
import { matches, selectorFromSet } from '../labels'
import { type Causes, checkInt, invalid, isObject, required, typeError, unsupported, validateLabels } from '../validation'
import { checkPodSpecTypes, defaultPodSpec, validatePodSpec } from './podspec'
import { info, type KindDef } from './kind'

type Writable<T> = { -readonly [K in keyof T]: T[K] }

function checkTypes(obj: KubeObject): Causes {
  const spec = obj.spec as unknown
  if (!isObject(spec)) return spec === undefined ? [required('spec')] : [typeError('spec', spec, 'object')]
  const out: Causes = []
  checkInt('spec.replicas', spec.replicas, out)
  checkInt('spec.minReadySeconds', spec.minReadySeconds, out)
  if (spec.selector !== undefined && spec.selector !== null) {
    if (!isObject(spec.selector)) out.push(typeError('spec.selector', spec.selector, 'object'))
    else for (const [k, v] of Object.entries(spec.selector)) if (typeof v !== 'string') out.push(typeError(`spec.selector.${k}`, v, 'string'))
  }
  const t = spec.template
  if (t !== undefined && t !== null) {
    if (!isObject(t)) out.push(typeError('spec.template', t, 'object'))
    else {
      if (t.metadata !== undefined && !isObject(t.metadata)) out.push(typeError('spec.template.metadata', t.metadata, 'object'))
      out.push(...checkPodSpecTypes(t.spec, 'spec.template.spec'))
    }
  }
  return out
}

/** kube: SetDefaults_ReplicationController. */
function applyDefaults(obj: KubeObject): void {
  const rc = obj as Writable<ReplicationController>
  const spec = rc.spec!
  const labels = spec.template?.metadata?.labels
  if (labels && Object.keys(labels).length) {
    if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...labels }
    const meta = rc.metadata as Writable<NonNullable<ReplicationController['metadata']>>
    if (!meta.labels || Object.keys(meta.labels).length === 0) meta.labels = { ...labels }
  }
  spec.replicas ??= 1
  if (spec.template?.spec) defaultPodSpec(spec.template.spec)
}

/** kube: ValidateReplicationControllerSpec and ValidatePodTemplateSpecForRC. */
function validate(obj: KubeObject): Causes {
  const spec = (obj as ReplicationController).spec!
  const out: Causes = []
  const selector = spec.selector ?? {}
  if (Object.keys(selector).length === 0) out.push(required('spec.selector'))
  else out.push(...validateLabels('spec.selector', selector))
  if (spec.replicas !== undefined && spec.replicas < 0) out.push(invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'))
  if (spec.minReadySeconds !== undefined && spec.minReadySeconds < 0) {
    out.push(invalid('spec.minReadySeconds', spec.minReadySeconds, 'must be greater than or equal to 0'))
  }
  const t = spec.template
  if (!t) {
    out.push(required('spec.template'))
    return out
  }
  const labels = t.metadata?.labels ?? {}
  if (Object.keys(selector).length && !matches(selectorFromSet(selector), labels)) {
    out.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'))
  }
  out.push(...validateLabels('spec.template.metadata.labels', labels))
  if (t.spec) {
    out.push(...validatePodSpec(t.spec, 'spec.template.spec'))
    const rp = t.spec.restartPolicy
    if (rp && rp !== 'Always') out.push(unsupported('spec.template.spec.restartPolicy', rp, ['Always']))
  } else out.push(required('spec.template.spec'))
  return out
}

export const replicationControllerKind: KindDef = {
  info: info({ kind: 'ReplicationController', apiVersion: 'v1', resource: 'replicationcontrollers', shortNames: ['rc'], categories: ['all'] }),
  nameRule: 'subdomain',
  checkTypes,
  applyDefaults,
  // kube: PrepareForCreate resets the status; `replicas` has no omitempty, so it shows as 0.
  prepareForCreate: (obj) => {
    obj.status = { replicas: 0 }
  },
  validate,
}
