/**
 * NodePorts (kube: plugins/nodeports): a pod asking for a hostPort fits only on a node where no
 * other pod holds the same port and protocol on an overlapping host IP (0.0.0.0 overlaps all).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { SKIP, unschedulable, type ClusterEvent, type FilterPlugin, type FilterStatus, type Rejector, type Skip } from '../types'
import type { PodInfo } from '../podinfo'
import type { NodeInfo } from '../nodeinfo'
import { keepFeasible } from './helpers'

export const NAME = 'NodePorts'
/** kube: nodeports.ErrReason */
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports"

const REJECTED = unschedulable(ERR_REASON)
const ANY_IP = '0.0.0.0'

export interface HostPort {
  ip: string
  protocol: string
  port: number
}

/** kube: util.GetHostPorts — the hostPorts of the app containers and of restartable (sidecar) init containers. */
export function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = []
  const spec = pod.spec
  const containers = [...(spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'), ...(spec?.containers ?? [])]
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue
      out.push({ ip: p.hostIP || ANY_IP, protocol: p.protocol ?? 'TCP', port: p.hostPort })
    }
  }
  return out
}

const portsOf = new WeakMap<PodInfo, HostPort[]>()
function portsOfPod(p: PodInfo): HostPort[] {
  let ports = portsOf.get(p)
  if (!ports) portsOf.set(p, (ports = hostPorts(p.pod)))
  return ports
}

/** kube: HostPortInfo.CheckConflict */
function conflicts(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.ip === b.ip || a.ip === ANY_IP || b.ip === ANY_IP)
}

export class NodePorts implements FilterPlugin<HostPort[]> {
  readonly name = NAME

  /** kube: Pod/Delete (ports freed) and Node/Add. */
  isSchedulableAfter(_pod: PodInfo, event: ClusterEvent): boolean {
    return event.kind === 'AssignedPodDelete' || event.kind === 'NodeAdd'
  }

  /** kube: Skip for a pod without host ports. */
  preFilter(pod: PodInfo): HostPort[] | Skip {
    const ports = portsOfPod(pod)
    return ports.length === 0 ? SKIP : ports
  }

  filter(want: HostPort[], _pod: PodInfo, node: NodeInfo): FilterStatus | undefined {
    for (const other of node.pods.values()) {
      for (const used of portsOfPod(other)) {
        for (const w of want) if (conflicts(w, used)) return REJECTED
      }
    }
    return undefined
  }

  filterNodes(want: HostPort[], pod: PodInfo, nodes: NodeInfo[], n: number, reject: Rejector): number {
    return keepFeasible(nodes, n, reject, NAME, (node) => this.filter(want, pod, node))
  }
}
