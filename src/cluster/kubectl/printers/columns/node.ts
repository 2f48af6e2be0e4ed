/** kubectl get nodes: printNode. */
import type { Node } from 'kubernetes-types/core/v1'
import { since } from '../../duration'
import type { Columns } from './types'

const ROLE_PREFIX = 'node-role.kubernetes.io/'

/** kube: findNodeRoles — `node-role.kubernetes.io/<role>` labels and the legacy `kubernetes.io/role`. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>()
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length))
    else if (k === 'kubernetes.io/role' && v) roles.add(v)
  }
  return [...roles].sort()
}

export function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready')
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown']
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled')
  return parts.join(',')
}

const address = (node: Node, type: string) =>
  (node.status?.addresses ?? []).find((a) => a.type === type)?.address || '<none>'

export const nodeColumns: Columns<Node> = {
  headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  row(node, now) {
    const roles = nodeRoles(node)
    return [
      node.metadata?.name ?? '',
      nodeStatus(node),
      roles.length ? roles.join(',') : '<none>',
      since(node.metadata?.creationTimestamp, now),
      node.status?.nodeInfo?.kubeletVersion ?? '',
    ]
  },
  wideRow(node) {
    const info = node.status?.nodeInfo
    return [
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ]
  },
}
