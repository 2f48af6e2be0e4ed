/**
 * The images on one node and its pulls. The kubelet pulls one image at a time by default
 * (kube: serializeImagePulls=true), so a pull may wait behind another: the `(… including waiting)`
 * of the Pulled event. Two pods asking for the same image share one download.
 */
import type { ContainerImage } from 'kubernetes-types/core/v1'
import type { Random } from '../random'
import { lookupImage } from '../images'
import { NODE_STATUS_MAX_IMAGES, PULL_BYTES_PER_S, PULL_OVERHEAD_MS, PULL_PRESENT_MS } from './constants'

export interface StoredImage {
  /** `docker.io/library/nginx:1.14.2` */
  normalized: string
  imageID: string
  sizeBytes: number
}

export interface PullPlan {
  /** When the pull finishes, absolute virtual ms. */
  doneAt: number
  /** Time spent transferring, for `Successfully pulled image … in <pull>`. */
  pullMs: number
}

export class ImageStore {
  private images = new Map<string, StoredImage>()
  private inFlight = new Map<string, number>()
  private busyUntil = 0
  /** Bumped when the image list changes, so the node status knows to post it. */
  version = 0

  constructor(preloaded: string[]) {
    for (const name of preloaded) {
      const l = lookupImage(name)
      if (l.found) this.images.set(l.ref.normalized, { normalized: l.ref.normalized, imageID: l.imageID, sizeBytes: l.sizeBytes })
    }
  }

  has(normalized: string): boolean {
    return this.images.has(normalized)
  }

  /** Plans a pull of `image` starting at `now`: queued behind pulls already running. */
  plan(image: StoredImage, now: number, random: Random): PullPlan {
    const shared = this.inFlight.get(image.normalized)
    if (shared !== undefined && shared > now) {
      // Joins the running download; the runtime then only unpacks for this caller.
      const pullMs = Math.round(random.between(50, 200))
      return { doneAt: shared + pullMs, pullMs }
    }
    const pullMs = this.has(image.normalized)
      ? Math.round(random.between(...PULL_PRESENT_MS))
      : Math.round(random.between(...PULL_OVERHEAD_MS) + (image.sizeBytes / random.between(...PULL_BYTES_PER_S)) * 1000)
    const start = Math.max(now, this.busyUntil)
    const doneAt = start + pullMs
    this.busyUntil = doneAt
    this.inFlight.set(image.normalized, doneAt)
    return { doneAt, pullMs }
  }

  /** A failed pull also occupies the puller for the time the registry took to say no. */
  planFailure(now: number, random: Random): PullPlan {
    const pullMs = Math.round(random.between(300, 1200))
    const start = Math.max(now, this.busyUntil)
    this.busyUntil = start + pullMs
    return { doneAt: start + pullMs, pullMs }
  }

  add(image: StoredImage): void {
    this.inFlight.delete(image.normalized)
    if (this.images.has(image.normalized)) return
    this.images.set(image.normalized, image)
    this.version++
  }

  /** A reboot forgets pulls in progress; the images already unpacked stay on disk. */
  reset(): void {
    this.inFlight.clear()
    this.busyUntil = 0
  }

  /** kube: node.status.images, largest first, at most nodeStatusMaxImages. */
  nodeStatusImages(): ContainerImage[] {
    return [...this.images.values()]
      .sort((a, b) => b.sizeBytes - a.sizeBytes || (a.normalized < b.normalized ? -1 : 1))
      .slice(0, NODE_STATUS_MAX_IMAGES)
      .map((i) => ({ names: [i.imageID, i.normalized], sizeBytes: i.sizeBytes }))
  }
}
