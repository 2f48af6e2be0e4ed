/**
 * PriorityClass (scheduling.k8s.io/v1) and the Priority admission plugin that turns a pod's
 * spec.priorityClassName into spec.priority and spec.preemptionPolicy
 * (kube: pkg/apis/scheduling, plugin/pkg/admission/priority).
 */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1'
import type { Pod, PodSpec } from 'kubernetes-types/core/v1'
import { ApiError, type KubeObject } from '../types'
import { type Causes, checkInt, forbidden, invalid, required, typeError, unsupported } from '../validation'
import { info, type KindDef, type ServerContext } from './kind'

/** kube: scheduling.HighestUserDefinablePriority */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000
/** kube: scheduling.SystemPriorityClassPrefix */
export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-'
const PREEMPTION_POLICIES = ['Never', 'PreemptLowerPriority']

/**
 * kube: scheduling.SystemPriorityClasses(), created by the API server's post-start hook
 * (`scheduling/bootstrap-system-priority-classes`), with their values and descriptions.
 */
export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClass[] = [
  {
    apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' },
    value: 2_000_001_000,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical' },
    value: 2_000_000_000,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
]

export const priorityClassKind: KindDef = {
  info: info({
    kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', resource: 'priorityclasses', shortNames: ['pc'],
    namespaced: false, hasStatus: false,
  }),
  nameRule: 'subdomain',
  checkTypes: (obj) => {
    const out: Causes = []
    const pc = obj as unknown as Record<string, unknown>
    checkInt('value', pc.value, out)
    if (pc.globalDefault !== undefined && typeof pc.globalDefault !== 'boolean') out.push(typeError('globalDefault', pc.globalDefault, 'boolean'))
    if (pc.description !== undefined && typeof pc.description !== 'string') out.push(typeError('description', pc.description, 'string'))
    return out
  },
  applyDefaults: (obj) => {
    // kube: SetDefaults_PriorityClass
    ;(obj as PriorityClass).preemptionPolicy ??= 'PreemptLowerPriority'
  },
  prepareForCreate: (obj, ctx) => admitPriorityClass(obj as PriorityClass, ctx),
  validate: (obj) => validatePriorityClass(obj as PriorityClass),
  validateUpdate: (obj, old) => {
    const a = obj as PriorityClass
    const b = old as PriorityClass
    const out: Causes = []
    if (a.value !== b.value) out.push(invalid('value', a.value, 'field is immutable'))
    if (a.preemptionPolicy !== b.preemptionPolicy) out.push(invalid('preemptionPolicy', a.preemptionPolicy, 'field is immutable'))
    return out
  },
}

/** kube: ValidatePriorityClass */
function validatePriorityClass(pc: PriorityClass): Causes {
  const out: Causes = []
  const name = pc.metadata?.name ?? ''
  if (pc.value === undefined) out.push(required('value'))
  if (name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const known = SYSTEM_PRIORITY_CLASSES.find((s) => s.metadata?.name === name)
    if (!known) {
      out.push(forbidden('metadata.name', `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${name} is not a known system priority class`))
    } else if (known.value !== pc.value) {
      out.push(forbidden('metadata.name', `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: value of ${name} PriorityClass must be ${known.value}`))
    }
  } else if (pc.value !== undefined && pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    out.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`))
  }
  if (pc.preemptionPolicy && !PREEMPTION_POLICIES.includes(pc.preemptionPolicy)) {
    out.push(unsupported('preemptionPolicy', pc.preemptionPolicy, PREEMPTION_POLICIES))
  }
  return out
}

/** kube: the Priority admission plugin on PriorityClass create — only one class may be the global default. */
function admitPriorityClass(pc: PriorityClass, ctx: ServerContext): void {
  if (!pc.globalDefault) return
  const existing = findGlobalDefault(ctx)
  if (existing && existing.metadata?.name !== pc.metadata?.name) {
    throw new ApiError(403, 'Forbidden',
      `priorityclasses.scheduling.k8s.io "${pc.metadata?.name ?? ''}" is forbidden: PriorityClass ${existing.metadata?.name} is already marked as default. Only one default can exist`)
  }
}

function findGlobalDefault(ctx: ServerContext): PriorityClass | undefined {
  // Few classes exist; the admission plugin lists them all too. Ties go to the lowest value.
  let best: PriorityClass | undefined
  for (const o of ctx.list?.('PriorityClass') ?? []) {
    const pc = o as PriorityClass
    if (pc.globalDefault && (!best || pc.value < best.value)) best = pc
  }
  return best
}

/**
 * kube: Priority admission on pod create. A pod naming a class gets its value and preemption
 * policy; a pod naming none gets the global default class, if there is one, or priority 0. A
 * class that does not exist, or a priority that disagrees with the class, is forbidden.
 */
export function admitPodPriority(pod: Pod, ctx: ServerContext): void {
  const spec = pod.spec as PodSpec
  let priority = 0
  let policy: string | undefined = 'PreemptLowerPriority'
  if (!spec.priorityClassName) {
    const def = findGlobalDefault(ctx)
    if (def) {
      spec.priorityClassName = def.metadata?.name
      priority = def.value
      policy = def.preemptionPolicy
    }
  } else {
    const pc = ctx.find('PriorityClass', undefined, spec.priorityClassName) as PriorityClass | undefined
    if (!pc) throw podForbidden(pod, `no PriorityClass with name ${spec.priorityClassName} was found`)
    priority = pc.value
    policy = pc.preemptionPolicy
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== priority) {
    throw podForbidden(pod, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`)
  }
  spec.priority = priority
  if (policy) {
    if (spec.preemptionPolicy && spec.preemptionPolicy !== policy) {
      throw podForbidden(pod, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`)
    }
    spec.preemptionPolicy = policy
  }
}

/** kube: admission.NewForbidden — a pod made from generateName is named by its prefix (the name comes later). */
function podForbidden(pod: Pod, reason: string): ApiError {
  const name = pod.metadata?.generateName ?? pod.metadata?.name ?? ''
  return new ApiError(403, 'Forbidden', `pods "${name}" is forbidden: ${reason}`)
}

/** The objects the API server creates at start for this file's kinds. */
export function bootstrapPriorityClasses(): KubeObject[] {
  return SYSTEM_PRIORITY_CLASSES.map((pc) => structuredClone(pc) as unknown as KubeObject)
}
