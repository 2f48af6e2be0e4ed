import { Handle, Position } from '@xyflow/react'
import { PodGrid } from './PodGrid'
import { usePodIdsOn } from '../state/clusterStore'
import { podColumns, regionWidth } from './podColumns'
import type { BoxProps } from './boxProps'

/** Pods the scheduler has not placed yet (no spec.nodeName): Pending, waiting for a node. */
export function UnscheduledRegion({ data }: BoxProps) {
  const columns = podColumns(usePodIdsOn('').length, !!data.canGrow)
  return (
    <div className="region region-unscheduled" style={{ width: regionWidth(columns) }}>
      <Handle type="target" position={Position.Left} />
      <div className="region-head">
        <div>
          <div className="box-kind">Pending pods</div>
          <div className="region-name">Unscheduled</div>
        </div>
        <span className="muted small">no node chosen yet</span>
      </div>
      <PodGrid nodeName="" empty="None: every pod has a node" columns={columns} />
    </div>
  )
}
