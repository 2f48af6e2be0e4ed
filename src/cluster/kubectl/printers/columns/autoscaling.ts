/** kubectl get horizontalpodautoscalers: printHorizontalPodAutoscaler and formatHPAMetrics. */
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2'
import { canonicalQuantity } from '../../../apiserver/quantity'
import { since } from '../../duration'
import type { Columns } from './types'

const quantity = (q: string | number | undefined) => (q === undefined ? undefined : canonicalQuantity(q))

/** One metric as `cpu: 12%/50%` (kubectl v1.30+ names the resource); `<unknown>` before a reading. */
function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  const src = spec.type === 'Resource' ? spec.resource : spec.type === 'ContainerResource' ? spec.containerResource : undefined
  const cur = spec.type === 'Resource' ? status?.resource?.current : spec.type === 'ContainerResource' ? status?.containerResource?.current : undefined
  if (src) {
    if (src.target.averageValue !== undefined) {
      return `${src.name}: ${quantity(cur?.averageValue) ?? '<unknown>'}/${quantity(src.target.averageValue)}`
    }
    const current = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : '<unknown>'
    const target = src.target.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : '<auto>'
    return `${src.name}: ${current}/${target}`
  }
  const m = spec.pods ?? spec.object ?? spec.external
  const st = status?.pods ?? status?.object ?? status?.external
  const target = m?.target.averageValue ?? m?.target.value
  const current = st?.current.averageValue ?? st?.current.value
  return `${quantity(current) ?? '<unknown>'}/${quantity(target) ?? '<unknown>'}`
}

export function formatHPAMetrics(hpa: HorizontalPodAutoscaler, wide = false): string {
  const specs = hpa.spec?.metrics ?? []
  if (!specs.length) return '<none>'
  const list = specs.map((m, i) => formatMetric(m, hpa.status?.currentMetrics?.[i]))
  // kube: more than two metrics are cut short unless -o wide.
  if (list.length > 2 && !wide) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`
  return list.join(', ')
}

export const horizontalPodAutoscalerColumns: Columns<HorizontalPodAutoscaler> = {
  headers: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
  row: (hpa, now) => [
    hpa.metadata?.name ?? '',
    `${hpa.spec?.scaleTargetRef.kind}/${hpa.spec?.scaleTargetRef.name}`,
    formatHPAMetrics(hpa),
    hpa.spec?.minReplicas === undefined ? '<unset>' : String(hpa.spec.minReplicas),
    String(hpa.spec?.maxReplicas ?? 0),
    String(hpa.status?.currentReplicas ?? 0),
    since(hpa.metadata?.creationTimestamp, now),
  ],
}
