/** kubectl describe node: describeNode's sections (conditions, addresses, capacity, pods, allocation). */
import type { Lease } from 'kubernetes-types/coordination/v1'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { Api } from '../../apiserver/types'
import { rfc1123z, since } from '../duration'
import { nodeRoles } from '../printers/columns/node'
import { eventsFor, taintString, writeAnnotations, writeEvents, writeLabels, writeList } from './common'
import { formatQuantity, parseQuantity } from './quantity'
import { DescribeWriter } from './writer'

export function describeNode(api: Api, node: Node, now: number): string {
  const w = new DescribeWriter()
  const meta = node.metadata ?? {}
  const status = node.status ?? {}
  const roles = nodeRoles(node)
  w.line(0, `Name:\t${meta.name}`)
  w.line(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}`)
  writeLabels(w, 0, 'Labels', meta.labels)
  writeAnnotations(w, 0, meta.annotations)
  w.line(0, `CreationTimestamp:\t${rfc1123z(meta.creationTimestamp)}`)
  writeList(w, 0, 'Taints', (node.spec?.taints ?? []).map(taintString))
  w.line(0, `Unschedulable:\t${node.spec?.unschedulable ?? false}`)
  const lease = api.find<Lease>('Lease', 'kube-node-lease', meta.name ?? '')
  if (lease) {
    w.line(0, 'Lease:')
    w.line(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}`)
    w.line(1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}`)
    w.line(1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}`)
  } else {
    w.line(0, 'Lease:\tFailed to get lease: leases.coordination.k8s.io "' + meta.name + '" not found')
  }
  if (status.conditions?.length) {
    w.line(0, 'Conditions:')
    w.line(1, 'Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage')
    w.line(1, '----\t------\t-----------------\t------------------\t------\t-------')
    for (const c of status.conditions) {
      w.line(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}`)
    }
  }
  w.line(0, 'Addresses:')
  for (const a of status.addresses ?? []) w.line(1, `${a.type}:\t${a.address}`)
  for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
    if (!list) continue
    w.line(0, `${title}:`)
    for (const k of Object.keys(list).sort()) w.line(1, `${k}:\t${list[k]}`)
  }
  const info = status.nodeInfo
  if (info) {
    w.line(0, 'System Info:')
    w.line(1, `Machine ID:\t${info.machineID}`)
    w.line(1, `System UUID:\t${info.systemUUID}`)
    w.line(1, `Boot ID:\t${info.bootID}`)
    w.line(1, `Kernel Version:\t${info.kernelVersion}`)
    w.line(1, `OS Image:\t${info.osImage}`)
    w.line(1, `Operating System:\t${info.operatingSystem}`)
    w.line(1, `Architecture:\t${info.architecture}`)
    w.line(1, `Container Runtime Version:\t${info.containerRuntimeVersion}`)
    w.line(1, `Kubelet Version:\t${info.kubeletVersion}`)
    w.line(1, `Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}`)
  }
  if (node.spec?.podCIDR) w.line(0, `PodCIDR:\t${node.spec.podCIDR}`)
  if (node.spec?.podCIDRs?.length) w.line(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}`)
  if (node.spec?.providerID) w.line(0, `ProviderID:\t${node.spec.providerID}`)

  const pods = api.list<Pod>('Pod', { fieldSelector: `spec.nodeName=${meta.name}` })
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
  const alloc = status.allocatable ?? {}
  const pct = (v: number, r: string) => {
    const a = parseQuantity(alloc[r])
    return a ? Math.floor((v / a) * 100) : 0
  }
  const cell = (v: number, r: string) => `${formatQuantity(v, r)} (${pct(v, r)}%)`
  const sum = (p: Pod, kind: 'requests' | 'limits', r: string) =>
    (p.spec?.containers ?? []).reduce((n, c) => n + parseQuantity(c.resources?.[kind]?.[r] ?? (kind === 'requests' ? c.resources?.limits?.[r] : undefined)), 0)
  w.line(0, `Non-terminated Pods:\t(${pods.length} in total)`)
  w.line(1, 'Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge')
  w.line(1, '---------\t----\t------------\t----------\t---------------\t-------------\t---')
  for (const p of pods) {
    w.line(1, `${p.metadata?.namespace}\t${p.metadata?.name}\t${cell(sum(p, 'requests', 'cpu'), 'cpu')}\t${cell(sum(p, 'limits', 'cpu'), 'cpu')}\t` +
      `${cell(sum(p, 'requests', 'memory'), 'memory')}\t${cell(sum(p, 'limits', 'memory'), 'memory')}\t${since(p.metadata?.creationTimestamp, now)}`)
  }
  w.line(0, 'Allocated resources:')
  w.line(1, '(Total limits may be over 100 percent, i.e., overcommitted.)')
  w.line(1, 'Resource\tRequests\tLimits')
  w.line(1, '--------\t--------\t------')
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const req = pods.reduce((n, p) => n + sum(p, 'requests', r), 0)
    const lim = pods.reduce((n, p) => n + sum(p, 'limits', r), 0)
    w.line(1, `${r}\t${cell(req, r)}\t${cell(lim, r)}`)
  }
  writeEvents(w, eventsFor(api, node), now)
  return w.toString()
}
