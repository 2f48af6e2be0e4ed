/** kubectl describe namespace: describeNamespace, with the namespace's quotas and limit ranges. */
import type { LimitRange, Namespace, ResourceQuota } from 'kubernetes-types/core/v1'
import type { Api } from '../../apiserver/types'
import { rfc1123z } from '../duration'
import { writeAnnotations, writeLabels } from './common'
import { DescribeWriter } from './writer'

export function describeNamespace(api: Api, ns: Namespace): string {
  const w = new DescribeWriter()
  const name = ns.metadata?.name ?? ''
  w.line(0, `Name:\t${name}`)
  writeLabels(w, 0, 'Labels', ns.metadata?.labels)
  writeAnnotations(w, 0, ns.metadata?.annotations)
  w.line(0, `Status:\t${ns.status?.phase ?? ''}`)
  const conditions = ns.status?.conditions ?? []
  if (conditions.length) {
    w.line(0, 'Conditions:')
    w.line(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage')
    w.line(1, '----\t------\t------------------\t------\t-------')
    for (const c of conditions) w.line(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}`)
  }
  w.line(0, '')
  writeResourceQuotas(w, api.list<ResourceQuota>('ResourceQuota', { namespace: name }))
  w.line(0, '')
  writeLimitRanges(w, api.list<LimitRange>('LimitRange', { namespace: name }))
  return w.toString()
}

/** kube: DescribeResourceQuotas — one block per quota, resources sorted by name. */
function writeResourceQuotas(w: DescribeWriter, quotas: ResourceQuota[]): void {
  if (!quotas.length) {
    w.line(0, 'No resource quota.')
    return
  }
  w.line(0, 'Resource Quotas')
  for (const q of quotas) {
    w.line(1, `Name:\t${q.metadata?.name}`)
    if (q.spec?.scopes?.length) w.line(1, `Scopes:\t${[...q.spec.scopes].sort().join(', ')}`)
    w.line(1, 'Resource\tUsed\tHard')
    w.line(1, '--------\t---\t---')
    const hard = q.status?.hard ?? {}
    for (const r of Object.keys(hard).sort()) w.line(1, `${r}\t${q.status?.used?.[r] ?? '0'}\t${hard[r]}`)
  }
}

/** kube: DescribeLimitRanges — one row per item and resource, `-` where the item sets nothing. */
function writeLimitRanges(w: DescribeWriter, ranges: LimitRange[]): void {
  if (!ranges.length) {
    w.line(0, 'No LimitRange resource.')
    return
  }
  w.line(0, 'Resource Limits')
  w.line(0, ' Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio')
  w.line(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------')
  for (const lr of ranges) {
    for (const item of lr.spec?.limits ?? []) {
      const lists = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio]
      const names = [...new Set(lists.flatMap((l) => Object.keys(l ?? {})))].sort()
      for (const r of names) w.line(0, ` ${[item.type, r, ...lists.map((l) => l?.[r] ?? '-')].join('\t')}`)
    }
  }
}
