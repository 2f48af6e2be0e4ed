/**
 * kube: pkg/controller/nodelifecycle. Every nodeMonitorPeriod it checks each node's heartbeat (its
 * Lease and its Ready condition). A node silent for nodeMonitorGracePeriod gets its conditions set
 * to Unknown, its pods marked not Ready, and the `unreachable` taints; a node whose kubelet reports
 * Ready=False gets the `not-ready` taints. When the kubelet posts Ready again, the taints go.
 * Evicting the pods is the TaintEvictionController's job.
 */
import type { Node, NodeCondition, Pod, Taint } from 'kubernetes-types/core/v1'
import type { Lease } from 'kubernetes-types/coordination/v1'
import type { ComponentContext } from '../../component'
import type { Informer } from '../../informers/informer'
import { INDEX_NODE_NAME, nodeNameIndex } from '../../informers/informer'
import { WorkQueue } from '../../informers/workqueue'
import { isConflict, isNotFound } from '../../apiserver/types'
import { TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE } from './taints'

const ACTOR = { actor: 'node-lifecycle-controller' }
const SOURCE = { component: 'node-controller' }
const LEASE_NAMESPACE = 'kube-node-lease'
const CONDITION_TYPES = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']

export class NodeLifecycleController {
  private nodes!: Informer<Node>
  private leases!: Informer<Lease>
  private pods!: Informer<Pod>
  private queue: WorkQueue
  private known = new Set<string>()
  /** The Ready status seen at the previous pass, to notice transitions (kube: nodeHealthMap). */
  private observedReady = new Map<string, string>()
  private parsed = new Map<string, { text: string; ms: number }>()
  private started = false

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.clock, 'node-lifecycle-controller', (key) => this.reconcileTaints(key))
  }

  start(): void {
    if (this.started) return
    this.started = true
    const { informers, clock, timings } = this.ctx
    this.nodes = informers.for<Node>('Node')
    this.leases = informers.for<Lease>('Lease')
    this.pods = informers.for<Pod>('Pod')
    this.pods.addIndex(INDEX_NODE_NAME, nodeNameIndex)
    this.nodes.addEventHandler({
      add: (n) => this.queue.add(n.metadata!.name!),
      update: (o, n) => {
        if (readyStatus(o) !== readyStatus(n) || !!o.spec?.unschedulable !== !!n.spec?.unschedulable) this.queue.add(n.metadata!.name!)
      },
      delete: (n) => {
        this.known.delete(n.metadata!.name!)
        this.observedReady.delete(n.metadata!.name!)
      },
    })
    const tick = () => {
      clock.schedule(timings.nodeMonitorPeriodMs, tick, 'node-lifecycle-controller: monitor')
      this.monitorNodeHealth()
    }
    clock.schedule(timings.nodeMonitorPeriodMs, tick, 'node-lifecycle-controller: monitor')
  }

  /** kube: monitorNodeHealth — one cheap check per node; pods are touched only on a transition. */
  monitorNodeHealth(): void {
    const now = this.ctx.clock.now()
    for (const node of this.nodes.list()) {
      const name = node.metadata!.name!
      if (!this.known.has(name)) {
        this.known.add(name)
        this.ctx.events.record(node, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`, SOURCE)
      }
      let current = node
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready')
      const grace = ready ? this.ctx.timings.nodeMonitorGracePeriodMs : this.ctx.timings.nodeStartupGracePeriodMs
      const probe = Math.max(this.leaseRenewMs(name), this.time(ready?.lastHeartbeatTime), this.time(node.metadata?.creationTimestamp))
      if (ready?.status !== 'Unknown' && now > probe + grace) current = this.markUnknown(node, !ready) ?? node
      const status = readyStatus(current)
      const previous = this.observedReady.get(name)
      this.observedReady.set(name, status)
      if (previous === 'True' && status !== 'True') {
        this.ctx.events.record(current, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, SOURCE)
        this.markPodsNotReady(name)
      }
      this.queue.add(name)
    }
  }

  /** kube: tryUpdateNodeHealth — the kubelet is silent: every condition it owns becomes Unknown. */
  private markUnknown(node: Node, neverPosted: boolean): Node | undefined {
    const now = this.ctx.clock.timestamp()
    const reason = neverPosted ? 'NodeStatusNeverUpdated' : 'NodeStatusUnknown'
    const message = neverPosted ? 'Kubelet never posted node status.' : 'Kubelet stopped posting node status.'
    const conditions: NodeCondition[] = [...(node.status?.conditions ?? [])]
    for (const type of CONDITION_TYPES) {
      const i = conditions.findIndex((c) => c.type === type)
      const old = conditions[i]
      const updated: NodeCondition = {
        type, status: 'Unknown', reason, message,
        lastHeartbeatTime: old?.lastHeartbeatTime ?? node.metadata?.creationTimestamp,
        lastTransitionTime: now,
      }
      if (i >= 0) conditions[i] = updated
      else conditions.push(updated)
    }
    const next: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: node.metadata!.name, resourceVersion: node.metadata!.resourceVersion }, status: { ...structuredClone(node.status ?? {}), conditions } }
    try {
      return this.ctx.api.updateStatus(next, ACTOR)
    } catch (e) {
      // A newer heartbeat won the race, or the node is gone: look again at the next pass.
      if (isNotFound(e) || isConflict(e)) return undefined
      throw e
    }
  }

  /** kube: MarkPodsNotReady, with the `NodeNotReady` event on each pod. */
  private markPodsNotReady(nodeName: string): void {
    const now = this.ctx.clock.timestamp()
    for (const pod of this.pods.byIndex(INDEX_NODE_NAME, nodeName)) {
      const conds = pod.status?.conditions ?? []
      const i = conds.findIndex((c) => c.type === 'Ready')
      if (i < 0 || conds[i].status === 'False') continue
      const conditions = conds.map((c, j) => (j === i ? { ...c, status: 'False', lastTransitionTime: now } : c))
      try {
        this.ctx.api.patch('Pod', pod.metadata!.namespace, pod.metadata!.name!, { status: { conditions } }, ACTOR, { subresource: 'status' })
        this.ctx.events.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready', SOURCE)
      } catch (e) {
        if (!isNotFound(e)) throw e
      }
    }
  }

  /**
   * kube: doNoScheduleTaintingPass and doNoExecuteTaintingPass (without the eviction rate limiter):
   * Ready=False → not-ready, Ready=Unknown → unreachable, each NoSchedule and NoExecute.
   */
  private reconcileTaints(name: string): void {
    const node = this.nodes.get(undefined, name)
    if (!node) return
    const status = readyStatus(node)
    const wantKey = status === 'False' ? TAINT_NOT_READY : status === 'Unknown' ? TAINT_UNREACHABLE : undefined
    const taints = node.spec?.taints ?? []
    const managed = (t: Taint) => (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE) && (t.effect === 'NoSchedule' || t.effect === 'NoExecute')
    const cordoned = !!node.spec?.unschedulable
    const keep = taints.filter((t) => (!managed(t) || t.key === wantKey) && (t.key !== TAINT_UNSCHEDULABLE || cordoned))
    const add: Taint[] = []
    if (cordoned && !keep.some((t) => t.key === TAINT_UNSCHEDULABLE)) add.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: this.ctx.clock.timestamp() })
    if (wantKey) {
      const now = this.ctx.clock.timestamp()
      if (!keep.some((t) => t.key === wantKey && t.effect === 'NoSchedule')) add.push({ key: wantKey, effect: 'NoSchedule' })
      // kube: only NoExecute taints carry timeAdded; the eviction clock starts there.
      if (!keep.some((t) => t.key === wantKey && t.effect === 'NoExecute')) add.push({ key: wantKey, effect: 'NoExecute', timeAdded: now })
    }
    if (keep.length === taints.length && !add.length) return
    const next = structuredClone(node) as Node
    next.spec = { ...(next.spec ?? {}), taints: [...keep, ...add] }
    if (!next.spec.taints!.length) delete next.spec.taints
    this.ctx.api.update(next, ACTOR)
  }

  private leaseRenewMs(name: string): number {
    const lease = this.leases.get(LEASE_NAMESPACE, name)
    return this.time(lease?.spec?.renewTime)
  }

  private time(text: string | undefined): number {
    if (!text) return -Infinity
    const cached = this.parsed.get(text)
    if (cached) return cached.ms
    const ms = Date.parse(text)
    if (this.parsed.size > 20_000) this.parsed.clear()
    this.parsed.set(text, { text, ms })
    return ms
  }
}

function readyStatus(node: Node): string {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown'
}
