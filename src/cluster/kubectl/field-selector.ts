/**
 * `--field-selector` as the API server answers it: only the field labels a resource supports
 * (metadata.name and metadata.namespace everywhere, plus each kind's own, e.g. pods'
 * spec.nodeName and status.phase); anything else is a 400 BadRequest naming the GVR and both
 * selectors. Values are compared as the server's field set prints them (booleans `true|false`).
 */
import type { KindInfo, KubeObject } from '../apiserver/types'
import { ApiError } from '../apiserver/types'

type FieldFn = (o: unknown) => string

/** The value at a dotted path, '' when absent. */
const at = (path: string, fallback = '') => (o: unknown): string => {
  let cur = o
  for (const k of path.split('.')) cur = (cur as Record<string, unknown> | undefined)?.[k]
  return cur === undefined || cur === null ? fallback : String(cur)
}

// kube: each registry's GetAttrs / AddFieldLabelConversionFunc (pkg/registry/*, pkg/apis/*/v1/conversion.go).
const FIELDS: Record<string, Record<string, FieldFn>> = {
  Pod: {
    'spec.nodeName': at('spec.nodeName'),
    'spec.restartPolicy': at('spec.restartPolicy'),
    'spec.schedulerName': at('spec.schedulerName'),
    'spec.serviceAccountName': at('spec.serviceAccountName'),
    'spec.hostNetwork': at('spec.hostNetwork', 'false'),
    'status.phase': at('status.phase'),
    'status.podIP': at('status.podIP'),
    'status.podIPs': at('status.podIP'),
    'status.nominatedNodeName': at('status.nominatedNodeName'),
  },
  Event: {
    'involvedObject.kind': at('involvedObject.kind'),
    'involvedObject.namespace': at('involvedObject.namespace'),
    'involvedObject.name': at('involvedObject.name'),
    'involvedObject.uid': at('involvedObject.uid'),
    'involvedObject.apiVersion': at('involvedObject.apiVersion'),
    'involvedObject.resourceVersion': at('involvedObject.resourceVersion'),
    'involvedObject.fieldPath': at('involvedObject.fieldPath'),
    reason: at('reason'),
    reportingComponent: at('reportingComponent'),
    source: at('source.component'),
    type: at('type'),
  },
  Node: { 'spec.unschedulable': at('spec.unschedulable', 'false') },
  Namespace: { 'status.phase': at('status.phase') },
  Secret: { type: at('type') },
  ReplicaSet: { 'status.replicas': at('status.replicas', '0') },
  ReplicationController: { 'status.replicas': at('status.replicas', '0') },
  Job: { 'status.successful': at('status.succeeded', '0') },
  Service: { 'spec.clusterIP': at('spec.clusterIP'), 'spec.type': at('spec.type') },
}

const COMMON: Record<string, FieldFn> = {
  'metadata.name': at('metadata.name'),
  'metadata.namespace': at('metadata.namespace'),
}

interface Requirement { field: string; op: '=' | '!='; value: string; get: FieldFn }

/** `group/version, Resource=plural`, as schema.GroupVersionResource prints itself. */
function gvr(info: KindInfo): string {
  const version = info.apiVersion.includes('/') ? info.apiVersion.split('/')[1] : info.apiVersion
  return `${info.group}/${version}, Resource=${info.resource}`
}

/** A filter for `--field-selector`; throws the server's BadRequest for an unsupported field. */
export function fieldSelectorFilter(info: KindInfo, text: string, labelSelector: string | undefined): (o: KubeObject) => boolean {
  const reqs: Requirement[] = []
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([^!=]+?)\s*(==|!=|=)\s*(.*)$/.exec(part)
    if (!m) throw new ApiError(400, 'BadRequest', `invalid selector: '${text}'; can't understand '${part}'`)
    const get = COMMON[m[1]] ?? FIELDS[info.kind]?.[m[1]]
    if (!get) {
      throw new ApiError(400, 'BadRequest',
        `Unable to find "${gvr(info)}" that match label selector "${labelSelector ?? ''}", field selector "${text}": field label not supported: ${m[1]}`)
    }
    reqs.push({ field: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3], get })
  }
  return (o) => reqs.every((r) => (r.get(o) === r.value) === (r.op === '='))
}
