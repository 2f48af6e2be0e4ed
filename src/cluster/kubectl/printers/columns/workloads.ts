/** kubectl get deployments / replicasets: printDeployment, printReplicaSet. */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import { formatLabelSelector } from '../../../apiserver/labels'
import { since } from '../../duration'
import type { Columns } from './types'

/** The CONTAINERS, IMAGES, SELECTOR cells of `-o wide` (layoutContainerCells). */
function containerCells(template: PodTemplateSpec | undefined, selector: LabelSelector | undefined): string[] {
  const containers = template?.spec?.containers ?? []
  return [
    containers.map((c) => c.name).join(','),
    containers.map((c) => c.image ?? '').join(','),
    selectorString(selector),
  ]
}

/** labels.Selector.String(): requirements sorted by key. */
export function selectorString(selector: LabelSelector | undefined): string {
  if (!selector) return '<none>'
  const parts = formatLabelSelector(selector)
  if (parts === '<none>') return parts
  return parts.split(',').sort().join(',')
}

export const deploymentColumns: Columns<Deployment> = {
  headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(d, now) {
    const s = d.status ?? {}
    return [
      d.metadata?.name ?? '',
      `${s.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      String(s.updatedReplicas ?? 0),
      String(s.availableReplicas ?? 0),
      since(d.metadata?.creationTimestamp, now),
    ]
  },
  wideRow: (d) => containerCells(d.spec?.template, d.spec?.selector),
}

export const replicaSetColumns: Columns<ReplicaSet> = {
  headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(rs, now) {
    return [
      rs.metadata?.name ?? '',
      String(rs.spec?.replicas ?? 0),
      String(rs.status?.replicas ?? 0),
      String(rs.status?.readyReplicas ?? 0),
      since(rs.metadata?.creationTimestamp, now),
    ]
  },
  wideRow: (rs) => containerCells(rs.spec?.template, rs.spec?.selector),
}
