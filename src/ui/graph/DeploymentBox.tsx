import { Handle, Position } from '@xyflow/react'
import type { Deployment } from 'kubernetes-types/apps/v1'
import { useObject } from '../state/clusterStore'
import type { BoxProps } from './boxProps'

export function DeploymentBox({ data }: BoxProps) {
  const d = useObject<Deployment>(data.uid)
  if (!d) return null
  const want = d.spec?.replicas ?? 1
  const ready = d.status?.readyReplicas ?? 0
  const image = d.spec?.template?.spec?.containers?.[0]?.image
  const done = ready === want && (d.status?.updatedReplicas ?? 0) === want
  return (
    <div className={`box box-deployment ${done ? 'is-done' : 'is-progress'}`}>
      <div className="box-kind">Deployment</div>
      <div className="box-name">{d.metadata?.name}</div>
      <div className="box-meta">
        <span title="ready / desired replicas">
          {done ? '✓' : '⟳'} {ready}/{want} ready
        </span>
        {image && <span className="box-image">{image}</span>}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  )
}
