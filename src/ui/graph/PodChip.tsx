import { memo } from 'react'
import type { Pod } from 'kubernetes-types/core/v1'
import { useObject, usePoweredOff } from '../state/clusterStore'
import { useUi } from '../state/uiStore'
import { TONE_ICON, podView } from '../model/podStatus'
import { controllerKind } from '../model/owners'
import { ClaimBadge } from './ClaimBadge'
import { useTraffic } from '../state/trafficStore'

const OFF_NOTE = '\nIts node is powered off: no kubelet is there to update or confirm this pod.'

/**
 * One pod, drawn inside its node: colour and icon by status, full name on hover and for screen
 * readers. A pod that has finished also says so in words (`Completed`, `Error`); a pod with
 * PersistentVolumeClaims carries a badge per claim. Both make the chip two grid columns wide.
 */
export const PodChip = memo(function PodChip({ uid }: { uid: string }) {
  const pod = useObject<Pod>(uid)
  const selected = useUi((s) => s.selected === uid)
  const select = useUi((s) => s.select)
  const nodeOff = usePoweredOff(pod?.spec?.nodeName ?? '')
  const traffic = useTraffic((s) => (pod ? s.pods[`${pod.metadata?.namespace}/${pod.metadata?.name}`] : undefined))
  if (!pod) return <span className="chip chip-hole" />
  const name = pod.metadata?.name ?? ''
  const view = podView(pod)
  const label = `Pod ${name}: ${view.status}`
  const finished = view.tone === 'succeeded' || (view.tone === 'failed' && pod.status?.phase === 'Failed')
  const claims = (pod.spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []))
  return (
    <div className={`chip-wrap${finished || claims.length ? ' is-wide' : ''}`}>
      <button
        type="button"
        className={`chip nodrag tone-${view.tone}${selected ? ' is-selected' : ''}`}
        aria-label={label}
        title={`${name}\n${view.status} · ready ${view.ready}${view.restarts ? ` · ${view.restarts} restarts` : ''}${nodeOff ? OFF_NOTE : ''}`}
        onClick={(e) => {
          e.stopPropagation()
          select(uid)
        }}
      >
        <span className="chip-icon" aria-hidden>
          {TONE_ICON[view.tone]}
        </span>
        <span className="chip-name" aria-hidden>
          {controllerKind(pod) === 'StatefulSet' ? name : shortName(name)}
        </span>
        {finished && (
          <span className="chip-status" aria-hidden>
            {view.status}
          </span>
        )}
      </button>
      {traffic && <TrafficBadge name={name} ok={traffic.ok} failed={traffic.failed} />}
      {claims.map((c) => (
        <ClaimBadge key={c} namespace={pod.metadata?.namespace} claim={c} />
      ))}
    </div>
  )
})

/** Requests this pod answered (✓) and that failed on their way to it (✕), in a corner of its chip. */
function TrafficBadge({ name, ok, failed }: { name: string; ok: number; failed: number }) {
  return (
    <span className={`chip-traffic${failed ? ' has-failed' : ''}`} role="img" aria-label={`Requests to ${name}: ${ok} answered, ${failed} failed`}>
      <span className="traffic-ok">{short(ok)}</span>
      {failed > 0 && <span className="traffic-failed">✕{short(failed)}</span>}
    </span>
  )
}

const short = (n: number): string => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n))

/** The part of a generated name that tells siblings apart (`nginx-deployment-7c9-x2kfp` → `x2kfp`). */
function shortName(name: string): string {
  const parts = name.split('-')
  return parts.length > 1 ? parts[parts.length - 1] : name
}
