import type { Node } from 'kubernetes-types/core/v1'
import { usePodIdsOn, usePoweredOff } from '../state/clusterStore'
import { nodeReady, nodeRoles } from '../model/nodeStatus'

const READY_ICON = { Ready: '✓', NotReady: '✕', Unknown: '?' }

/** A node at a glance: readiness, whether its machine is on, its taints and what it can hold. */
export function NodeSummary({ node }: { node: Node }) {
  const name = node.metadata?.name ?? ''
  const off = usePoweredOff(name)
  const pods = usePodIdsOn(name).length
  const ready = nodeReady(node)
  const taints = node.spec?.taints ?? []
  const alloc = node.status?.allocatable ?? {}
  return (
    <dl className="summary">
      <dt>Status</dt>
      <dd>
        <span aria-hidden>{READY_ICON[ready]}</span> {ready}
        {node.spec?.unschedulable && ', SchedulingDisabled'}
      </dd>
      <dt>Machine</dt>
      <dd>{off ? 'powered off (kubelet stopped)' : 'running'}</dd>
      <dt>Roles</dt>
      <dd>{nodeRoles(node)}</dd>
      <dt>Taints</dt>
      <dd className="mono">
        {taints.length ? taints.map((t) => <div key={`${t.key}:${t.effect}`}>{`${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`}</div>) : '<none>'}
      </dd>
      <dt>Pods</dt>
      <dd>
        {pods} of {alloc.pods ?? '?'}
      </dd>
      <dt>Allocatable</dt>
      <dd>
        {alloc.cpu ?? '?'} CPU, {alloc.memory ?? '?'} memory
      </dd>
    </dl>
  )
}
