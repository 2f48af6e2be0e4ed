/** The object the learner clicked: a summary, its events and its YAML (read-only). */
import { dump } from 'js-yaml'
import { useEffect, useMemo, useRef } from 'react'
import type { Node as KNode, Pod, Service } from 'kubernetes-types/core/v1'
import { useObject } from '../state/clusterStore'
import { useUi } from '../state/uiStore'
import { EventsPanel } from '../events/EventsPanel'
import { PodSummary } from './PodSummary'
import { SchedulingWhy } from './SchedulingWhy'
import { NodeSummary } from './NodeSummary'
import { ServiceSummary } from './ServiceSummary'

export default function InspectorPanel() {
  const uid = useUi((s) => s.selected)
  const obj = useObject(uid)
  const yaml = useMemo(() => (obj ? dump(obj, { noRefs: true, lineWidth: 120 }) : ''), [obj])
  const top = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // A new selection starts at its summary, not where the previous object's YAML was scrolled to.
    top.current?.closest('.panel')?.scrollTo(0, 0)
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- runs on each new selection
  }, [uid])
  if (!uid) return <p className="muted">Click a pod, node, Service, Deployment or ReplicaSet in the graph to inspect it.</p>
  if (!obj) return <p className="muted">This object no longer exists.</p>
  const kind = obj.kind ?? ''
  return (
    <div className="inspector" ref={top}>
      <h2>
        <span className="box-kind">{kind}</span> {obj.metadata?.name}
      </h2>
      {kind === 'Pod' && <PodSummary pod={obj as Pod} />}
      {kind === 'Node' && <NodeSummary node={obj as KNode} />}
      {kind === 'Service' && <ServiceSummary svc={obj as Service} />}
      {kind === 'Pod' && <SchedulingWhy podUid={uid} version={(obj as Pod).spec?.nodeName ?? obj.metadata?.resourceVersion} />}
      <h3>Events</h3>
      <EventsPanel uid={uid} />
      <h3>YAML</h3>
      <pre className="yaml-view" aria-label={`YAML of ${kind} ${obj.metadata?.name}`}>
        {yaml}
      </pre>
    </div>
  )
}
