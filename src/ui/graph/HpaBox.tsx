import { Handle, Position } from '@xyflow/react'
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2'
import { useObject } from '../state/clusterStore'
import { hpaView } from '../model/hpa'
import type { BoxProps } from './boxProps'

/** A HorizontalPodAutoscaler: `cpu 120%/50%` (as kubectl get hpa's TARGETS) and replicas within min/max. */
export function HpaBox({ data }: BoxProps) {
  const hpa = useObject<HorizontalPodAutoscaler>(data.uid)
  if (!hpa) return null
  const v = hpaView(hpa)
  return (
    <div className={`box box-hpa${v.scaling ? ' is-progress' : ' is-done'}`}>
      <div className="box-kind">HorizontalPodAutoscaler</div>
      <div className="box-name">{hpa.metadata?.name}</div>
      <div className="box-meta">
        <span className="box-state" title="current / target (kubectl get hpa TARGETS)">
          {v.targets}
        </span>
        <span title="current replicas (desired) within MINPODS / MAXPODS">
          replicas {v.current}
          {v.desired !== v.current ? ` → ${v.desired}` : ''} (min {v.min} / max {v.max})
        </span>
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  )
}
