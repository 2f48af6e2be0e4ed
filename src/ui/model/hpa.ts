/** A HorizontalPodAutoscaler at a glance, for autoscaling/v2 and v1 objects alike. */
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2'
import type { HorizontalPodAutoscaler as HpaV1 } from 'kubernetes-types/autoscaling/v1'

export interface HpaView {
  /** kube: kubectl get hpa prints TARGETS as `cpu: 120%/50%`, `<unknown>/50%` before the first metrics. */
  targets: string
  current: number
  desired: number
  min: number
  max: number
  scaling: boolean
}

export function hpaView(hpa: HorizontalPodAutoscaler | HpaV1): HpaView {
  const min = hpa.spec?.minReplicas ?? 1 // kube default: minReplicas 1
  const max = hpa.spec?.maxReplicas ?? 0
  const current = hpa.status?.currentReplicas ?? 0
  const desired = hpa.status?.desiredReplicas ?? current
  return { targets: targets(hpa), current, desired, min, max, scaling: desired !== current }
}

function targets(hpa: HorizontalPodAutoscaler | HpaV1): string {
  const v1 = hpa as HpaV1
  if (v1.spec && 'targetCPUUtilizationPercentage' in v1.spec) {
    const cur = v1.status?.currentCPUUtilizationPercentage
    return `cpu ${cur ?? '<unknown>'}${cur !== undefined ? '%' : ''}/${v1.spec.targetCPUUtilizationPercentage ?? 80}%`
  }
  const v2 = hpa as HorizontalPodAutoscaler
  const parts: string[] = []
  for (const m of v2.spec?.metrics ?? []) {
    if (m.type !== 'Resource' || !m.resource) continue
    const name = m.resource.name
    const cur = v2.status?.currentMetrics?.find((c) => c.type === 'Resource' && c.resource?.name === name)?.resource?.current
    const t = m.resource.target
    if (t.type === 'Utilization') {
      const now = cur?.averageUtilization
      parts.push(`${name} ${now === undefined ? '<unknown>' : `${now}%`}/${t.averageUtilization ?? '?'}%`)
    } else {
      parts.push(`${name} ${cur?.averageValue ?? '<unknown>'}/${t.averageValue ?? t.value ?? '?'}`)
    }
  }
  // kube default: an autoscaling/v2 HPA without metrics targets 80% CPU.
  return parts.length ? parts.join(', ') : 'cpu <unknown>/80%'
}
