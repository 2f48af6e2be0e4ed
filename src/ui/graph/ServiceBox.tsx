import { Handle, Position } from '@xyflow/react'
import type { Service } from 'kubernetes-types/core/v1'
import { useObject } from '../state/clusterStore'
import { useTraffic } from '../state/trafficStore'
import { useUi } from '../state/uiStore'
import type { BoxProps } from './boxProps'

/** A Service: type, cluster IP, ports (and node ports / load-balancer IP), and the traffic sent to it. */
export function ServiceBox({ data }: BoxProps) {
  const svc = useObject<Service>(data.uid)
  const key = `${svc?.metadata?.namespace ?? ''}/${svc?.metadata?.name ?? ''}`
  const last = useTraffic((s) => s.lastByService[key])
  const select = useUi((s) => s.select)
  if (!svc) return null
  // kube: kubectl get svc prints PORT(S) as 80/TCP, or 80:30080/TCP with a node port.
  const ports = (svc.spec?.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(', ')
  const lb = svc.status?.loadBalancer?.ingress?.[0]?.ip
  return (
    <div className="box box-service">
      <Handle type="target" position={Position.Left} />
      <div className="box-kind">Service · {svc.spec?.type ?? 'ClusterIP'}</div>
      <div className="box-name">{svc.metadata?.name}</div>
      <div className="box-meta">
        {svc.spec?.clusterIP && <span>{svc.spec.clusterIP}</span>}
        {ports && <span>{ports}</span>}
        {lb && <span title="external IP from the load balancer">LB {lb}</span>}
      </div>
      <div className="box-traffic">
        <button
          type="button"
          className="btn btn-small nodrag"
          onClick={(e) => {
            e.stopPropagation()
            select(data.uid)
          }}
        >
          Traffic…
        </button>
        {last && (
          <span className={last.ok ? 'traffic-ok' : 'traffic-failed'} title={last.url}>
            <span aria-hidden>{last.ok ? '●' : '✕'}</span> last: {last.ok ? `${last.status ?? 200}` : (last.error ?? 'failed')}
          </span>
        )}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  )
}
