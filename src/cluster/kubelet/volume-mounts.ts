/**
 * kube: the kubelet's WaitForAttachAndMount. A pod's sandbox is made only once every volume is set
 * up; a configMap or secret volume whose object is missing fails MountVolume.SetUp, which the
 * volume manager retries with exponential back-off, recording a FailedMount event each time (the
 * recorder folds the repeats into one event with a count). The pod meanwhile reports Pending with
 * its containers waiting as ContainerCreating.
 */
import type { MountFailure } from './pod-volumes'

// kube default: nestedpendingoperations — the first retry after 500 ms, doubling, at most 2m2s.
export const MOUNT_RETRY_INITIAL_MS = 500
export const MOUNT_RETRY_MAX_MS = 122_000

export interface MountHost {
  mountFailure(): MountFailure | undefined
  warn(reason: string, message: string): void
  /** Runs `fn` after `ms` unless the pod worker has moved on (terminated, node down). */
  after(ms: number, fn: () => void): void
}

/** Calls `mounted` once every volume can be set up (at once when nothing is missing). */
export function waitForMounts(host: MountHost, mounted: () => void, delayMs = MOUNT_RETRY_INITIAL_MS): void {
  const failure = host.mountFailure()
  if (!failure) return mounted()
  host.warn('FailedMount', `MountVolume.SetUp failed for volume "${failure.volume}" : ${failure.message}`)
  host.after(delayMs, () => waitForMounts(host, mounted, Math.min(delayMs * 2, MOUNT_RETRY_MAX_MS)))
}
