import { usePodIdsOn } from '../state/clusterStore'
import { PodChip } from './PodChip'
import { useStableSlots } from './useStableSlots'

/** The pods bound to one node (or, for '', the unscheduled ones), each in a slot it keeps. */
export function PodGrid({ nodeName, empty, columns }: { nodeName: string; empty: string; columns: number }) {
  const ids = usePodIdsOn(nodeName)
  const slots = useStableSlots(ids)
  if (!ids.length) return <div className="pod-grid-empty">{empty}</div>
  return (
    <div
      className="pod-grid"
      role="list"
      aria-label={nodeName ? `Pods on ${nodeName}` : 'Unscheduled pods'}
      style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}
    >
      {slots.map((uid, i) =>
        uid ? (
          <div role="listitem" key={uid} className="pod-slot">
            <PodChip uid={uid} />
          </div>
        ) : (
          <div key={`hole-${i}`} className="pod-slot" aria-hidden />
        ),
      )}
    </div>
  )
}
