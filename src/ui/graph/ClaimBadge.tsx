import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1'
import { useObject, useUidByName } from '../state/clusterStore'

const PHASE_ICON: Record<string, string> = { Bound: '✓', Pending: '…', Lost: '!' }

/** A pod's PersistentVolumeClaim: its name and phase (`kubectl get pvc` STATUS), in words and icon. */
export function ClaimBadge({ namespace, claim }: { namespace: string | undefined; claim: string }) {
  const pvc = useObject<PersistentVolumeClaim>(useUidByName('PersistentVolumeClaim', namespace, claim))
  // kube: a claim that does not exist yet keeps the pod Pending; show it as such.
  const phase = pvc?.status?.phase ?? (pvc ? 'Pending' : 'Missing')
  const volume = pvc?.spec?.volumeName
  return (
    <span
      className={`claim claim-${phase.toLowerCase()}`}
      aria-label={`PersistentVolumeClaim ${claim}: ${phase}`}
      title={`PersistentVolumeClaim ${claim}: ${phase}${volume ? `\nvolume ${volume}` : ''}${pvc?.spec?.storageClassName ? `\nstorage class ${pvc.spec.storageClassName}` : ''}`}
    >
      <span aria-hidden>⛁</span>
      <span className="claim-name">{claim}</span>
      <span className="claim-phase">
        <span aria-hidden>{PHASE_ICON[phase] ?? '?'}</span> {phase}
      </span>
    </span>
  )
}
