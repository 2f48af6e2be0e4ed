/**
 * kubectl's generic describer, for kinds without their own (ControllerRevision, Lease, Event...):
 * name, namespace, labels and annotations, then every other field of the object, keys sorted,
 * nested maps indented under "smart" labels (`creationTimestamp` → `Creation Timestamp`,
 * `apiVersion` → `API Version`), then the events.
 */
import type { Api, KubeObject } from '../../apiserver/types'
import { eventsFor, writeAnnotations, writeEvents, writeLabels } from './common'
import { DescribeWriter } from './writer'

const SKIP = ['.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations', '.metadata.managedFields']
const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID']

/** kube: smartLabelFor — camel-case words title-cased, known acronyms upper-cased. */
export function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[^A-Za-z]+/g) ?? [field]
  return parts.map((p) => (ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1))).join(' ')
}

const goValue = (v: unknown) => (v === null || v === undefined ? '<nil>' : String(v))

function writeContent(w: DescribeWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field]
    const path = `${prefix}.${field}`
    if (SKIP.includes(path) || value === undefined) continue
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.line(level, `${smartLabel(field)}:`)
      writeContent(w, level + 1, value as Record<string, unknown>, path)
    } else if (Array.isArray(value)) {
      w.line(level, `${smartLabel(field)}:`)
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) writeContent(w, level + 1, child as Record<string, unknown>, path)
        else w.line(level + 1, goValue(child))
      }
    } else {
      w.line(level, `${smartLabel(field)}:\t${goValue(value)}`)
    }
  }
}

export function describeGeneric(api: Api, obj: KubeObject, now: number): string {
  const w = new DescribeWriter()
  w.line(0, `Name:\t${obj.metadata?.name ?? ''}`)
  w.line(0, `Namespace:\t${obj.metadata?.namespace ?? ''}`)
  writeLabels(w, 0, 'Labels', obj.metadata?.labels)
  writeAnnotations(w, 0, obj.metadata?.annotations)
  writeContent(w, 0, obj as unknown as Record<string, unknown>, '')
  writeEvents(w, eventsFor(api, obj), now)
  return w.toString()
}
