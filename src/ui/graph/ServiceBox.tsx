import { Handle, Position } from '@xyflow/react'
import type { Service } from 'kubernetes-types/core/v1'
import { useObject } from '../state/clusterStore'
import type { BoxProps } from './boxProps'

export function ServiceBox({ data }: BoxProps) {
  const svc = useObject<Service>(data.uid)
  if (!svc) return null
  const ports = (svc.spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(', ')
  return (
    <div className="box box-service">
      <div className="box-kind">Service · {svc.spec?.type ?? 'ClusterIP'}</div>
      <div className="box-name">{svc.metadata?.name}</div>
      <div className="box-meta">
        {svc.spec?.clusterIP && <span>{svc.spec.clusterIP}</span>}
        {ports && <span>{ports}</span>}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  )
}
