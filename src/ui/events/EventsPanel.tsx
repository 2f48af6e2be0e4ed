/** The latest Events, newest first, as `kubectl get events` lists them. */
import { useMemo } from 'react'
import type { Event as KEvent } from 'kubernetes-types/core/v1'
import { useCluster, useIds } from '../state/clusterStore'
import { ageSince } from '../model/age'

const LIMIT = 100

export function EventsPanel({ uid }: { uid?: string }) {
  const ids = useIds('Event')
  const objects = useCluster((s) => s.objects)
  const now = useCluster((s) => s.clock.now)
  const events = useMemo(() => {
    const list: KEvent[] = []
    for (const id of ids) {
      const ev = objects.get(id) as KEvent | undefined
      if (ev && (!uid || ev.involvedObject?.uid === uid)) list.push(ev)
    }
    // Newest first; within one second, the later arrival first.
    return list.reverse().sort((a, b) => lastSeen(b) - lastSeen(a)).slice(0, LIMIT)
  }, [ids, objects, uid])
  if (!events.length) return <p className="muted">No events yet.</p>
  return (
    <ol className="events" aria-label="Events">
      {events.map((ev) => (
        <li key={ev.metadata?.uid} className={ev.type === 'Warning' ? 'event is-warning' : 'event'}>
          <div className="event-head">
            <span className={`event-type type-${ev.type === 'Warning' ? 'warning' : 'normal'}`}>
              {ev.type === 'Warning' ? '⚠ Warning' : 'Normal'}
            </span>
            <strong>{ev.reason}</strong>
            {!uid && (
              <span className="mono event-object">
                {ev.involvedObject?.kind?.toLowerCase()}/{ev.involvedObject?.name}
              </span>
            )}
            <span className="event-age muted">
              {ageSince(ev.lastTimestamp ?? ev.eventTime ?? ev.metadata?.creationTimestamp, now)} ago
              {(ev.count ?? 1) > 1 && ` (×${ev.count})`}
            </span>
          </div>
          <div className="event-message">{ev.message}</div>
        </li>
      ))}
    </ol>
  )
}

function lastSeen(ev: KEvent): number {
  const t = ev.lastTimestamp ?? ev.eventTime ?? ev.metadata?.creationTimestamp
  return t ? Date.parse(t) : 0
}
