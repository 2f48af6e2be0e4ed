import { Handle, Position } from '@xyflow/react'
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import { useObject } from '../state/clusterStore'
import { controllerUid, revisionOf } from '../model/owners'
import type { BoxProps } from './boxProps'

/**
 * A ReplicaSet. Under a Deployment it says whether it is the new one (the Deployment's current
 * revision) or an old one, so a rollout reads as pods moving from `old: 2` to `new: 2/3`; an old
 * ReplicaSet with no pods left fades (kube keeps it, scaled to 0, for rollback).
 */
export function ReplicaSetBox({ data }: BoxProps) {
  const rs = useObject<ReplicaSet>(data.uid)
  const owner = useObject<Deployment>(controllerUid(rs))
  if (!rs) return null
  const want = rs.spec?.replicas ?? 1
  const have = rs.status?.replicas ?? 0
  const ready = rs.status?.readyReplicas ?? 0
  const rev = revisionOf(rs)
  const role = owner?.kind === 'Deployment' ? (rev && rev === revisionOf(owner) ? 'new' : 'old') : undefined
  const idle = want === 0 && have === 0
  const image = rs.spec?.template?.spec?.containers?.[0]?.image
  return (
    <div className={`box box-rs${idle ? ' is-idle' : ''}${role ? ` is-${role}` : ''}`}>
      <Handle type="target" position={Position.Left} />
      <div className="box-kind">
        ReplicaSet{rev && ` · rev ${rev}`}
      </div>
      <div className="box-name">{rs.metadata?.name}</div>
      <div className="box-meta">
        {role === 'old' ? (
          <span className="box-state" title="pods this old ReplicaSet still has">old: {have}</span>
        ) : (
          <span className="box-state" title="ready / desired replicas">
            {role ? 'new: ' : ''}
            {ready}/{want} ready
          </span>
        )}
        {image && <span className="box-image">{image}</span>}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  )
}
