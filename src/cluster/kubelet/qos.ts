/**
 * kube: pkg/apis/core/helper/qos GetPodQOS. A pod is Guaranteed when every container limits both
 * cpu and memory and requests the same (requests default to limits), BestEffort when no container
 * requests or limits cpu or memory, Burstable otherwise.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1'

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort'

const COMPUTE = ['cpu', 'memory'] as const

export function qosClass(spec: PodSpec): QOSClass {
  const all: Container[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])]
  let any = false
  let guaranteed = true
  for (const c of all) {
    const requests = c.resources?.requests ?? {}
    const limits = c.resources?.limits ?? {}
    for (const r of COMPUTE) {
      const req = quantity(requests[r])
      const lim = quantity(limits[r])
      if ((req !== undefined && req !== 0) || lim !== undefined) any = true
      if (lim === undefined || (req !== undefined && req !== lim)) guaranteed = false
    }
  }
  if (!any) return 'BestEffort'
  return guaranteed ? 'Guaranteed' : 'Burstable'
}

const SUFFIX: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
}

/** A resource.Quantity in base units, so `1` and `1000m` compare equal. */
export function quantity(q: string | number | undefined): number | undefined {
  if (q === undefined || q === null) return undefined
  if (typeof q === 'number') return q
  const m = /^([+-]?\d*\.?\d+(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(q.trim())
  if (!m || SUFFIX[m[2]] === undefined) return undefined
  // Round to nano units so 0.1 + 0.2 style float noise cannot break equality.
  return Math.round(Number(m[1]) * SUFFIX[m[2]] * 1e9) / 1e9
}
