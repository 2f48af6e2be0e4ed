import type { Deployment } from 'kubernetes-types/apps/v1'
import { useObject } from '../state/clusterStore'
import { deploymentState } from '../model/owners'
import { OwnerBox } from './OwnerBox'
import type { BoxProps } from './boxProps'

export function DeploymentBox({ data }: BoxProps) {
  const d = useObject<Deployment>(data.uid)
  if (!d) return null
  const image = d.spec?.template?.spec?.containers?.[0]?.image
  return (
    <OwnerBox kind="Deployment" name={d.metadata?.name ?? ''} state={deploymentState(d)} className="box-deployment">
      {image && <span className="box-image">{image}</span>}
    </OwnerBox>
  )
}
