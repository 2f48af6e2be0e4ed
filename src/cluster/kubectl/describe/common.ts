/** Sections every describe page shares: labels, annotations, tolerations, events. */
import type { Event, Toleration, Taint } from 'kubernetes-types/core/v1'
import type { Api, KubeObject } from '../../apiserver/types'
import { since } from '../duration'
import type { DescribeWriter } from './writer'

const SKIPPED_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration']

/** printLabelsMultiline: `key=value`, sorted, continuation lines under the first. */
export function writeLabels(w: DescribeWriter, level: number, title: string, labels: Record<string, string> | undefined): void {
  const keys = Object.keys(labels ?? {}).sort()
  if (!keys.length) {
    w.line(level, `${title}:\t<none>`)
    return
  }
  keys.forEach((k, i) => w.line(level, `${i === 0 ? `${title}:` : ''}\t${k}=${labels![k]}`))
}

/** printAnnotationsMultiline: `key: value`, the last-applied configuration left out. */
export function writeAnnotations(w: DescribeWriter, level: number, annotations: Record<string, string> | undefined): void {
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIPPED_ANNOTATIONS.includes(k)).sort()
  if (!keys.length) {
    w.line(level, 'Annotations:\t<none>')
    return
  }
  keys.forEach((k, i) => w.line(level, `${i === 0 ? 'Annotations:' : ''}\t${k}: ${annotations![k]}`))
}

/** `key=value:Effect op=Exists for 300s`, as printTolerationsMultiline writes each toleration. */
export function tolerationString(t: Toleration): string {
  let s = t.key ?? ''
  if (t.value) s += `=${t.value}`
  if (t.effect) s += `:${t.effect}`
  if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists'
  if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`
  return s
}

export function writeList(w: DescribeWriter, level: number, title: string, items: string[]): void {
  if (!items.length) {
    w.line(level, `${title}:\t<none>`)
    return
  }
  items.forEach((item, i) => w.line(level, `${i === 0 ? `${title}:` : ''}\t${item}`))
}

export const taintString = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`

/** Events about one object (by uid), oldest first, as describe fetches them. */
export function eventsFor(api: Api, obj: KubeObject): Event[] {
  const uid = obj.metadata?.uid
  const ns = obj.metadata?.namespace ?? 'default'
  const events = api.list<Event>('Event', { namespace: obj.metadata?.namespace ? ns : undefined })
    .filter((e) => (uid && e.involvedObject.uid ? e.involvedObject.uid === uid
      : e.involvedObject.name === obj.metadata?.name && e.involvedObject.kind === obj.kind))
  const time = (e: Event) => Date.parse(e.lastTimestamp || e.eventTime || e.firstTimestamp || '') || 0
  return events.sort((a, b) => time(a) - time(b))
}

/** DescribeEvents: `Events:  <none>`, or a flushed table Type/Reason/Age/From/Message. */
export function writeEvents(w: DescribeWriter, events: Event[], now: number): void {
  if (!events.length) {
    w.line(0, 'Events:\t<none>')
    return
  }
  w.flush()
  w.line(0, 'Events:')
  w.line(1, 'Type\tReason\tAge\tFrom\tMessage')
  w.line(1, '----\t------\t----\t----\t-------')
  for (const e of events) {
    const first = e.eventTime && !e.firstTimestamp ? since(e.eventTime, now) : since(e.firstTimestamp, now)
    let age = first
    if (e.series) age = `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`
    else if ((e.count ?? 0) > 1) age = `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`
    const from = e.source?.component || e.reportingComponent || ''
    // kube (kubectl v1.35): the event's fieldPath, e.g. spec.containers{nginx}, leads the message.
    const path = e.involvedObject?.fieldPath ? `${e.involvedObject.fieldPath}: ` : ''
    w.line(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${age}\t${from}\t${path}${(e.message ?? '').trim()}`)
  }
}

/** `Controlled By:  ReplicaSet/web-5d8f` */
export function controllerOf(obj: KubeObject): string | undefined {
  const ref = (obj.metadata?.ownerReferences ?? []).find((r) => r.controller)
  return ref ? `${ref.kind}/${ref.name}` : undefined
}
