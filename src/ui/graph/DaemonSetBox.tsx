import type { DaemonSet } from 'kubernetes-types/apps/v1'
import { useObject } from '../state/clusterStore'
import { daemonSetState } from '../model/owners'
import { OwnerBox } from './OwnerBox'
import type { BoxProps } from './boxProps'

/** One pod on every node that matches (the control plane too, when the pods tolerate its taint). */
export function DaemonSetBox({ data }: BoxProps) {
  const d = useObject<DaemonSet>(data.uid)
  if (!d) return null
  const image = d.spec?.template?.spec?.containers?.[0]?.image
  return (
    <OwnerBox kind="DaemonSet · one per node" name={d.metadata?.name ?? ''} state={daemonSetState(d)} className="box-ds" target>
      {image && <span className="box-image">{image}</span>}
    </OwnerBox>
  )
}
