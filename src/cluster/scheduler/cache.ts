/**
 * The scheduler's cache (kube: pkg/scheduler/backend/cache): a NodeInfo per node, updated pod by
 * pod from the informers. A pod the scheduler has just bound is "assumed" onto its node at once,
 * so the next pod in the same batch already sees its requests; the informer's update confirms it.
 */
import type { Node } from 'kubernetes-types/core/v1'
import { NodeInfo, type NodeView } from './nodeinfo'
import type { PodInfo } from './podinfo'

interface PodState {
  node: string
  info: PodInfo
  assumed: boolean
}

/** Told when a pod starts or stops counting on a node (plugins keep their own indexes with it). */
export interface PodListener {
  added(info: PodInfo, node: string): void
  removed(info: PodInfo, node: string): void
}

export class SchedulerCache {
  private readonly nodeInfos = new Map<string, NodeInfo>()
  /** Nodes that exist, in the order they were added: what a scheduling cycle walks. */
  private nodeList: NodeInfo[] = []
  private readonly podStates = new Map<string, PodState>()
  private listeners: PodListener[] = []

  addPodListener(l: PodListener): void {
    this.listeners.push(l)
  }

  /** Every pod counted on a node, assumed ones included. */
  *pods(): IterableIterator<{ info: PodInfo; node: string }> {
    for (const s of this.podStates.values()) yield s
  }

  nodes(): readonly NodeInfo[] {
    return this.nodeList
  }

  node(name: string): NodeInfo | undefined {
    const n = this.nodeInfos.get(name)
    return n?.node ? n : undefined
  }

  get numNodes(): number {
    return this.nodeList.length
  }

  /** Adds or updates a node; returns what it looked like before when it existed. */
  setNode(node: Node): { info: NodeInfo; old?: NodeView } {
    const name = node.metadata?.name ?? ''
    let info = this.nodeInfos.get(name)
    if (!info) {
      info = new NodeInfo(name, node)
      this.nodeInfos.set(name, info)
      this.nodeList.push(info)
      return { info }
    }
    const existed = info.node !== undefined
    const old: NodeView | undefined = existed
      ? { name: info.name, taints: info.taints, labels: info.labels, unschedulable: info.unschedulable, allocatable: info.allocatable }
      : undefined
    info.setNode(node)
    if (!existed) this.nodeList.push(info)
    return { info, old }
  }

  removeNode(name: string): void {
    const info = this.nodeInfos.get(name)
    if (!info?.node) return
    info.node = undefined
    this.nodeList = this.nodeList.filter((n) => n !== info)
    // kube: a NodeInfo without its Node lives on while pods still point at it.
    if (info.pods.size === 0) this.nodeInfos.delete(name)
  }

  /** The scheduler bound `info` to `node` (or is about to): count it there now. */
  assumePod(info: PodInfo, node: string): void {
    this.removePod(info.uid)
    this.podStates.set(info.uid, { node, info, assumed: true })
    this.infoFor(node).addPod(info)
    for (const l of this.listeners) l.added(info, node)
  }

  /** The bind failed: undo assumePod. */
  forgetPod(uid: string): void {
    const s = this.podStates.get(uid)
    if (s?.assumed) this.removePod(uid)
  }

  isAssumed(uid: string): boolean {
    return this.podStates.get(uid)?.assumed === true
  }

  /**
   * The informer reports the pod on `node`: if we already count it there (assumed or not), it is
   * now confirmed and true is returned — a bound pod's requests never change.
   */
  confirmPod(uid: string, node: string): boolean {
    const s = this.podStates.get(uid)
    if (!s || s.node !== node) return false
    s.assumed = false
    return true
  }

  /** An assigned pod as the informer reports it. */
  addPod(info: PodInfo, node: string): void {
    if (this.confirmPod(info.uid, node)) return
    this.removePod(info.uid)
    this.podStates.set(info.uid, { node, info, assumed: false })
    this.infoFor(node).addPod(info)
    for (const l of this.listeners) l.added(info, node)
  }

  /** Returns whether the pod was counted on a node. */
  removePod(uid: string): boolean {
    const s = this.podStates.get(uid)
    if (!s) return false
    this.podStates.delete(uid)
    const ni = this.nodeInfos.get(s.node)
    ni?.removePod(uid)
    if (ni && !ni.node && ni.pods.size === 0) this.nodeInfos.delete(s.node)
    for (const l of this.listeners) l.removed(s.info, s.node)
    return true
  }

  nodeOf(uid: string): string | undefined {
    return this.podStates.get(uid)?.node
  }

  private infoFor(node: string): NodeInfo {
    let ni = this.nodeInfos.get(node)
    if (!ni) this.nodeInfos.set(node, (ni = new NodeInfo(node)))
    return ni
  }
}
