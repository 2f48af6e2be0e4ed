/**
 * The pods/eviction subresource (kube: pkg/registry/core/pod/storage/eviction.go), built on the
 * Api: an eviction is a delete that first asks the PodDisruptionBudget covering the pod. If the
 * budget allows a disruption, the server takes one from it (disruptionsAllowed - 1, the pod noted
 * in disruptedPods so the disruption controller does not count it healthy meanwhile), marks the pod
 * with the DisruptionTarget condition and deletes it gracefully. If not, 429 TooManyRequests: the
 * caller (kubectl drain) retries later.
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1'
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1'
import type { Clock } from '../clock'
import { fromLabelSelector, matches } from './labels'
import { type Api, ApiError, type DeleteOptions, type KubeObject, type RequestContext, type Writable, isConflict } from './types'

export interface EvictionHost {
  api: Api
  clock: Clock
}

// kube: the eviction API's messages (policy/v1 DisruptionBudgetCause).
export const EVICTION_BLOCKED = "Cannot evict pod as it would violate the pod's disruption budget."
const MULTIPLE_PDBS = 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.'
// kube: the DisruptionTarget condition the eviction API adds before deleting (GA in v1.31).
export const DISRUPTION_TARGET = 'DisruptionTarget'
export const EVICTION_BY_EVICTION_API = 'EvictionByEvictionAPI'
/** kube: MaxDisruptedPodSize — evictions the controller has not yet confirmed. */
const MAX_DISRUPTED_POD_SIZE = 2000
const MAX_CONFLICT_RETRIES = 5

/** PodDisruptionBudgets in the pod's namespace whose selector selects it (policy/v1: `{}` selects all). */
export function budgetsFor(api: Api, pod: Pod): PodDisruptionBudget[] {
  return api.list<PodDisruptionBudget>('PodDisruptionBudget', { namespace: pod.metadata?.namespace }).filter((pdb) => {
    const sel = fromLabelSelector(pdb.spec?.selector)
    return sel !== null && matches(sel, pod.metadata?.labels)
  })
}

const isReady = (pod: Pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false

/** kube: canIgnorePDB — a pod that is finished, not yet running, or already going needs no budget. */
function canIgnoreBudget(pod: Pod): boolean {
  const phase = pod.status?.phase
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata?.deletionTimestamp
}

function tooManyRequests(cause: string): ApiError {
  return new ApiError(429, 'TooManyRequests', EVICTION_BLOCKED, [{ field: 'DisruptionBudget', message: cause }])
}

/**
 * POST pods/<name>/eviction. Returns the pod as the delete left it (terminating, or gone); throws
 * ApiError 404 if there is no such pod, 429 if a budget forbids it, 500 if several budgets select it.
 */
export function evict(host: EvictionHost, namespace: string, podName: string, ctx: RequestContext, deleteOptions: DeleteOptions = {}): Pod {
  const { api } = host
  for (let attempt = 0; ; attempt++) {
    const pod = api.get<Pod>('Pod', namespace, podName)
    if (canIgnoreBudget(pod)) return deleteWithCondition(host, pod, ctx, deleteOptions)
    const budgets = budgetsFor(api, pod)
    if (budgets.length > 1) throw new ApiError(500, 'InternalError', MULTIPLE_PDBS)
    if (budgets.length === 0) return deleteWithCondition(host, pod, ctx, deleteOptions)
    const pdb = budgets[0]
    const status = pdb.status ?? {} as PodDisruptionBudgetStatus
    // kube: unhealthy pods may go without using the budget: always with AlwaysAllow; with
    // IfHealthyBudget (the default) only while the application is not itself disrupted.
    if (!isReady(pod)) {
      const policy = pdb.spec?.unhealthyPodEvictionPolicy ?? 'IfHealthyBudget'
      if (policy === 'AlwaysAllow') return deleteWithCondition(host, pod, ctx, deleteOptions)
      if (status.currentHealthy >= status.desiredHealthy && status.desiredHealthy > 0) {
        return deleteWithCondition(host, pod, ctx, deleteOptions)
      }
    }
    try {
      checkAndDecrement(host, pdb, pod, ctx)
    } catch (e) {
      if (isConflict(e) && attempt < MAX_CONFLICT_RETRIES) continue
      throw e
    }
    return deleteWithCondition(host, pod, ctx, deleteOptions)
  }
}

/** kube: checkAndDecrement — take one disruption from the budget and note the pod. */
function checkAndDecrement(host: EvictionHost, pdb: PodDisruptionBudget, pod: Pod, ctx: RequestContext): void {
  const name = pdb.metadata?.name ?? ''
  const status = pdb.status ?? {} as PodDisruptionBudgetStatus
  if ((status.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 0)) {
    throw tooManyRequests(`The disruption budget ${name} is still being processed by the server.`)
  }
  if (status.disruptionsAllowed < 0) {
    throw new ApiError(403, 'Forbidden', 'pdb disruptions allowed is negative')
  }
  if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    throw new ApiError(403, 'Forbidden', 'DisruptedPods map too big - too many evictions not confirmed by PDB controller')
  }
  if (status.disruptionsAllowed === 0) {
    throw tooManyRequests(`The disruption budget ${name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`)
  }
  const next = structuredClone(pdb) as PodDisruptionBudget & { status: PodDisruptionBudgetStatus }
  next.status.disruptionsAllowed = status.disruptionsAllowed - 1
  next.status.disruptedPods = { ...(status.disruptedPods ?? {}), [pod.metadata!.name!]: host.clock.timestamp() }
  if (next.status.disruptionsAllowed === 0) setDisruptionAllowed(next.status, host.clock.timestamp())
  host.api.updateStatus(next as KubeObject, ctx)
}

/** kube: pdbhelper.UpdateDisruptionAllowedCondition. */
export function setDisruptionAllowed(status: PodDisruptionBudgetStatus, now: string): void {
  const allowed = status.disruptionsAllowed > 0
  const cond = {
    type: 'DisruptionAllowed',
    status: allowed ? 'True' : 'False',
    reason: allowed ? 'SufficientPods' : 'InsufficientPods',
    message: '',
    observedGeneration: status.observedGeneration,
    lastTransitionTime: now,
  }
  const conditions = [...(status.conditions ?? [])]
  const i = conditions.findIndex((c) => c.type === cond.type)
  // kube: meta.SetStatusCondition keeps lastTransitionTime while the status stays the same.
  if (i >= 0 && conditions[i].status === cond.status) cond.lastTransitionTime = conditions[i].lastTransitionTime
  if (i >= 0) conditions[i] = cond
  else conditions.push(cond)
  ;(status as { conditions?: typeof conditions }).conditions = conditions
}

/** kube: addConditionAndDeletePod — DisruptionTarget=True, then a graceful delete. */
function deleteWithCondition(host: EvictionHost, pod: Pod, ctx: RequestContext, options: DeleteOptions): Pod {
  const { api, clock } = host
  const name = pod.metadata!.name!
  const namespace = pod.metadata!.namespace
  const has = pod.status?.conditions?.some((c) => c.type === DISRUPTION_TARGET && c.status === 'True')
  if (!has && !pod.metadata?.deletionTimestamp) {
    const next = structuredClone(pod) as Writable<Pod>
    const condition: PodCondition = {
      type: DISRUPTION_TARGET, status: 'True', reason: EVICTION_BY_EVICTION_API,
      message: 'Eviction API: evicting', lastTransitionTime: clock.timestamp(),
    }
    const status = (next.status ??= {}) as { conditions?: PodCondition[] }
    status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== DISRUPTION_TARGET), condition]
    api.updateStatus(next as KubeObject, ctx)
  }
  return api.delete<Pod>('Pod', namespace, name, ctx, { gracePeriodSeconds: options.gracePeriodSeconds })
}
