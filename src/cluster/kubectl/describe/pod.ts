/** kubectl describe pod: the sections and labels of describePod (kubectl describe.go). */
import type { Container, ContainerState, ContainerStatus, Pod, Probe, Volume } from 'kubernetes-types/core/v1'
import type { Api } from '../../apiserver/types'
import { humanDuration, rfc1123z } from '../duration'
import { controllerOf, eventsFor, tolerationString, writeAnnotations, writeEvents, writeLabels, writeList } from './common'
import { DescribeWriter } from './writer'

const printBool = (b: boolean | undefined) => (b ? 'True' : 'False')

export function describePod(api: Api, pod: Pod, now: number): string {
  const w = new DescribeWriter()
  const meta = pod.metadata ?? {}
  const spec = pod.spec ?? { containers: [] }
  const status = pod.status ?? {}
  w.line(0, `Name:\t${meta.name}`)
  w.line(0, `Namespace:\t${meta.namespace}`)
  if (spec.priority !== undefined) w.line(0, `Priority:\t${spec.priority}`)
  if (spec.priorityClassName) w.line(0, `Priority Class Name:\t${spec.priorityClassName}`)
  if (spec.serviceAccountName) w.line(0, `Service Account:\t${spec.serviceAccountName}`)
  w.line(0, `Node:\t${spec.nodeName ? `${spec.nodeName}/${status.hostIP ?? ''}` : '<none>'}`)
  if (status.startTime) w.line(0, `Start Time:\t${rfc1123z(status.startTime)}`)
  writeLabels(w, 0, 'Labels', meta.labels)
  writeAnnotations(w, 0, meta.annotations)
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.line(0, `Status:\tTerminating (lasts ${humanDuration(Date.parse(meta.deletionTimestamp) - now)})`)
    w.line(0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s`)
  } else {
    w.line(0, `Status:\t${status.phase ?? ''}`)
  }
  if (status.reason) w.line(0, `Reason:\t${status.reason}`)
  if (status.message) w.line(0, `Message:\t${status.message}`)
  w.line(0, `IP:\t${status.podIP ?? ''}`)
  const ips = status.podIPs ?? []
  if (!ips.length) w.line(0, 'IPs:\t<none>')
  else {
    w.line(0, 'IPs:')
    for (const ip of ips) w.line(1, `IP:\t${ip.ip}`)
  }
  const owner = controllerOf(pod)
  if (owner) w.line(0, `Controlled By:\t${owner}`)
  if (status.nominatedNodeName) w.line(0, `NominatedNodeName:\t${status.nominatedNodeName}`)
  if (spec.initContainers?.length) writeContainers(w, 'Init Containers', spec.initContainers, status.initContainerStatuses ?? [])
  writeContainers(w, 'Containers', spec.containers, status.containerStatuses ?? [])
  if (status.conditions?.length) {
    w.line(0, 'Conditions:')
    w.line(1, 'Type\tStatus')
    for (const c of status.conditions) w.line(1, `${c.type} \t${c.status} `)
  }
  writeVolumes(w, spec.volumes ?? [])
  w.line(0, `QoS Class:\t${status.qosClass ?? qosClass(pod)}`)
  writeLabels(w, 0, 'Node-Selectors', spec.nodeSelector)
  writeList(w, 0, 'Tolerations', (spec.tolerations ?? []).map(tolerationString))
  writeEvents(w, eventsFor(api, pod), now)
  return w.toString()
}

/** describeContainers; in a pod template (`template`) the section is indented and names get one more space. */
export function writeContainers(w: DescribeWriter, title: string, containers: Container[], statuses: ContainerStatus[], template = false): void {
  w.line(template ? 1 : 0, `${title}:`)
  for (const c of containers) {
    const st = statuses.find((s) => s.name === c.name)
    w.line(1, `${template ? ' ' : ''}${c.name}:`)
    writeContainerBody(w, c, st)
  }
}

/** The per-container lines shared by pods and pod templates (level 2 = four spaces). */
export function writeContainerBody(w: DescribeWriter, c: Container, st: ContainerStatus | undefined): void {
  if (st) w.line(2, `Container ID:\t${st.containerID ?? ''}`)
  w.line(2, `Image:\t${c.image ?? ''}`)
  if (st) w.line(2, `Image ID:\t${st.imageID ?? ''}`)
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(',')
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(',')
  w.line(2, ports.includes(',') ? `Ports:\t${ports}` : `Port:\t${ports || '<none>'}`)
  w.line(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}` : `Host Port:\t${hostPorts || '<none>'}`)
  if (c.command?.length) {
    w.line(2, 'Command:')
    for (const part of c.command) for (const s of part.split('\n')) w.line(3, s)
  }
  if (c.args?.length) {
    w.line(2, 'Args:')
    for (const part of c.args) for (const s of part.split('\n')) w.line(3, s)
  }
  if (st) {
    writeState(w, 'State', st.state)
    if (st.lastState?.terminated) writeState(w, 'Last State', st.lastState)
    w.line(2, `Ready:\t${printBool(st.ready)}`)
    w.line(2, `Restart Count:\t${st.restartCount ?? 0}`)
  }
  for (const [title, list] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
    const names = Object.keys(list ?? {}).sort()
    if (!names.length) continue
    w.line(2, `${title}:`)
    for (const n of names) w.line(3, `${n}:\t${list![n]}`)
  }
  if (c.livenessProbe) w.line(2, `Liveness:\t${probeString(c.livenessProbe)}`)
  if (c.readinessProbe) w.line(2, `Readiness:\t${probeString(c.readinessProbe)}`)
  if (c.startupProbe) w.line(2, `Startup:\t${probeString(c.startupProbe)}`)
  const env = c.env ?? []
  w.line(2, `Environment:${env.length ? '' : '\t<none>'}`)
  for (const e of env) {
    if (e.valueFrom?.fieldRef) {
      w.line(3, `${e.name}:\t (${e.valueFrom.fieldRef.apiVersion ?? 'v1'}:${e.valueFrom.fieldRef.fieldPath})`)
    } else if (e.valueFrom?.secretKeyRef) {
      const r = e.valueFrom.secretKeyRef
      w.line(3, `${e.name}:\t<set to the key '${r.key}' in secret '${r.name}'>\tOptional: ${r.optional ?? false}`)
    } else if (e.valueFrom?.configMapKeyRef) {
      const r = e.valueFrom.configMapKeyRef
      w.line(3, `${e.name}:\t<set to the key '${r.key}' of config map '${r.name}'>\tOptional: ${r.optional ?? false}`)
    } else {
      ;(e.value ?? '').split('\n').forEach((s, i) => w.line(3, i === 0 ? `${e.name}:\t${s}` : `\t${s}`))
    }
  }
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1))
  w.line(2, `Mounts:${mounts.length ? '' : '\t<none>'}`)
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])]
    w.line(3, `${m.mountPath} from ${m.name} (${flags.join(',')})`)
  }
}

function writeState(w: DescribeWriter, title: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.line(2, `${title}:\tRunning`)
    w.line(3, `Started:\t${rfc1123z(state.running.startedAt)}`)
  } else if (state?.terminated) {
    const t = state.terminated
    w.line(2, `${title}:\tTerminated`)
    if (t.reason) w.line(3, `Reason:\t${t.reason}`)
    if (t.message) w.line(3, `Message:\t${t.message}`)
    w.line(3, `Exit Code:\t${t.exitCode}`)
    if (t.signal) w.line(3, `Signal:\t${t.signal}`)
    w.line(3, `Started:\t${rfc1123z(t.startedAt)}`)
    w.line(3, `Finished:\t${rfc1123z(t.finishedAt)}`)
  } else {
    w.line(2, `${title}:\tWaiting`)
    if (state?.waiting?.reason) w.line(3, `Reason:\t${state.waiting.reason}`)
  }
}

/** kube: DescribeProbe — `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function probeString(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s ` +
    `#success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase()
    return `http-get ${scheme}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? ''} ${attrs}`
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`
  return `unknown ${attrs}`
}

export function writeVolumes(w: DescribeWriter, volumes: Volume[], template = false): void {
  const level = template ? 1 : 0
  if (!volumes.length) {
    w.line(level, 'Volumes:\t<none>')
    return
  }
  w.line(level, 'Volumes:')
  for (const v of volumes) {
    w.line(1, `${template ? ' ' : ''}${v.name}:`)
    const at = 2
    if (v.emptyDir) {
      w.line(at, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)")
      w.line(at, `Medium:\t${v.emptyDir.medium ?? ''}`)
      w.line(at, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}`)
    } else if (v.hostPath) {
      w.line(at, 'Type:\tHostPath (bare host directory volume)')
      w.line(at, `Path:\t${v.hostPath.path}`)
      w.line(at, `HostPathType:\t${v.hostPath.type ?? ''}`)
    } else if (v.configMap) {
      w.line(at, 'Type:\tConfigMap (a volume populated by a ConfigMap)')
      w.line(at, `Name:\t${v.configMap.name ?? ''}`)
      w.line(at, `Optional:\t${v.configMap.optional ?? false}`)
    } else if (v.secret) {
      w.line(at, 'Type:\tSecret (a volume populated by a Secret)')
      w.line(at, `SecretName:\t${v.secret.secretName ?? ''}`)
      w.line(at, `Optional:\t${v.secret.optional ?? false}`)
    } else if (v.persistentVolumeClaim) {
      w.line(at, 'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)')
      w.line(at, `ClaimName:\t${v.persistentVolumeClaim.claimName}`)
      w.line(at, `ReadOnly:\t${v.persistentVolumeClaim.readOnly ?? false}`)
    } else if (v.projected) {
      w.line(at, 'Type:\tProjected (a volume that contains injected data from multiple sources)')
      for (const src of v.projected.sources ?? []) {
        if (src.secret) {
          w.line(at, `SecretName:\t${src.secret.name ?? ''}`)
          w.line(at, `SecretOptionalName:\t${src.secret.optional ?? '<nil>'}`)
        } else if (src.downwardAPI) {
          w.line(at, 'DownwardAPI:\ttrue')
        } else if (src.configMap) {
          w.line(at, `ConfigMapName:\t${src.configMap.name ?? ''}`)
          w.line(at, `ConfigMapOptional:\t${src.configMap.optional ?? '<nil>'}`)
        } else if (src.serviceAccountToken) {
          w.line(at, `TokenExpirationSeconds:\t${src.serviceAccountToken.expirationSeconds ?? 3600}`)
        }
      }
    } else {
      w.line(at, 'Type:\t<unknown>')
    }
  }
}

/** kube: GetPodQOS — BestEffort without requests or limits, Guaranteed when limits equal requests. */
export function qosClass(pod: Pod): string {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]
  let any = false
  let guaranteed = true
  for (const c of containers) {
    const req = c.resources?.requests ?? {}
    const lim = c.resources?.limits ?? {}
    if (Object.keys(req).length || Object.keys(lim).length) any = true
    for (const r of ['cpu', 'memory']) {
      const l = lim[r]
      const q = req[r] ?? l
      if (l === undefined || String(q) !== String(l)) guaranteed = false
    }
  }
  if (!any) return 'BestEffort'
  return guaranteed ? 'Guaranteed' : 'Burstable'
}
