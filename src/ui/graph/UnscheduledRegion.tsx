import { Handle, Position } from '@xyflow/react'
import { PodGrid } from './PodGrid'

/** Pods the scheduler has not placed yet (no spec.nodeName): Pending, waiting for a node. */
export function UnscheduledRegion() {
  return (
    <div className="region region-unscheduled">
      <Handle type="target" position={Position.Top} />
      <div className="region-head">
        <div>
          <div className="box-kind">Pending pods</div>
          <div className="region-name">Unscheduled</div>
          <div className="muted small">waiting for the scheduler to pick a node</div>
        </div>
      </div>
      <PodGrid nodeName="" empty="Every pod has a node" />
    </div>
  )
}
