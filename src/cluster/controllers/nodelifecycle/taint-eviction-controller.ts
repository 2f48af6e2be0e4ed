/**
 * kube: pkg/controller/tainteviction (kube-controller-manager's taint-eviction-controller). A pod on
 * a node with a NoExecute taint it does not tolerate is deleted at once; one that tolerates it for
 * tolerationSeconds is deleted when that time has passed since the taint was added; the deletion is
 * cancelled if the taint goes away first. With DefaultTolerationSeconds every pod tolerates
 * not-ready and unreachable for 300 s.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../../component'
import type { TimerId } from '../../clock'
import type { Informer } from '../../informers/informer'
import { INDEX_NODE_NAME, nodeNameIndex } from '../../informers/informer'
import { WorkQueue } from '../../informers/workqueue'
import { isNotFound } from '../../apiserver/types'
import { matchingTolerations, minTolerationMs, noExecute } from './taints'

const NAME = 'taint-eviction-controller'
const ACTOR = { actor: NAME }
const SOURCE = { component: NAME }

export class TaintEvictionController {
  private nodes!: Informer<Node>
  private pods!: Informer<Pod>
  private nodeQueue: WorkQueue
  private podQueue: WorkQueue
  /** Pods whose deletion is scheduled: key → timer and when it fires. */
  private scheduled = new Map<string, { timer: TimerId; at: number }>()
  /** Nodes that have NoExecute taints now, so pod updates elsewhere cost a map lookup. */
  private tainted = new Map<string, Taint[]>()
  private started = false

  constructor(private readonly ctx: ComponentContext) {
    this.nodeQueue = new WorkQueue(ctx.clock, `${NAME}: nodes`, (name) => this.handleNode(name))
    this.podQueue = new WorkQueue(ctx.clock, `${NAME}: pods`, (key) => this.handlePod(key))
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.nodes = this.ctx.informers.for<Node>('Node')
    this.pods = this.ctx.informers.for<Pod>('Pod')
    this.pods.addIndex(INDEX_NODE_NAME, nodeNameIndex)
    this.nodes.addEventHandler({
      add: (n) => this.nodeQueue.add(n.metadata!.name!),
      update: (o, n) => {
        if (JSON.stringify(noExecute(o.spec?.taints)) !== JSON.stringify(noExecute(n.spec?.taints))) this.nodeQueue.add(n.metadata!.name!)
      },
      delete: (n) => this.nodeQueue.add(n.metadata!.name!),
    })
    const podKey = (p: Pod) => `${p.metadata!.namespace}/${p.metadata!.name}`
    this.pods.addEventHandler({
      add: (p) => {
        if (p.spec?.nodeName && this.tainted.has(p.spec.nodeName)) this.podQueue.add(podKey(p))
      },
      update: (o, p) => {
        const node = p.spec?.nodeName
        if (!node || !this.tainted.has(node)) return
        if (o.spec?.nodeName !== node || JSON.stringify(o.spec?.tolerations) !== JSON.stringify(p.spec?.tolerations)) this.podQueue.add(podKey(p))
      },
      delete: (p) => this.cancel(podKey(p), false),
    })
  }

  private handleNode(name: string): void {
    const node = this.nodes.get(undefined, name)
    const taints = noExecute(node?.spec?.taints)
    if (taints.length) this.tainted.set(name, taints)
    else this.tainted.delete(name)
    for (const pod of this.pods.byIndex(INDEX_NODE_NAME, name)) this.processPod(pod, taints)
  }

  private handlePod(key: string): void {
    const [namespace, name] = key.split('/')
    const pod = this.pods.get(namespace, name)
    if (!pod) return this.cancel(key, false)
    const taints = pod.spec?.nodeName ? this.tainted.get(pod.spec.nodeName) : undefined
    if (taints) this.processPod(pod, taints)
  }

  /** kube: processPodOnNode. */
  private processPod(pod: Pod, taints: Taint[]): void {
    const key = `${pod.metadata!.namespace}/${pod.metadata!.name}`
    if (!taints.length) return this.cancel(key, true)
    const { all, used } = matchingTolerations(taints, pod.spec?.tolerations ?? [])
    const now = this.ctx.clock.now()
    if (!all) return this.schedule(key, now)
    const min = minTolerationMs(used)
    if (min < 0) return this.cancel(key, true)
    // The eviction clock starts when the taint was added (kube: when the controller first saw it;
    // the same instant here, and it survives a controller restart).
    const since = Math.min(...taints.map((t) => (t.timeAdded ? Date.parse(t.timeAdded) : now)))
    this.schedule(key, since + min)
  }

  private schedule(key: string, at: number): void {
    const existing = this.scheduled.get(key)
    if (existing && existing.at <= at) return
    if (existing) this.ctx.clock.cancel(existing.timer)
    const timer = this.ctx.clock.schedule(Math.max(0, at - this.ctx.clock.now()), () => this.evict(key), `${NAME}: evict ${key}`)
    this.scheduled.set(key, { timer, at })
  }

  private cancel(key: string, withEvent: boolean): void {
    const existing = this.scheduled.get(key)
    if (!existing) return
    this.ctx.clock.cancel(existing.timer)
    this.scheduled.delete(key)
    const [namespace, name] = key.split('/')
    const pod = this.pods.get(namespace, name)
    if (withEvent && pod) this.ctx.events.record(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, SOURCE)
  }

  /** kube: addConditionAndDeletePod, after the `Marking for deletion` event. */
  private evict(key: string): void {
    this.scheduled.delete(key)
    const [namespace, name] = key.split('/')
    const pod = this.pods.get(namespace, name)
    if (!pod || pod.metadata?.deletionTimestamp) return
    this.ctx.events.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, SOURCE)
    try {
      const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget')
      conditions.push({
        type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: this.ctx.clock.timestamp(),
      })
      this.ctx.api.patch('Pod', namespace, name, { status: { conditions } }, ACTOR, { subresource: 'status' })
      this.ctx.api.delete('Pod', namespace, name, ACTOR)
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }
}
