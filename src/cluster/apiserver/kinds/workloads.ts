/** ReplicaSet and Deployment (apps/v1): defaulting and validation of replicated pod templates. */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import type { KubeObject } from '../types'
import { fromLabelSelector, matches } from '../labels'
import { type Causes, checkInt, invalid, isObject, required, typeError, unsupported, validateLabels } from '../validation'
import { checkPodSpecTypes, defaultPodSpec, validatePodSpec } from './podspec'
import { info, type KindDef } from './kind'

interface Replicated {
  replicas?: number
  selector?: LabelSelector
  template?: PodTemplateSpec
  minReadySeconds?: number
}

/** Shape checks shared by every kind with a pod template (ReplicaSet, Deployment, StatefulSet, DaemonSet). */
export function checkReplicatedTypes(obj: KubeObject): Causes {
  const spec = obj.spec as unknown
  if (!isObject(spec)) return spec === undefined ? [required('spec')] : [typeError('spec', spec, 'object')]
  const out: Causes = []
  checkInt('spec.replicas', spec.replicas, out)
  checkInt('spec.minReadySeconds', spec.minReadySeconds, out)
  checkInt('spec.revisionHistoryLimit', spec.revisionHistoryLimit, out)
  if (spec.selector !== undefined && !isObject(spec.selector)) out.push(typeError('spec.selector', spec.selector, 'object'))
  if (spec.template === undefined) out.push(required('spec.template'))
  else if (!isObject(spec.template)) out.push(typeError('spec.template', spec.template, 'object'))
  else {
    const t = spec.template
    if (t.metadata !== undefined && !isObject(t.metadata)) out.push(typeError('spec.template.metadata', t.metadata, 'object'))
    out.push(...checkPodSpecTypes(t.spec, 'spec.template.spec'))
  }
  return out
}

function defaultTemplate(spec: Replicated): void {
  spec.replicas ??= 1
  if (spec.template?.spec) defaultPodSpec(spec.template.spec)
}

/** kube: ValidateReplicaSetSpec / ValidateDeploymentSpec, the shared part. */
function validateReplicated(kind: string, spec: Replicated): Causes {
  const out: Causes = []
  if (spec.replicas !== undefined && spec.replicas < 0) {
    out.push(invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'))
  }
  if (spec.minReadySeconds !== undefined && spec.minReadySeconds < 0) {
    out.push(invalid('spec.minReadySeconds', spec.minReadySeconds, 'must be greater than or equal to 0'))
  }
  const labels = spec.template?.metadata?.labels
  if (!spec.selector) out.push(required('spec.selector'))
  else {
    const sel = fromLabelSelector(spec.selector)
    if (!sel || sel.length === 0) {
      out.push(invalid('spec.selector', spec.selector, `empty selector is invalid for ${kind}`))
    } else if (!matches(sel, labels)) {
      out.push(invalid('spec.template.metadata.labels', labels ?? {}, '`selector` does not match template `labels`'))
    }
  }
  out.push(...validateLabels('spec.template.metadata.labels', labels))
  if (spec.template?.spec) {
    out.push(...validatePodSpec(spec.template.spec, 'spec.template.spec'))
    const rp = spec.template.spec.restartPolicy
    if (rp && rp !== 'Always') out.push(unsupported('spec.template.spec.restartPolicy', rp, ['Always']))
  }
  return out
}

function selectorImmutable(obj: KubeObject, old: KubeObject): Causes {
  const a = (obj.spec as Replicated).selector
  const b = (old.spec as Replicated).selector
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    return [invalid('spec.selector', a, 'field is immutable')]
  }
  return []
}

export const replicaSetKind: KindDef = {
  info: info({ kind: 'ReplicaSet', apiVersion: 'apps/v1', resource: 'replicasets', shortNames: ['rs'], categories: ['all'] }),
  nameRule: 'subdomain',
  checkTypes: checkReplicatedTypes,
  applyDefaults: (obj) => defaultTemplate((obj as ReplicaSet).spec as Replicated),
  prepareForCreate: (obj) => {
    obj.status = { replicas: 0 }
  },
  validate: (obj) => validateReplicated('replicaset', (obj as ReplicaSet).spec as Replicated),
  validateUpdate: selectorImmutable,
}

/** kube: intstr values as percentages or integers; maxSurge and maxUnavailable may not both be 0. */
function validateStrategy(d: Deployment): Causes {
  const s = d.spec!.strategy
  if (!s) return []
  const out: Causes = []
  if (s.type && !['RollingUpdate', 'Recreate'].includes(s.type)) {
    out.push(unsupported('spec.strategy.type', s.type, ['Recreate', 'RollingUpdate']))
  }
  if (s.type === 'Recreate' && s.rollingUpdate) {
    out.push({ field: 'spec.strategy.rollingUpdate', message: 'Forbidden: may not be specified when strategy `type` is \'Recreate\'' })
  }
  const ru = s.rollingUpdate
  if (ru) {
    const check = (field: string, v: unknown) => {
      if (v === undefined) return
      if (typeof v === 'number') {
        if (!Number.isInteger(v) || v < 0) out.push(invalid(field, v, 'must be greater than or equal to 0'))
      } else if (typeof v !== 'string' || !/^\d+%$/.test(v)) {
        out.push(invalid(field, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"))
      } else if (parseInt(v, 10) > 100 && field.endsWith('maxUnavailable')) {
        out.push(invalid(field, v, 'must not be greater than 100%'))
      }
    }
    check('spec.strategy.rollingUpdate.maxSurge', ru.maxSurge)
    check('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable)
    const zero = (v: unknown) => v === 0 || v === '0%'
    if (zero(ru.maxSurge) && zero(ru.maxUnavailable)) {
      out.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'))
    }
  }
  return out
}

export const deploymentKind: KindDef = {
  info: info({ kind: 'Deployment', apiVersion: 'apps/v1', resource: 'deployments', shortNames: ['deploy'], categories: ['all'] }),
  nameRule: 'subdomain',
  checkTypes: checkReplicatedTypes,
  applyDefaults: (obj) => {
    const spec = (obj as Deployment).spec!
    defaultTemplate(spec as Replicated)
    // kube defaults: RollingUpdate with maxSurge 25% and maxUnavailable 25%, 10 old ReplicaSets kept,
    // a 600 s progress deadline.
    spec.strategy ??= { type: 'RollingUpdate' }
    spec.strategy.type ??= 'RollingUpdate'
    if (spec.strategy.type === 'RollingUpdate') {
      spec.strategy.rollingUpdate ??= {}
      spec.strategy.rollingUpdate.maxSurge ??= '25%'
      spec.strategy.rollingUpdate.maxUnavailable ??= '25%'
    }
    spec.revisionHistoryLimit ??= 10
    spec.progressDeadlineSeconds ??= 600
  },
  prepareForCreate: (obj) => {
    obj.status = {}
  },
  validate: (obj) => {
    const d = obj as Deployment
    const out = validateReplicated('deployment', d.spec as Replicated)
    out.push(...validateStrategy(d))
    const pds = d.spec!.progressDeadlineSeconds
    if (pds !== undefined && pds <= (d.spec!.minReadySeconds ?? 0)) {
      out.push(invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'))
    }
    return out
  },
  validateUpdate: selectorImmutable,
}

