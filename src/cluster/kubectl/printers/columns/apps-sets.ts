/** kubectl get statefulsets / daemonsets / controllerrevisions: printStatefulSet, printDaemonSet, printControllerRevision. */
import type { ControllerRevision, DaemonSet, StatefulSet } from 'kubernetes-types/apps/v1'
import { since } from '../../duration'
import type { Columns } from './types'
import { selectorString } from './workloads'

const names = (t: StatefulSet['spec'] | DaemonSet['spec']) => (t?.template?.spec?.containers ?? []).map((c) => c.name).join(',')
const images = (t: StatefulSet['spec'] | DaemonSet['spec']) => (t?.template?.spec?.containers ?? []).map((c) => c.image ?? '').join(',')

export const statefulSetColumns: Columns<StatefulSet> = {
  headers: ['NAME', 'READY', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES'],
  row: (s, now) => [
    s.metadata?.name ?? '',
    `${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`,
    since(s.metadata?.creationTimestamp, now),
  ],
  wideRow: (s) => [names(s.spec), images(s.spec)],
}

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort()
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>'
}

export const daemonSetColumns: Columns<DaemonSet> = {
  headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row: (d, now) => {
    const s = d.status
    return [
      d.metadata?.name ?? '',
      String(s?.desiredNumberScheduled ?? 0),
      String(s?.currentNumberScheduled ?? 0),
      String(s?.numberReady ?? 0),
      String(s?.updatedNumberScheduled ?? 0),
      String(s?.numberAvailable ?? 0),
      formatLabels(d.spec?.template?.spec?.nodeSelector),
      since(d.metadata?.creationTimestamp, now),
    ]
  },
  wideRow: (d) => [names(d.spec), images(d.spec), selectorString(d.spec?.selector)],
}

export const controllerRevisionColumns: Columns<ControllerRevision> = {
  headers: ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
  row: (r, now) => {
    const ref = r.metadata?.ownerReferences?.find((o) => o.controller)
    // kube: formatResourceName — `statefulset.apps/web`.
    const group = ref?.apiVersion.includes('/') ? `.${ref.apiVersion.split('/')[0]}` : ''
    const controller = ref ? `${ref.kind.toLowerCase()}${group}/${ref.name}` : '<none>'
    return [r.metadata?.name ?? '', controller, String(r.revision), since(r.metadata?.creationTimestamp, now)]
  },
}
