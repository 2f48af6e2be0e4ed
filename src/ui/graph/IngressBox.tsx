import { Handle, Position } from '@xyflow/react'
import type { Ingress } from 'kubernetes-types/networking/v1'
import { useObject } from '../state/clusterStore'
import { ingressBackends } from './structure-network'
import type { BoxProps } from './boxProps'

/** An Ingress: its class, the address its controller published, and where each path goes. */
export function IngressBox({ data }: BoxProps) {
  const ing = useObject<Ingress>(data.uid)
  if (!ing) return null
  const lb = ing.status?.loadBalancer?.ingress?.[0]
  const address = lb?.ip ?? lb?.hostname
  return (
    <div className="box box-ingress">
      <div className="box-kind">Ingress{ing.spec?.ingressClassName ? ` · ${ing.spec.ingressClassName}` : ''}</div>
      <div className="box-name">{ing.metadata?.name}</div>
      <div className="box-meta">
        {/* kube: kubectl get ingress shows ADDRESS empty until the ingress controller sets status. */}
        <span title="status.loadBalancer address, set by the ingress controller">{address ?? 'no address yet'}</span>
        {ingressBackends(ing).slice(0, 3).map((b) => (
          <span key={b.service} className="box-image">
            {b.path} → {b.service}
          </span>
        ))}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  )
}
