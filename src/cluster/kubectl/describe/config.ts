/** kubectl describe configmap / secret: ConfigMapDescriber, SecretDescriber (a Secret's values stay hidden). */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1'
import type { Api } from '../../apiserver/types'
import { base64Size, decodeBase64 } from '../../apiserver/kinds/config'
import { eventsFor, writeAnnotations, writeEvents, writeLabels } from './common'
import { DescribeWriter } from './writer'

// kubectl ranges over Go maps (random order); sorted keys keep the output stable.
const sortedEntries = (m: Record<string, string> | undefined) => Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

export function describeConfigMap(api: Api, cm: ConfigMap, now: number): string {
  const w = new DescribeWriter()
  w.line(0, `Name:\t${cm.metadata?.name}`)
  w.line(0, `Namespace:\t${cm.metadata?.namespace}`)
  writeLabels(w, 0, 'Labels', cm.metadata?.labels)
  writeAnnotations(w, 0, cm.metadata?.annotations)
  w.flush()
  // The values are printed as they are, outside the aligned columns.
  let body = '\nData\n====\n'
  for (const [k, v] of sortedEntries(cm.data)) body += `${k}:\n----\n${v}\n\n`
  body += '\nBinaryData\n====\n'
  for (const [k, v] of sortedEntries(cm.binaryData)) body += `${k}: ${base64Size(v)} bytes\n`
  body += '\n'
  const events = new DescribeWriter()
  writeEvents(events, eventsFor(api, cm), now)
  return w.toString() + body + events.toString()
}

export function describeSecret(_api: Api, s: Secret): string {
  const w = new DescribeWriter()
  w.line(0, `Name:\t${s.metadata?.name}`)
  w.line(0, `Namespace:\t${s.metadata?.namespace}`)
  writeLabels(w, 0, 'Labels', s.metadata?.labels)
  writeAnnotations(w, 0, s.metadata?.annotations)
  w.line(0, '')
  w.line(0, `Type:\t${s.type ?? ''}`)
  w.line(0, '')
  w.line(0, 'Data')
  w.line(0, '====')
  for (const [k, v] of sortedEntries(s.data)) {
    // kube: only a service account token is shown; every other value prints as its size.
    if (k === 'token' && s.type === 'kubernetes.io/service-account-token') w.line(0, `${k}:\t${decodeBase64(v)}`)
    else w.line(0, `${k}:\t${base64Size(v)} bytes`)
  }
  return w.toString()
}
