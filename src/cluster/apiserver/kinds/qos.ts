/**
 * kube: pkg/apis/core/helper/qos GetPodQOS. A pod is Guaranteed when every container limits both
 * cpu and memory and requests the same (requests default to limits), BestEffort when no container
 * requests or limits cpu or memory, Burstable otherwise.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1'
import { isQuantity, parseQuantity } from '../quantity'

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

/** A resource.Quantity in base units (so `1` and `1000m` compare equal); undefined when absent or malformed. */
function quantity(q: string | number | undefined): number | undefined {
  if (q === undefined || q === null || !isQuantity(q)) return undefined
  return parseQuantity(q)
}
