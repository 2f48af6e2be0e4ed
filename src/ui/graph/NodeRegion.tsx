import { Handle, Position } from '@xyflow/react'
import type { Node as KNode, Pod } from 'kubernetes-types/core/v1'
import { useCluster, useObject, usePodIdsOn, usePoweredOff } from '../state/clusterStore'
import { podColumns, regionWidth } from './podColumns'
import { formatCpu, formatMemory, nodeReady, nodeRoles, parseQuantity, podRequests } from '../model/nodeStatus'
import { PodGrid } from './PodGrid'
import { NodeActions } from './NodeActions'
import { NodeNote } from './NodeNote'
import { UsageBar } from './UsageBar'
import type { BoxProps } from './boxProps'

const STATUS_ICON = { Ready: '✓', NotReady: '✕', Unknown: '?' }

/** A Kubernetes node as a region: name, readiness, requested resources, its pods inside. */
export function NodeRegion({ data }: BoxProps) {
  const node = useObject<KNode>(data.uid)
  const name = node?.metadata?.name ?? ''
  const columns = podColumns(usePodIdsOn(name).length, !!data.canGrow)
  const cpu = useCluster((s) => sumRequests(s.podsByNode[name], s.objects, 'cpu'))
  const memory = useCluster((s) => sumRequests(s.podsByNode[name], s.objects, 'memory'))
  const poweredOff = usePoweredOff(name)
  if (!node) return null
  const ready = nodeReady(node)
  const alloc = node.status?.allocatable ?? {}
  const cpuCap = parseQuantity(alloc.cpu)
  const memCap = parseQuantity(alloc.memory)
  const unschedulable = node.spec?.unschedulable
  return (
    <div className={`region region-${ready.toLowerCase()}${poweredOff ? ' is-off' : ''}`} style={{ width: regionWidth(columns) }}>
      <Handle type="target" position={Position.Left} />
      <div>
        <div className="box-kind">
          Node · {nodeRoles(node)}
          {poweredOff && <span className="power-tag"> · powered off</span>}
        </div>
        <div className="region-head">
          <div className="region-name">{name}</div>
          {/* kube: kubectl get nodes prints STATUS Ready,SchedulingDisabled for a cordoned node. */}
          <span className="region-status" aria-label={`Status ${ready}${unschedulable ? ',SchedulingDisabled' : ''}`}>
            <span className={`status-pill status-${ready.toLowerCase()}`}>
              <span aria-hidden>{STATUS_ICON[ready]}</span> {ready}
            </span>
            {unschedulable && (
              <span className="status-pill status-cordoned">
                <span aria-hidden>⊘</span> SchedulingDisabled
              </span>
            )}
          </span>
        </div>
      </div>
      <NodeNote name={name} poweredOff={poweredOff} ready={ready} />
      {unschedulable && <div className="region-note">Cordoned: the scheduler places no new pods here; pods already here stay.</div>}
      <div className="region-usage">
        <UsageBar label="CPU requested" used={cpu} total={cpuCap} text={`${formatCpu(cpu)} / ${formatCpu(cpuCap)}`} />
        <UsageBar label="Memory requested" used={memory} total={memCap} text={`${formatMemory(memory)} / ${formatMemory(memCap)}`} />
      </div>
      <PodGrid nodeName={name} empty="No pods" columns={columns} />
      <NodeActions name={name} poweredOff={poweredOff} cordoned={!!unschedulable} />
    </div>
  )
}

function sumRequests(ids: string[] | undefined, objects: Map<string, unknown>, res: 'cpu' | 'memory'): number {
  let total = 0
  for (const uid of ids ?? []) {
    const pod = objects.get(uid) as Pod | undefined
    if (!pod || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue
    total += podRequests(pod)[res]
  }
  return total
}
