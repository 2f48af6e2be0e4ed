import type { StatefulSet } from 'kubernetes-types/apps/v1'
import { useObject } from '../state/clusterStore'
import { statefulSetState } from '../model/owners'
import { OwnerBox } from './OwnerBox'
import type { BoxProps } from './boxProps'

/** Pods with stable names (`web-0`, `web-1`, … created in order) and a claim each from its templates. */
export function StatefulSetBox({ data }: BoxProps) {
  const s = useObject<StatefulSet>(data.uid)
  if (!s) return null
  const claims = (s.spec?.volumeClaimTemplates ?? []).map((t) => t.metadata?.name).filter(Boolean)
  return (
    <OwnerBox kind="StatefulSet" name={s.metadata?.name ?? ''} state={statefulSetState(s)} className="box-sts" target>
      {s.spec?.serviceName && <span title="the headless Service that gives each pod its DNS name">svc {s.spec.serviceName}</span>}
      {claims.length > 0 && <span title="volumeClaimTemplates: one PVC per pod">⛁ {claims.join(', ')}</span>}
    </OwnerBox>
  )
}
