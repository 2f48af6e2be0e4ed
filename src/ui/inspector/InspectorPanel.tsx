/** The object the learner clicked: a summary, its events and its YAML (read-only). */
import { dump } from 'js-yaml'
import { useMemo } from 'react'
import type { Pod } from 'kubernetes-types/core/v1'
import { useObject } from '../state/clusterStore'
import { useUi } from '../state/uiStore'
import { EventsPanel } from '../events/EventsPanel'
import { podView } from '../model/podStatus'

export default function InspectorPanel() {
  const uid = useUi((s) => s.selected)
  const obj = useObject(uid)
  const yaml = useMemo(() => (obj ? dump(obj, { noRefs: true, lineWidth: 120 }) : ''), [obj])
  if (!uid) return <p className="muted">Click a pod, node, Deployment or ReplicaSet in the graph to inspect it.</p>
  if (!obj) return <p className="muted">This object no longer exists.</p>
  const kind = obj.kind ?? ''
  return (
    <div className="inspector">
      <h2>
        <span className="box-kind">{kind}</span> {obj.metadata?.name}
      </h2>
      {kind === 'Pod' && <PodSummary pod={obj as Pod} />}
      <h3>Events</h3>
      <EventsPanel uid={uid} />
      <h3>YAML</h3>
      <pre className="yaml-view" aria-label={`YAML of ${kind} ${obj.metadata?.name}`}>
        {yaml}
      </pre>
    </div>
  )
}

function PodSummary({ pod }: { pod: Pod }) {
  const v = podView(pod)
  return (
    <dl className="summary">
      <dt>Status</dt>
      <dd>{v.status}</dd>
      <dt>Ready</dt>
      <dd>{v.ready}</dd>
      <dt>Node</dt>
      <dd>{pod.spec?.nodeName ?? 'not scheduled yet'}</dd>
      <dt>IP</dt>
      <dd>{pod.status?.podIP ?? '—'}</dd>
    </dl>
  )
}
