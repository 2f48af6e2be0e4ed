import { Handle, Position } from '@xyflow/react'
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import { useObject } from '../state/clusterStore'
import type { BoxProps } from './boxProps'

export function ReplicaSetBox({ data }: BoxProps) {
  const rs = useObject<ReplicaSet>(data.uid)
  if (!rs) return null
  const want = rs.spec?.replicas ?? 1
  const have = rs.status?.replicas ?? 0
  const ready = rs.status?.readyReplicas ?? 0
  return (
    <div className={`box box-rs ${want === 0 ? 'is-idle' : ''}`}>
      <Handle type="target" position={Position.Left} />
      <div className="box-kind">ReplicaSet</div>
      <div className="box-name">{rs.metadata?.name}</div>
      <div className="box-meta">
        <span>desired {want}</span>
        <span>current {have}</span>
        <span>ready {ready}</span>
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  )
}
