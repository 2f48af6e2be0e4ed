/**
 * PodDisruptionBudget (policy/v1): how many pods of a set may be down at once through voluntary
 * disruptions (kube: pkg/apis/policy/validation ValidatePodDisruptionBudget). The spec is mutable
 * (since v1.15); the status belongs to the disruption controller and the eviction subresource.
 */
import type { PodDisruptionBudget, PodDisruptionBudgetSpec } from 'kubernetes-types/policy/v1'
import type { KubeObject } from '../types'
import { type Causes, invalid, isObject, typeError, unsupported, validateLabels } from '../validation'
import { info, type KindDef } from './kind'

/** kube: policy/v1 UnhealthyPodEvictionPolicyType values. */
export const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget']

const PERCENT = /^[0-9]+%$/

/** kube: ValidatePositiveIntOrPercent and IsNotMoreThan100Percent. */
function intOrPercent(field: string, v: unknown, out: Causes): void {
  if (v === undefined || v === null) return
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) out.push(typeError(field, v, 'integer'))
    else if (v < 0) out.push(invalid(field, v, 'must be greater than or equal to 0'))
    return
  }
  if (typeof v !== 'string' || !PERCENT.test(v)) {
    out.push(invalid(field, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"))
    return
  }
  if (parseInt(v, 10) > 100) out.push(invalid(field, v, 'must not be greater than 100%'))
}

function checkTypes(obj: KubeObject): Causes {
  const spec = obj.spec as unknown
  if (spec === undefined) return []
  if (!isObject(spec)) return [typeError('spec', spec, 'object')]
  const out: Causes = []
  if (spec.selector !== undefined && spec.selector !== null && !isObject(spec.selector)) out.push(typeError('spec.selector', spec.selector, 'object'))
  return out
}

function validateSpec(spec: PodDisruptionBudgetSpec | undefined): Causes {
  const out: Causes = []
  if (!spec) return out
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    out.push(invalid('spec', 'minAvailable and maxUnavailable', 'minAvailable and maxUnavailable cannot be both set'))
  }
  intOrPercent('spec.minAvailable', spec.minAvailable, out)
  intOrPercent('spec.maxUnavailable', spec.maxUnavailable, out)
  out.push(...validateLabels('spec.selector.matchLabels', spec.selector?.matchLabels))
  const policy = spec.unhealthyPodEvictionPolicy
  if (policy !== undefined && !UNHEALTHY_POD_EVICTION_POLICIES.includes(policy)) {
    out.push(unsupported('spec.unhealthyPodEvictionPolicy', policy, UNHEALTHY_POD_EVICTION_POLICIES))
  }
  return out
}

export const podDisruptionBudgetKind: KindDef = {
  info: info({ kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', resource: 'poddisruptionbudgets', shortNames: ['pdb'] }),
  nameRule: 'subdomain',
  checkTypes,
  prepareForCreate: (obj) => {
    // kube: a new budget allows no disruption until the disruption controller has counted its pods.
    ;(obj as PodDisruptionBudget).status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }
  },
  validate: (obj) => validateSpec((obj as PodDisruptionBudget).spec),
  validateUpdate: (obj) => validateSpec((obj as PodDisruptionBudget).spec),
}
