import { memo } from 'react'
import type { Pod } from 'kubernetes-types/core/v1'
import { useObject, usePoweredOff } from '../state/clusterStore'
import { useUi } from '../state/uiStore'
import { TONE_ICON, podView } from '../model/podStatus'

const OFF_NOTE = '\nIts node is powered off: no kubelet is there to update or confirm this pod.'

/** One pod, drawn inside its node: colour and icon by status, full name on hover and for screen readers. */
export const PodChip = memo(function PodChip({ uid }: { uid: string }) {
  const pod = useObject<Pod>(uid)
  const selected = useUi((s) => s.selected === uid)
  const select = useUi((s) => s.select)
  const nodeOff = usePoweredOff(pod?.spec?.nodeName ?? '')
  if (!pod) return <span className="chip chip-hole" />
  const name = pod.metadata?.name ?? ''
  const view = podView(pod)
  const label = `Pod ${name}: ${view.status}`
  return (
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
        {shortName(name)}
      </span>
    </button>
  )
})

/** The part of a generated name that tells siblings apart (`nginx-deployment-7c9-x2kfp` → `x2kfp`). */
function shortName(name: string): string {
  const parts = name.split('-')
  return parts.length > 1 ? parts[parts.length - 1] : name
}
