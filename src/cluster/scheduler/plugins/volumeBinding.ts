/**
 * VolumeBinding (kube: plugins/volumebinding): a pod's PersistentVolumeClaims must exist, must not
 * be being deleted, and must be bound unless their class waits for the first consumer
 * (WaitForFirstConsumer); a pod whose claim is bound to a volume pinned to a node (local-path)
 * fits only there.
 *
 * Kubernetes rejects the claim problems in PreFilter (`0/4 nodes are available: persistentvolumeclaim
 * "x" not found.`); this framework's PreFilter cannot reject, so the same reason is given by Filter
 * for every node (`0/4 nodes are available: 4 persistentvolumeclaim "x" not found.`).
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1'
import type { StorageClass } from 'kubernetes-types/storage/v1'
import type { InformerFactory, Informer } from '../../informers/informer'
import { SKIP, unresolvable, type ClusterEvent, type FilterPlugin, type FilterStatus, type Rejector, type Skip } from '../types'
import type { PodInfo } from '../podinfo'
import type { NodeInfo } from '../nodeinfo'
import { compileTerm, type TermMatcher } from './helpers'

export const NAME = 'VolumeBinding'
/** kube: volumebinding.ErrReasonBindConflict */
export const ERR_REASON_BIND_CONFLICT = 'pod has unbound immediate PersistentVolumeClaims'
/** kube: volumebinding.ErrReasonNodeConflict */
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict'

/** What PreFilter found: a reason every node fails for, or the volumes' node constraints. */
interface State {
  rejected?: FilterStatus
  /** One matcher list per bound volume with node affinity; a node must satisfy each (any term). */
  volumeTerms: TermMatcher[][]
}

const NODE_CONFLICT = unresolvable(ERR_REASON_NODE_CONFLICT)

export class VolumeBinding implements FilterPlugin<State> {
  readonly name = NAME
  private readonly claims: Informer<PersistentVolumeClaim>
  private readonly volumes: Informer<PersistentVolume>
  private readonly classes: Informer<StorageClass>

  constructor(informers: InformerFactory) {
    this.claims = informers.for<PersistentVolumeClaim>('PersistentVolumeClaim')
    this.volumes = informers.for<PersistentVolume>('PersistentVolume')
    this.classes = informers.for<StorageClass>('StorageClass')
  }

  /** kube requeues on PVC, PV and StorageClass events; those are not delivered here, so any event retries. */
  isSchedulableAfter(_pod: PodInfo, _event: ClusterEvent): boolean {
    return true
  }

  preFilter(pod: PodInfo): State | Skip {
    const volumes = pod.pod.spec?.volumes
    if (!volumes?.some((v) => v.persistentVolumeClaim)) return SKIP
    const volumeTerms: TermMatcher[][] = []
    for (const v of volumes) {
      const name = v.persistentVolumeClaim?.claimName
      if (!name) continue
      const pvc = this.claims.get(pod.namespace, name)
      if (!pvc) return { rejected: unresolvable(`persistentvolumeclaim "${name}" not found`), volumeTerms }
      if (pvc.metadata?.deletionTimestamp) return { rejected: unresolvable(`persistentvolumeclaim "${name}" is being deleted`), volumeTerms }
      const volumeName = pvc.spec?.volumeName
      if (!volumeName) {
        const className = pvc.spec?.storageClassName ?? ''
        const sc = className ? this.classes.get(undefined, className) : undefined
        // kube: IsDelayBindingClaim — only a class that exists and says WaitForFirstConsumer waits.
        if (sc?.volumeBindingMode !== 'WaitForFirstConsumer') return { rejected: unresolvable(ERR_REASON_BIND_CONFLICT), volumeTerms }
        continue
      }
      const pv = this.volumes.get(undefined, volumeName)
      const terms = pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms
      if (terms?.length) volumeTerms.push(terms.map(compileTerm))
    }
    return { volumeTerms }
  }

  filter(state: State, _pod: PodInfo, node: NodeInfo): FilterStatus | undefined {
    if (state.rejected) return state.rejected
    for (const terms of state.volumeTerms) if (!terms.some((t) => t(node))) return NODE_CONFLICT
    return undefined
  }

  filterNodes(state: State, pod: PodInfo, nodes: NodeInfo[], n: number, reject: Rejector): number {
    let kept = 0
    for (let i = 0; i < n; i++) {
      const status = this.filter(state, pod, nodes[i])
      if (status) reject(nodes[i], status, NAME)
      else nodes[kept++] = nodes[i]
    }
    return kept
  }
}
