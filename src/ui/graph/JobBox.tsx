import type { Job } from 'kubernetes-types/batch/v1'
import { useObject } from '../state/clusterStore'
import { jobState } from '../model/owners'
import { OwnerBox } from './OwnerBox'
import type { BoxProps } from './boxProps'

/** Pods that run to completion: the state is `kubectl get jobs`' STATUS and COMPLETIONS. */
export function JobBox({ data }: BoxProps) {
  const j = useObject<Job>(data.uid)
  if (!j) return null
  const failed = j.status?.failed ?? 0
  return (
    <OwnerBox kind="Job" name={j.metadata?.name ?? ''} state={jobState(j)} className="box-job" target>
      {failed > 0 && <span title={`backoffLimit ${j.spec?.backoffLimit ?? 6}`}>{failed} failed</span>}
    </OwnerBox>
  )
}
