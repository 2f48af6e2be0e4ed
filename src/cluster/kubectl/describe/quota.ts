/** kubectl describe quota / limits: ResourceQuotaDescriber, LimitRangeDescriber. */
import type { LimitRange, ResourceQuota } from 'kubernetes-types/core/v1'
import type { Api } from '../../apiserver/types'
import { DescribeWriter } from './writer'

// kubectl ranges over Go maps (random order); sorted names keep the output stable.
const sorted = (keys: Iterable<string>) => [...new Set(keys)].sort()

/** kube: describeQuota — one row per resource of status.hard, `Used` then `Hard`. */
export function describeResourceQuota(_api: Api, q: ResourceQuota): string {
  const w = new DescribeWriter()
  w.line(0, `Name:\t${q.metadata?.name}`)
  w.line(0, `Namespace:\t${q.metadata?.namespace}`)
  w.line(0, 'Resource\tUsed\tHard')
  w.line(0, '--------\t----\t----')
  const hard = q.status?.hard ?? {}
  for (const r of sorted(Object.keys(hard))) w.line(0, `${r}\t${q.status?.used?.[r] ?? '0'}\t${hard[r]}`)
  return w.toString()
}

/** kube: describeLimitRangeSpec — one row per item and resource, `-` where the item sets nothing. */
export function describeLimitRange(_api: Api, lr: LimitRange): string {
  const w = new DescribeWriter()
  w.line(0, `Name:\t${lr.metadata?.name}`)
  w.line(0, `Namespace:\t${lr.metadata?.namespace}`)
  w.line(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio')
  w.line(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------')
  for (const item of lr.spec?.limits ?? []) {
    const lists = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio]
    for (const r of sorted(lists.flatMap((l) => Object.keys(l ?? {})))) {
      w.line(0, [item.type, r, ...lists.map((l) => l?.[r] ?? '-')].join('\t'))
    }
  }
  return w.toString()
}
