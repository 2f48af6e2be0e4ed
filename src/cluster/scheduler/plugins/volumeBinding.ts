/**
 * VolumeBinding (kube: plugins/volumebinding): a pod's PersistentVolumeClaims must exist, must not
 * be being deleted, and must be bound unless their class waits for the first consumer
 * (WaitForFirstConsumer); a pod whose claim is bound to a volume pinned to a node (local-path)
 * fits only there.
 *
 * Claim problems are PreFilter rejections, as in Kubernetes: `0/4 nodes are available:
 * persistentvolumeclaim "x" not found.` names no node count. A pod so rejected is retried when a
 * claim, volume or class is added or changed (kube: VolumeBinding's EventsToRegister).
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1'
import type { StorageClass } from 'kubernetes-types/storage/v1'
import type { InformerFactory, Informer } from '../../informers/informer'
import {
  PreFilterRejection, SKIP, unresolvable, type ClusterEvent, type FilterPlugin, type FilterStatus, type Rejector, type Skip,
  type StorageEvent,
} from '../types'
import type { PodInfo } from '../podinfo'
import type { NodeInfo } from '../nodeinfo'
import { compileTerm, keepFeasible, type TermMatcher } from './helpers'

export const NAME = 'VolumeBinding'
/** kube: volumebinding.ErrReasonBindConflict */
export const ERR_REASON_BIND_CONFLICT = 'pod has unbound immediate PersistentVolumeClaims'
/** kube: volumebinding.ErrReasonNodeConflict */
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict'

/** What PreFilter found: the volumes' node constraints. */
interface State {
  /** One matcher list per bound volume with node affinity; a node must satisfy each (any term). */
  volumeTerms: TermMatcher[][]
}

const NODE_CONFLICT = unresolvable(ERR_REASON_NODE_CONFLICT)
const BIND_CONFLICT = unresolvable(ERR_REASON_BIND_CONFLICT)

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

  /** kube: VolumeBinding registers Node Add/Update (a volume's node affinity may now match). */
  isSchedulableAfter(_pod: PodInfo, event: ClusterEvent): boolean {
    return event.kind === 'NodeAdd' || event.kind === 'NodeUpdate'
  }

  /** kube: VolumeBinding registers PersistentVolumeClaim, PersistentVolume and StorageClass Add/Update. */
  isSchedulableAfterStorage(_pod: PodInfo, _event: StorageEvent): boolean {
    return true
  }

  preFilter(pod: PodInfo): State | Skip | PreFilterRejection {
    const volumes = pod.pod.spec?.volumes
    if (!volumes?.some((v) => v.persistentVolumeClaim)) return SKIP
    const volumeTerms: TermMatcher[][] = []
    for (const v of volumes) {
      const name = v.persistentVolumeClaim?.claimName
      if (!name) continue
      const pvc = this.claims.get(pod.namespace, name)
      if (!pvc) return new PreFilterRejection(unresolvable(`persistentvolumeclaim "${name}" not found`))
      if (pvc.metadata?.deletionTimestamp) return new PreFilterRejection(unresolvable(`persistentvolumeclaim "${name}" is being deleted`))
      const volumeName = pvc.spec?.volumeName
      if (!volumeName) {
        const className = pvc.spec?.storageClassName ?? ''
        const sc = className ? this.classes.get(undefined, className) : undefined
        // kube: IsDelayBindingClaim — only a class that exists and says WaitForFirstConsumer waits.
        if (sc?.volumeBindingMode !== 'WaitForFirstConsumer') return new PreFilterRejection(BIND_CONFLICT)
        continue
      }
      const pv = this.volumes.get(undefined, volumeName)
      const terms = pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms
      if (terms?.length) volumeTerms.push(terms.map(compileTerm))
    }
    return { volumeTerms }
  }

  filter(state: State, _pod: PodInfo, node: NodeInfo): FilterStatus | undefined {
    for (const terms of state.volumeTerms) if (!terms.some((t) => t(node))) return NODE_CONFLICT
    return undefined
  }

  filterNodes(state: State, pod: PodInfo, nodes: NodeInfo[], n: number, reject: Rejector): number {
    return keepFeasible(nodes, n, reject, NAME, (node) => this.filter(state, pod, node))
  }
}
