/**
 * kube: the kubelet's image manager (pkg/kubelet/images): honour imagePullPolicy, pull through the
 * node's ImageStore, and back off a failing pull (ErrImagePull now, ImagePullBackOff at the next
 * sync, 10 s doubling to 5 min) — with the events `kubectl describe` shows.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { lookupImage, type ImageLookup } from '../images'
import { IMAGE_PULL_INITIAL_BACKOFF_MS, IMAGE_PULL_MAX_BACKOFF_MS, RESYNC_MS } from './constants'
import type { ContainerRun } from './container-run'
import { formatGoDuration } from './durations'
import type { KubeletHost } from './pod-worker'

export type FoundImage = Extract<ImageLookup, { found: true }>

export interface PullHost {
  readonly host: KubeletHost
  readonly pod: Pod
  now(): number
  between(range: [number, number]): number
  afterFor(c: ContainerRun, ms: number, fn: () => void): void
  /** The container waits with `reason` until `until` (Infinity: until its spec changes). */
  wait(c: ContainerRun, reason: string, message: string, until: number): void
  markDirty(): void
  next(): void
}

/** Makes sure the image of `c` is on the node, then calls `ready` (or leaves `c` waiting). */
export function ensureImage(w: PullHost, c: ContainerRun, ready: (image: FoundImage) => void): void {
  const image = c.spec.image ?? ''
  const lookup = lookupImage(image)
  const record = w.host.record.bind(w.host)
  if (!lookup.found && lookup.reason === 'InvalidImageName') {
    const message = `Failed to apply default image tag "${image}": ${lookup.message}`
    record(w.pod, 'Warning', 'InspectFailed', message, c.name)
    record(w.pod, 'Warning', 'Failed', 'Error: InvalidImageName', c.name)
    return w.wait(c, 'InvalidImageName', message, Infinity)
  }
  const policy = c.spec.imagePullPolicy ?? 'IfNotPresent'
  const present = lookup.found && w.host.images.has(lookup.ref.normalized)
  if (present && policy !== 'Always') {
    // kube v1.33+ (KubeletEnsureSecretPulledImages on by default) words it this way.
    record(w.pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine and can be accessed by the pod`, c.name)
    return ready(lookup as FoundImage)
  }
  if (policy === 'Never') {
    const message = `Container image "${image}" is not present with pull policy of Never`
    record(w.pod, 'Warning', 'ErrImageNeverPull', message, c.name)
    record(w.pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', c.name)
    return w.wait(c, 'ErrImageNeverPull', message, Infinity)
  }
  pull(w, c, image, lookup, ready)
}

function pull(w: PullHost, c: ContainerRun, image: string, lookup: ImageLookup, ready: (image: FoundImage) => void): void {
  const askedAt = w.now()
  w.host.record(w.pod, 'Normal', 'Pulling', `Pulling image "${image}"`, c.name)
  w.markDirty()
  const random = w.host.ctx.clock.random
  if (!lookup.found) {
    const plan = w.host.images.planFailure(askedAt, random)
    return w.afterFor(c, plan.doneAt - askedAt, () => pullFailed(w, c, image, lookup.message))
  }
  const stored = { normalized: lookup.ref.normalized, imageID: lookup.imageID, sizeBytes: lookup.sizeBytes }
  const plan = w.host.images.plan(stored, askedAt, random)
  w.afterFor(c, plan.doneAt - askedAt, () => {
    w.host.images.add(stored)
    c.pullBackoffMs = 0
    const total = formatGoDuration(w.now() - askedAt)
    w.host.record(w.pod, 'Normal', 'Pulled',
      `Successfully pulled image "${image}" in ${formatGoDuration(plan.pullMs)} (${total} including waiting). Image size: ${lookup.sizeBytes} bytes.`, c.name)
    ready(lookup)
  })
}

/** kube: ErrImagePull now, ImagePullBackOff at the next sync, another pull when the back-off ends. */
function pullFailed(w: PullHost, c: ContainerRun, image: string, message: string): void {
  w.host.record(w.pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${message}`, c.name)
  w.host.record(w.pod, 'Warning', 'Failed', 'Error: ErrImagePull', c.name)
  const backoff = c.pullBackoffMs ? Math.min(c.pullBackoffMs * 2, IMAGE_PULL_MAX_BACKOFF_MS) : IMAGE_PULL_INITIAL_BACKOFF_MS
  c.pullBackoffMs = backoff
  w.wait(c, 'ErrImagePull', message, w.now() + backoff)
  w.afterFor(c, w.between(RESYNC_MS), () => {
    w.host.record(w.pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, c.name)
    w.host.record(w.pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', c.name)
    c.reason = 'ImagePullBackOff'
    c.message = `Back-off pulling image "${image}": ErrImagePull: ${message}`
    w.markDirty()
  })
  w.afterFor(c, backoff, () => w.next())
}
