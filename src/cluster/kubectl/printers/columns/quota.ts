/** kubectl get quota / limits: printResourceQuota, printLimitRange. */
import type { LimitRange, ResourceQuota } from 'kubernetes-types/core/v1'
import { since } from '../../duration'
import type { Columns } from './types'

/**
 * kube: REQUEST lists `name: used/hard` for every resource of status.hard except the `limits.*`
 * ones, which go to LIMIT; both sorted by name.
 */
export const resourceQuotaColumns: Columns<ResourceQuota> = {
  headers: ['NAME', 'AGE', 'REQUEST', 'LIMIT'],
  row: (q, now) => {
    const request: string[] = []
    const limit: string[] = []
    const hard = q.status?.hard ?? {}
    for (const r of Object.keys(hard).sort()) {
      const cell = `${r}: ${q.status?.used?.[r] ?? '0'}/${hard[r]}`
      ;(r.startsWith('limits.') ? limit : request).push(cell)
    }
    return [q.metadata?.name ?? '', since(q.metadata?.creationTimestamp, now), request.join(', '), limit.join(', ')]
  },
}

// kube: CREATED AT is the creation time in RFC 3339, UTC.
export const limitRangeColumns: Columns<LimitRange> = {
  headers: ['NAME', 'CREATED AT'],
  row: (lr) => [lr.metadata?.name ?? '', lr.metadata?.creationTimestamp ?? ''],
}
