/**
 * What the traffic view reads: per-pod counters since the start, and a bounded buffer of the
 * latest requests that the caller drains. 2xx and 3xx answers are ok; anything else failed.
 */
import type { NetResponse, RequestRecord } from './types'

/** The most recent requests kept between two drains. */
export const RECENT_LIMIT = 500

export class RequestLog {
  private recent: RequestRecord[] = []
  private readonly perPod = new Map<string, { ok: number; failed: number }>()

  record(at: number, source: string, url: string, r: NetResponse): void {
    const ok = r.status !== undefined && r.status >= 200 && r.status < 400
    const pod = r.pod ? `${r.pod.namespace}/${r.pod.name}` : undefined
    if (pod) {
      let c = this.perPod.get(pod)
      if (!c) this.perPod.set(pod, (c = { ok: 0, failed: 0 }))
      if (ok) c.ok++
      else c.failed++
    }
    const rec: RequestRecord = { at, source, url, ok }
    if (r.status !== undefined) rec.status = r.status
    if (r.error) rec.error = r.error
    if (r.service) rec.service = `${r.service.namespace}/${r.service.name}`
    if (pod) rec.pod = pod
    if (r.pod) rec.node = r.pod.node
    if (r.deniedBy) rec.deniedBy = `${r.deniedBy.namespace}/${r.deniedBy.name}`
    this.recent.push(rec)
    // Trimmed in batches: one copy per RECENT_LIMIT requests, not one per request.
    if (this.recent.length >= 2 * RECENT_LIMIT) this.recent = this.recent.slice(-RECENT_LIMIT)
  }

  /** Whether a request came since the last drain. */
  get pending(): boolean {
    return this.recent.length > 0
  }

  /** Requests since the last call (oldest first), at most RECENT_LIMIT. */
  drain(): RequestRecord[] {
    const out = this.recent.length > RECENT_LIMIT ? this.recent.slice(-RECENT_LIMIT) : this.recent
    this.recent = []
    return out
  }

  /** Per pod (ns/name): requests it answered well, and those that failed on their way to it. */
  pods(): Record<string, { ok: number; failed: number }> {
    return Object.fromEntries([...this.perPod].map(([k, v]) => [k, { ...v }]))
  }
}
