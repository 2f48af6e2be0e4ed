/**
 * Pod predicates every workload controller shares (kube: pkg/api/v1/pod and pkg/controller).
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1'
import { parseTime } from './time'

export function podReadyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')
}

/** kube: podutil.IsPodReady — the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True'
}

/** kube: podutil.IsPodAvailable — ready, and for longer than minReadySeconds (strictly). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false
  if (!minReadySeconds) return true
  const since = parseTime(podReadyCondition(pod)?.lastTransitionTime)
  return since !== undefined && since + minReadySeconds * 1000 < now
}

/**
 * Milliseconds until a ready pod becomes available, 0 if it already is, undefined if it is not
 * ready (nothing to wait for). Lets a controller requeue at exactly the right instant.
 */
export function msUntilAvailable(pod: Pod, minReadySeconds: number, now: number): number | undefined {
  if (!isPodReady(pod)) return undefined
  if (isPodAvailable(pod, minReadySeconds, now)) return 0
  const since = parseTime(podReadyCondition(pod)?.lastTransitionTime) ?? now
  return since + minReadySeconds * 1000 + 1 - now
}

export function isPodTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

/** kube: controller.IsPodActive — not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata?.deletionTimestamp
}
