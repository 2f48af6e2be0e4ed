import type { Event as KEvent, Pod } from 'kubernetes-types/core/v1'
import { useMemo } from 'react'
import { useCluster } from '../state/clusterStore'
import { useUi } from '../state/uiStore'
import { TONE_ICON, podView } from '../model/podStatus'
import { useTraffic } from '../state/trafficStore'

/** The few facts a learner asks about a pod first; while it cannot be placed, the scheduler's FailedScheduling words. */
export function PodSummary({ pod }: { pod: Pod }) {
  const v = podView(pod)
  const uid = pod.metadata?.uid
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller)
  const select = useUi((s) => s.select)
  const traffic = useTraffic((s) => s.pods[`${pod.metadata?.namespace}/${pod.metadata?.name}`])
  const ids = useCluster((s) => s.ids.Event)
  const objects = useCluster((s) => s.objects)
  // kube: the scheduler explains each attempt in a Scheduled or FailedScheduling event on the pod; the latest counts.
  const scheduling = useMemo(() => {
    let latest: KEvent | undefined
    for (const id of ids ?? []) {
      const ev = objects.get(id) as KEvent | undefined
      if (!ev || ev.involvedObject?.uid !== uid || (ev.reason !== 'Scheduled' && ev.reason !== 'FailedScheduling')) continue
      if (!latest || stamp(ev) >= stamp(latest)) latest = ev
    }
    return latest
  }, [ids, objects, uid])
  return (
    <dl className="summary">
      <dt>Status</dt>
      <dd>
        <span className={`chip chip-swatch tone-${v.tone}`} aria-hidden>
          <span className="chip-icon">{TONE_ICON[v.tone]}</span>
        </span>{' '}
        {v.status}
        {v.restarts > 0 && <span className="muted"> · {v.restarts} restarts</span>}
      </dd>
      <dt>Ready</dt>
      <dd>{v.ready} containers</dd>
      <dt>Node</dt>
      <dd>{pod.spec?.nodeName ?? 'not scheduled yet'}</dd>
      {scheduling?.reason === 'FailedScheduling' && (
        <>
          <dt>Why not</dt>
          <dd className="why-not">{scheduling.message}</dd>
        </>
      )}
      <dt>IP</dt>
      <dd className="mono">{pod.status?.podIP ?? '—'}</dd>
      {traffic && (
        <>
          <dt>Requests</dt>
          <dd>
            <span className="traffic-ok">{traffic.ok} answered</span> · <span className="traffic-failed">{traffic.failed} failed</span>
          </dd>
        </>
      )}
      {owner && (
        <>
          <dt>Owner</dt>
          <dd>
            <button type="button" className="link-button" onClick={() => select(owner.uid)}>
              {owner.kind} {owner.name}
            </button>
          </dd>
        </>
      )}
    </dl>
  )
}

function stamp(ev: KEvent): number {
  const t = ev.lastTimestamp ?? ev.eventTime ?? ev.metadata?.creationTimestamp
  return t ? Date.parse(t) : 0
}
