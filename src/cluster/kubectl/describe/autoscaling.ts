/** kubectl describe hpa: HorizontalPodAutoscalerDescriber (describeHorizontalPodAutoscalerV2). */
import type { HPAScalingRules, HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2'
import type { Api, KubeObject } from '../../apiserver/types'
import { canonicalQuantity } from '../../apiserver/quantity'
import { rfc1123z } from '../duration'
import { eventsFor, writeAnnotations, writeEvents, writeLabels } from './common'
import { DescribeWriter } from './writer'

const q = (v: string | number | undefined) => (v === undefined ? '<unknown>' : canonicalQuantity(v))

function writeRules(w: DescribeWriter, direction: string, rules: HPAScalingRules | undefined): void {
  if (!rules) return
  w.line(1, `${direction}:`)
  if (rules.stabilizationWindowSeconds !== undefined) w.line(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds`)
  if (rules.policies?.length) {
    w.line(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}`)
    w.line(2, 'Policies:')
    for (const p of rules.policies) w.line(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds`)
  }
}

export function describeHorizontalPodAutoscaler(api: Api, hpa: HorizontalPodAutoscaler, now: number): string {
  const w = new DescribeWriter()
  const spec = hpa.spec!
  const status = hpa.status
  w.line(0, `Name:\t${hpa.metadata?.name}`)
  w.line(0, `Namespace:\t${hpa.metadata?.namespace}`)
  writeLabels(w, 0, 'Labels', hpa.metadata?.labels)
  writeAnnotations(w, 0, hpa.metadata?.annotations)
  w.line(0, `CreationTimestamp:\t${rfc1123z(hpa.metadata?.creationTimestamp)}`)
  w.line(0, `Reference:\t${spec.scaleTargetRef.kind}/${spec.scaleTargetRef.name}`)
  w.line(0, 'Metrics:\t( current / target )')
  ;(spec.metrics ?? []).forEach((m, i) => {
    const st = status?.currentMetrics?.[i]
    if (m.type === 'Resource' || m.type === 'ContainerResource') {
      const src = m.type === 'Resource' ? m.resource! : m.containerResource!
      const cur = m.type === 'Resource' ? st?.resource?.current : st?.containerResource?.current
      const what = m.type === 'Resource' ? `resource ${src.name}` : `resource ${src.name} of container "${m.containerResource!.container}"`
      if (src.target.averageValue !== undefined) {
        w.line(1, `${what} on pods:\t${q(cur?.averageValue)} / ${q(src.target.averageValue)}`)
        return
      }
      const current = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}% (${q(cur.averageValue)})` : '<unknown>'
      const target = src.target.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : '<auto>'
      w.line(1, `${what} on pods  (as a percentage of request):\t${current} / ${target}`)
      return
    }
    const name = m.pods?.metric.name ?? m.object?.metric.name ?? m.external?.metric.name ?? ''
    const target = m.pods?.target.averageValue ?? m.object?.target.value ?? m.external?.target.value
    w.line(1, `"${name}" (${m.type.toLowerCase()} metric):\t<unknown> / ${q(target)}`)
  })
  w.line(0, `Min replicas:\t${spec.minReplicas ?? '<unset>'}`)
  w.line(0, `Max replicas:\t${spec.maxReplicas}`)
  if (spec.behavior) {
    w.line(0, 'Behavior:')
    writeRules(w, 'Scale Up', spec.behavior.scaleUp)
    writeRules(w, 'Scale Down', spec.behavior.scaleDown)
  }
  w.line(0, `${spec.scaleTargetRef.kind} pods:\t${status?.currentReplicas ?? 0} current / ${status?.desiredReplicas ?? 0} desired`)
  if (status?.conditions?.length) {
    w.line(0, 'Conditions:')
    w.line(1, 'Type\tStatus\tReason\tMessage')
    w.line(1, '----\t------\t------\t-------')
    for (const c of status.conditions) w.line(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}`)
  }
  writeEvents(w, eventsFor(api, hpa as KubeObject), now)
  return w.toString()
}
