/**
 * The pod garbage collector (kube: pkg/controller/podgc, kube-controller-manager's
 * pod-garbage-collector). Every 20 s it looks for pods bound to a node that does not exist; a node
 * missing for a 40 s quarantine (and still missing when asked again) is gone for good, so its pods
 * are marked Failed with the DisruptionTarget condition (reason DeletionByPodGC) and deleted at once:
 * there is no kubelet left to stop their containers.
 */
import type { Node, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../../component'
import type { KubeObject, RequestContext, Writable } from '../../apiserver/types'
import { isNotFound } from '../../apiserver/types'
import { INDEX_NODE_NAME, nodeNameIndex, type Informer } from '../../informers/informer'

export const POD_GC = 'pod-garbage-collector'
/** kube: gcCheckPeriod */
export const GC_CHECK_PERIOD_MS = 20_000
/** kube: quarantineTime — how long a node must be missing before its pods are collected. */
export const QUARANTINE_MS = 40_000

export class PodGCController {
  private readonly pods: Informer<Pod>
  private readonly nodes: Informer<Node>
  private readonly ctx: RequestContext = { actor: POD_GC }
  /** Node names pods are bound to that no Node has: name → when a check first saw it missing. */
  private readonly missing = new Map<string, number | undefined>()
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.pods = c.informers.for<Pod>('Pod')
    this.nodes = c.informers.for<Node>('Node')
    this.pods.addIndex(INDEX_NODE_NAME, nodeNameIndex)
  }

  start(): void {
    if (this.started) return
    this.started = true
    const notice = (pod: Pod) => {
      const node = pod.spec?.nodeName
      if (node && !this.missing.has(node) && !this.nodes.get(undefined, node)) this.missing.set(node, undefined)
    }
    this.pods.addEventHandler({ add: notice, update: (_old, pod) => notice(pod) })
    this.nodes.addEventHandler({
      delete: (node) => {
        const name = node.metadata!.name!
        if (!this.missing.has(name) && this.pods.byIndex(INDEX_NODE_NAME, name).length) this.missing.set(name, undefined)
      },
    })
    const tick = () => {
      this.gc()
      this.c.clock.schedule(GC_CHECK_PERIOD_MS, tick, `${POD_GC}: gc`)
    }
    this.c.clock.schedule(GC_CHECK_PERIOD_MS, tick, `${POD_GC}: gc`)
  }

  /** kube: gcOrphaned — quarantine unknown nodes, then collect the pods of those confirmed gone. */
  gc(): void {
    const now = this.c.clock.now()
    for (const [name, since] of [...this.missing]) {
      const pods = this.pods.byIndex(INDEX_NODE_NAME, name)
      if (this.nodes.get(undefined, name) || pods.length === 0) {
        this.missing.delete(name)
        continue
      }
      if (since === undefined) {
        this.missing.set(name, now)
        continue
      }
      if (now - since < QUARANTINE_MS) continue
      // kube: discoverDeletedNodes asks the API server, not the cache, before deleting anything.
      if (this.c.api.find('Node', undefined, name)) continue
      for (const pod of pods) this.markFailedAndDelete(pod)
      this.missing.delete(name)
    }
  }

  /** kube: markFailedAndDeletePodWithCondition. */
  private markFailedAndDelete(pod: Pod): void {
    const { api, clock } = this.c
    const phase = pod.status?.phase
    try {
      if (phase !== 'Succeeded' && phase !== 'Failed') {
        const next = structuredClone(pod) as Writable<Pod>
        const status = (next.status ??= {}) as PodStatus & { phase?: string; conditions?: PodCondition[] }
        status.phase = 'Failed'
        const condition: PodCondition = {
          type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC',
          message: 'PodGC: node no longer exists', lastTransitionTime: clock.timestamp(),
        }
        status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'), condition]
        api.updateStatus(next as KubeObject, this.ctx)
      }
      api.delete('Pod', pod.metadata?.namespace, pod.metadata!.name!, this.ctx, { gracePeriodSeconds: 0, uid: pod.metadata?.uid })
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }
}
