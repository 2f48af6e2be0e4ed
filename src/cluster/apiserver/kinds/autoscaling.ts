/**
 * HorizontalPodAutoscaler: stored as autoscaling/v2; autoscaling/v1 objects (the docs' hpa-rs.yaml,
 * older `kubectl autoscale`) are accepted and converted, as the API server's conversion does:
 * v1's targetCPUUtilizationPercentage is v2's one Resource cpu Utilization metric. Defaults and
 * field errors follow pkg/apis/autoscaling/v2/defaults.go and pkg/apis/autoscaling/validation.
 */
import type {
  HPAScalingRules, HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec, MetricSpec, MetricTarget,
} from 'kubernetes-types/autoscaling/v2'
import type { HorizontalPodAutoscaler as HorizontalPodAutoscalerV1 } from 'kubernetes-types/autoscaling/v1'
import type { KubeObject } from '../types'
import { isQuantity, parseQuantity } from '../quantity'
import { type Causes, checkInt, forbidden, invalid, isObject, required, typeError, unsupported } from '../validation'
import { info, type KindDef } from './kind'

export const HPA_V1 = 'autoscaling/v1'
export const HPA_V2 = 'autoscaling/v2'
// kube: autoscaling.DefaultCPUUtilization, the target when an HPA names no metric.
export const DEFAULT_CPU_UTILIZATION = 80

type Writable<T> = { -readonly [K in keyof T]: T[K] }

/** kube default (GenerateHPAScaleUpRules): no stabilization, +4 pods or +100% per 15 s, the larger. */
export function defaultScaleUp(): HPAScalingRules {
  return {
    stabilizationWindowSeconds: 0, selectPolicy: 'Max',
    policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
  }
}

/** kube default (GenerateHPAScaleDownRules): a 300 s stabilization window, -100% per 15 s. */
export function defaultScaleDown(): HPAScalingRules {
  return { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] }
}

function withDefaults(given: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  if (!given) return defaults
  return {
    ...given,
    stabilizationWindowSeconds: given.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: given.selectPolicy ?? defaults.selectPolicy,
    policies: given.policies ?? defaults.policies,
  }
}

/** The rules the controller follows: the object's own, or the defaults when behavior is not set. */
export function effectiveBehavior(spec: HorizontalPodAutoscalerSpec | undefined): { scaleUp: HPAScalingRules; scaleDown: HPAScalingRules } {
  return { scaleUp: withDefaults(spec?.behavior?.scaleUp, defaultScaleUp()), scaleDown: withDefaults(spec?.behavior?.scaleDown, defaultScaleDown()) }
}

function applyDefaults(obj: KubeObject): void {
  const spec = obj.spec as Writable<HorizontalPodAutoscalerSpec> | undefined
  if (!isObject(spec)) return
  spec.minReplicas ??= 1
  if (!spec.metrics || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }]
  }
  // kube: behavior is defaulted only when given; the rules it leaves out take the defaults.
  const b = spec.behavior
  if (isObject(b)) {
    spec.behavior = {
      ...b,
      scaleUp: withDefaults(b.scaleUp as HPAScalingRules | undefined, defaultScaleUp()),
      scaleDown: withDefaults(b.scaleDown as HPAScalingRules | undefined, defaultScaleDown()),
    }
  }
}

/** autoscaling/v1 → autoscaling/v2 (kube: Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler). */
export function fromV1(obj: KubeObject): KubeObject {
  const v1 = obj as unknown as HorizontalPodAutoscalerV1
  const spec = isObject(v1.spec) ? { ...(v1.spec as Record<string, unknown>) } : v1.spec
  if (isObject(spec)) {
    const pct = spec.targetCPUUtilizationPercentage
    delete spec.targetCPUUtilizationPercentage
    if (pct !== undefined && pct !== null) {
      spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: pct } } }]
    }
  }
  const out: Record<string, unknown> = { ...obj, apiVersion: HPA_V2, spec }
  const s1 = v1.status
  if (isObject(s1)) {
    const { currentCPUUtilizationPercentage: cur, ...rest } = s1 as Record<string, unknown>
    out.status = cur === undefined ? rest : {
      ...rest, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cur } } }],
    }
  }
  return out as KubeObject
}

/** autoscaling/v2 → autoscaling/v1, for `kubectl autoscale` without --cpu and readers of v1. */
export function toV1(hpa: HorizontalPodAutoscaler): HorizontalPodAutoscalerV1 {
  const cpu = hpa.spec?.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target.type === 'Utilization')
  const cur = hpa.status?.currentMetrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu')
  return {
    apiVersion: HPA_V1, kind: 'HorizontalPodAutoscaler', metadata: hpa.metadata,
    spec: {
      scaleTargetRef: hpa.spec!.scaleTargetRef, minReplicas: hpa.spec!.minReplicas, maxReplicas: hpa.spec!.maxReplicas,
      targetCPUUtilizationPercentage: cpu?.resource?.target.averageUtilization,
    },
    status: hpa.status && {
      observedGeneration: hpa.status.observedGeneration, lastScaleTime: hpa.status.lastScaleTime,
      currentReplicas: hpa.status.currentReplicas ?? 0, desiredReplicas: hpa.status.desiredReplicas,
      currentCPUUtilizationPercentage: cur?.resource?.current.averageUtilization,
    },
  }
}

function checkTypes(obj: KubeObject): Causes {
  const spec = obj.spec as unknown
  if (spec === undefined) return []
  if (!isObject(spec)) return [typeError('spec', spec, 'object')]
  const out: Causes = []
  if (spec.scaleTargetRef !== undefined && !isObject(spec.scaleTargetRef)) out.push(typeError('spec.scaleTargetRef', spec.scaleTargetRef, 'object'))
  if (spec.metrics !== undefined && spec.metrics !== null && !Array.isArray(spec.metrics)) out.push(typeError('spec.metrics', spec.metrics, 'array'))
  if (spec.behavior !== undefined && spec.behavior !== null && !isObject(spec.behavior)) out.push(typeError('spec.behavior', spec.behavior, 'object'))
  for (const f of ['minReplicas', 'maxReplicas']) checkInt(`spec.${f}`, spec[f], out)
  return out
}

const METRIC_TYPES = ['External', 'Object', 'Pods', 'Resource', 'ContainerResource']
const SELECT_POLICIES = ['Disabled', 'Max', 'Min']
// kube: MaxPeriodSeconds and MaxStabilizationWindowSeconds of the HPA validation.
const MAX_PERIOD_SECONDS = 1800
const MAX_STABILIZATION_WINDOW_SECONDS = 3600

/** kube: validateMetricTarget. */
function validateTarget(t: MetricTarget | undefined, path: string, out: Causes): void {
  if (!isObject(t)) return void out.push(required(`${path}.type`, 'must specify a metric target type'))
  if (!t.type) out.push(required(`${path}.type`, 'must specify a metric target type'))
  else if (!['Utilization', 'Value', 'AverageValue'].includes(t.type)) out.push(invalid(`${path}.type`, t.type, 'must be either Utilization, Value, or AverageValue'))
  for (const f of ['value', 'averageValue'] as const) {
    const q = t[f]
    if (q === undefined) continue
    if (!isQuantity(q)) out.push(invalid(`${path}.${f}`, q, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"))
    else if (parseQuantity(q) <= 0) out.push(invalid(`${path}.${f}`, q, 'must be positive'))
  }
  if (t.averageUtilization !== undefined && t.averageUtilization < 1) out.push(invalid(`${path}.averageUtilization`, t.averageUtilization, 'must be greater than 0'))
}

function validateMetric(m: MetricSpec, path: string, out: Causes): void {
  if (!isObject(m)) return void out.push(typeError(path, m, 'object'))
  if (!m.type) return void out.push(required(`${path}.type`, 'must specify a metric source type'))
  if (!METRIC_TYPES.includes(m.type)) return void out.push(unsupported(`${path}.type`, m.type, METRIC_TYPES))
  const field = m.type === 'ContainerResource' ? 'containerResource' : m.type.charAt(0).toLowerCase() + m.type.slice(1)
  const src = (m as unknown as Record<string, unknown>)[field] as Record<string, unknown> | undefined
  if (!isObject(src)) return void out.push(required(`${path}.${field}`, `must populate information for the given metric source`))
  const sp = `${path}.${field}`
  if (m.type === 'Resource' || m.type === 'ContainerResource') {
    if (!src.name) out.push(required(`${sp}.name`, 'must specify a resource name'))
    if (m.type === 'ContainerResource' && !src.container) out.push(required(`${sp}.container`, 'must specify a container'))
    const t = src.target as MetricTarget | undefined
    validateTarget(t, `${sp}.target`, out)
    if (isObject(t) && t.averageUtilization === undefined && t.averageValue === undefined) {
      out.push(required(`${sp}.target.averageUtilization`, 'must set either a target raw value or a target utilization'))
    }
    if (isObject(t) && t.averageUtilization !== undefined && t.averageValue !== undefined) {
      out.push(forbidden(`${sp}.target.averageValue`, 'may not set both a target raw value and a target utilization'))
    }
    return
  }
  if (!isObject(src.metric) || !src.metric.name) out.push(required(`${sp}.metric.name`, 'must specify a metric name'))
  validateTarget(src.target as MetricTarget | undefined, `${sp}.target`, out)
}

function validateRules(r: HPAScalingRules | undefined, path: string, out: Causes): void {
  if (!r) return
  const w = r.stabilizationWindowSeconds
  if (w !== undefined && (w < 0 || w > MAX_STABILIZATION_WINDOW_SECONDS)) {
    out.push(invalid(`${path}.stabilizationWindowSeconds`, w, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`))
  }
  if (r.selectPolicy !== undefined && !SELECT_POLICIES.includes(r.selectPolicy)) out.push(unsupported(`${path}.selectPolicy`, r.selectPolicy, SELECT_POLICIES))
  if (r.policies !== undefined && r.policies.length === 0) out.push(required(`${path}.policies`, 'must specify at least one Policy'))
  ;(r.policies ?? []).forEach((p, i) => {
    const pp = `${path}.policies[${i}]`
    if (p.type !== 'Pods' && p.type !== 'Percent') out.push(unsupported(`${pp}.type`, p.type, ['Percent', 'Pods']))
    if (!(p.periodSeconds > 0 && p.periodSeconds <= MAX_PERIOD_SECONDS)) {
      out.push(invalid(`${pp}.periodSeconds`, p.periodSeconds, `must be greater than zero and less than or equal to ${MAX_PERIOD_SECONDS}`))
    }
    if (!(p.value > 0)) out.push(invalid(`${pp}.value`, p.value, 'must be greater than zero'))
  })
}

/** kube: ValidateHorizontalPodAutoscalerSpec. */
export function validateSpec(spec: HorizontalPodAutoscalerSpec | undefined): Causes {
  const out: Causes = []
  if (!spec) return [required('spec.scaleTargetRef.kind'), required('spec.scaleTargetRef.name'), invalid('spec.maxReplicas', 0, 'must be greater than 0')]
  const ref = spec.scaleTargetRef
  if (!ref?.kind) out.push(required('spec.scaleTargetRef.kind'))
  else if (ref.kind.includes('/') || ref.kind.includes('%')) out.push(invalid('spec.scaleTargetRef.kind', ref.kind, `may not contain '${ref.kind.includes('/') ? '/' : '%'}'`))
  if (!ref?.name) out.push(required('spec.scaleTargetRef.name'))
  else if (ref.name.includes('/') || ref.name.includes('%')) out.push(invalid('spec.scaleTargetRef.name', ref.name, `may not contain '${ref.name.includes('/') ? '/' : '%'}'`))
  const min = spec.minReplicas
  if (min !== undefined && min < 1) out.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'))
  if (spec.maxReplicas === undefined || spec.maxReplicas < 1) out.push(invalid('spec.maxReplicas', spec.maxReplicas ?? 0, 'must be greater than 0'))
  else if (min !== undefined && spec.maxReplicas < min) out.push(invalid('spec.maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`'))
  ;(spec.metrics ?? []).forEach((m, i) => validateMetric(m, `spec.metrics[${i}]`, out))
  validateRules(spec.behavior?.scaleUp, 'spec.behavior.scaleUp', out)
  validateRules(spec.behavior?.scaleDown, 'spec.behavior.scaleDown', out)
  return out
}

export const horizontalPodAutoscalerKind: KindDef = {
  info: info({
    kind: 'HorizontalPodAutoscaler', apiVersion: HPA_V2, resource: 'horizontalpodautoscalers', shortNames: ['hpa'],
    categories: ['all'], alternateVersions: [HPA_V1],
  }),
  nameRule: 'subdomain',
  checkTypes,
  applyDefaults,
  prepareForCreate: (obj) => {
    // kube: a new HPA reports nothing until the controller has looked at its target.
    ;(obj as HorizontalPodAutoscaler).status = { desiredReplicas: 0 } as HorizontalPodAutoscaler['status']
  },
  validate: (obj) => validateSpec((obj as HorizontalPodAutoscaler).spec),
  alternateVersions: { [HPA_V1]: fromV1 },
}
