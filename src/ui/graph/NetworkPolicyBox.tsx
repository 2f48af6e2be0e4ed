import type { NetworkPolicy } from 'kubernetes-types/networking/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { useShallow } from 'zustand/react/shallow'
import { useCluster, useObject } from '../state/clusterStore'
import { describeSelector, selectorMatches } from '../model/selectors'
import type { BoxProps } from './boxProps'

const SHOWN = 4

/**
 * A NetworkPolicy: which pods it selects and what it does to them. kube: a policy with policyTypes
 * Ingress and no ingress rules denies every incoming connection to the pods it selects.
 */
export function NetworkPolicyBox({ data }: BoxProps) {
  const np = useObject<NetworkPolicy>(data.uid)
  const ns = np?.metadata?.namespace
  const selector = np?.spec?.podSelector
  const pods = useCluster(
    useShallow((s) => {
      const out: string[] = []
      for (const uid of s.ids.Pod ?? []) {
        const p = s.objects.get(uid) as Pod | undefined
        if (p?.metadata?.namespace === ns && !p?.metadata?.deletionTimestamp && selectorMatches(selector, p?.metadata?.labels)) out.push(p?.metadata?.name ?? '')
      }
      return out
    }),
  )
  if (!np) return null
  const types = np.spec?.policyTypes ?? ['Ingress']
  const effect = [
    types.includes('Ingress') && (np.spec?.ingress?.length ? `ingress: ${np.spec.ingress.length} allow rule${np.spec.ingress.length === 1 ? '' : 's'}` : 'ingress: deny all'),
    types.includes('Egress') && (np.spec?.egress?.length ? `egress: ${np.spec.egress.length} allow rule${np.spec.egress.length === 1 ? '' : 's'}` : 'egress: deny all'),
  ].filter(Boolean) as string[]
  return (
    <div className="box box-netpol">
      <div className="box-kind">NetworkPolicy</div>
      <div className="box-name">{np.metadata?.name}</div>
      <div className="box-meta">
        <span className="box-state">
          <span aria-hidden>⊘</span> {effect.join(' · ')}
        </span>
        <span title="spec.podSelector">selects {describeSelector(selector ?? undefined)}</span>
      </div>
      <ul className="netpol-pods" aria-label={`Pods selected by NetworkPolicy ${np.metadata?.name}`}>
        {pods.slice(0, SHOWN).map((p) => (
          <li key={p}>{p}</li>
        ))}
        {pods.length > SHOWN && <li className="muted">…and {pods.length - SHOWN} more</li>}
        {!pods.length && <li className="muted">no pods yet</li>}
      </ul>
    </div>
  )
}
