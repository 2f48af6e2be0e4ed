import { Handle, Position } from '@xyflow/react'
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1'
import { useObject } from '../state/clusterStore'
import type { BoxProps } from './boxProps'

const PHASE_ICON: Record<string, string> = { Bound: '✓', Pending: '…', Available: '○', Released: '↺', Failed: '!', Lost: '!' }

/** A PersistentVolumeClaim: phase (kubectl get pvc STATUS), size asked for and storage class. */
export function PvcBox({ data }: BoxProps) {
  const pvc = useObject<PersistentVolumeClaim>(data.uid)
  if (!pvc) return null
  const phase = pvc.status?.phase ?? 'Pending'
  const size = pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage
  return (
    <div className={`box box-pvc${phase === 'Bound' ? ' is-done' : ' is-progress'}`}>
      <Handle type="target" position={Position.Left} />
      <div className="box-kind">PersistentVolumeClaim</div>
      <div className="box-name">{pvc.metadata?.name}</div>
      <div className="box-meta">
        <span className="box-state">
          <span aria-hidden>{PHASE_ICON[phase] ?? '?'}</span> {phase}
        </span>
        {size && <span>{size}</span>}
        {pvc.spec?.storageClassName && <span>class {pvc.spec.storageClassName}</span>}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  )
}

/** A PersistentVolume: phase, capacity and where its data lives (hostPath / local path). */
export function PvBox({ data }: BoxProps) {
  const pv = useObject<PersistentVolume>(data.uid)
  if (!pv) return null
  const phase = pv.status?.phase ?? 'Pending'
  const where = pv.spec?.hostPath?.path ?? pv.spec?.local?.path
  return (
    <div className={`box box-pv${phase === 'Bound' ? ' is-done' : ' is-progress'}`}>
      <Handle type="target" position={Position.Left} />
      <div className="box-kind">PersistentVolume</div>
      <div className="box-name" title={pv.metadata?.name}>
        {pv.metadata?.name}
      </div>
      <div className="box-meta">
        <span className="box-state">
          <span aria-hidden>{PHASE_ICON[phase] ?? '?'}</span> {phase}
        </span>
        {pv.spec?.capacity?.storage && <span>{pv.spec.capacity.storage}</span>}
        {where && (
          <span className="box-image box-path" title={where}>
            {where}
          </span>
        )}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  )
}
