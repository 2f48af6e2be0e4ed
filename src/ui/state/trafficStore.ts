/**
 * Traffic as the UI sees it: the generators' totals, per-pod ok/failed counts and the latest
 * failures (zustand, rendered), plus a transient channel for the requests of each frame that the
 * graph animates as dots without re-rendering React (zustand's advice for high-frequency data).
 */
import { create } from 'zustand'
import type { TrafficFrame, TrafficGenerator, TrafficRequest } from '../../protocol/messages'

/** Failures kept for the inspector to explain. */
const KEPT_FAILURES = 30

interface TrafficState {
  generators: TrafficGenerator[]
  /** Totals per pod `namespace/name`. */
  pods: Record<string, { ok: number; failed: number }>
  failures: TrafficRequest[]
  /** The last request through each Service `namespace/name`, ok or not. */
  lastByService: Record<string, TrafficRequest>
  received: (frame: TrafficFrame) => void
}

type Listener = (requests: TrafficRequest[]) => void
const listeners = new Set<Listener>()

/** Subscribes to each frame's requests (for the animation); returns the unsubscribe function. */
export function onRequests(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export const useTraffic = create<TrafficState>((set) => ({
  generators: [],
  pods: {},
  failures: [],
  lastByService: {},
  received: (frame) => {
    set((s) => {
      const failed = frame.recent.filter((r) => !r.ok)
      const lastByService = { ...s.lastByService }
      for (const r of frame.recent) if (r.service) lastByService[r.service] = r
      return {
        generators: sameGenerators(s.generators, frame.generators) ? s.generators : frame.generators,
        pods: Object.keys(frame.pods).length ? { ...s.pods, ...frame.pods } : s.pods,
        failures: failed.length ? [...s.failures, ...failed].slice(-KEPT_FAILURES) : s.failures,
        lastByService: frame.recent.length ? lastByService : s.lastByService,
      }
    })
    if (frame.recent.length) for (const l of listeners) l(frame.recent)
  },
}))

function sameGenerators(a: TrafficGenerator[], b: TrafficGenerator[]): boolean {
  return a.length === b.length && a.every((g, i) => {
    const h = b[i]
    return g.name === h.name && g.url === h.url && g.rps === h.rps && g.sent === h.sent && g.ok === h.ok && g.failed === h.failed
  })
}

/** A failure in words a learner can act on: `connection refused`, `timed out — denied by NetworkPolicy default/deny-all`. */
export function explainFailure(r: TrafficRequest): string {
  const what = r.error ?? (r.status ? `HTTP ${r.status}` : 'failed')
  return r.deniedBy ? `${what} — denied by NetworkPolicy ${r.deniedBy}` : what
}

/** The name the UI gives the generator it starts for a Service. */
export const generatorName = (namespace: string | undefined, name: string): string =>
  `svc-${namespace && namespace !== 'default' ? `${namespace}-` : ''}${name}`
