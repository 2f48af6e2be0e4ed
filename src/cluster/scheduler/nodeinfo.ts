/**
 * One node as the scheduler sees it (kube: framework.NodeInfo): what it can hold, what the pods on
 * it already request, and the pods themselves. Kept up to date incrementally, pod by pod, so a
 * scheduling cycle never sums a node's pods.
 */
import type { Node, Taint } from 'kubernetes-types/core/v1'
import type { PodInfo, Resources } from './podinfo'
import { parseBytes, parseCpuMillis } from '../apiserver/quantity'

export interface Allocatable extends Resources {
  /** kube: Allocatable.AllowedPodNumber (status.allocatable.pods) */
  pods: number
}

/** What queueing hints compare between a node's old and new versions. */
export type NodeView = Pick<NodeInfo, 'name' | 'taints' | 'labels' | 'unschedulable' | 'allocatable'>

const NO_TAINTS: readonly Taint[] = Object.freeze([])
const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({})

export class NodeInfo {
  node?: Node
  name: string
  allocatable: Allocatable = { milliCPU: 0, memory: 0, pods: 0 }
  /** Sum of the pods' requests. */
  requested: Resources = { milliCPU: 0, memory: 0 }
  /** Sum with kube's defaults for containers without requests (scoring). */
  nonZeroRequested: Resources = { milliCPU: 0, memory: 0 }
  /** By pod uid; assumed pods (bound by us, not yet seen by the informer) included. */
  readonly pods = new Map<string, PodInfo>()
  /**
   * Flat copies of the numbers every cycle reads for every node (allocatable, requested,
   * nonZeroRequested cpu/memory and the pod count): one object to touch per node keeps the
   * filter and score loops out of the cache-miss business.
   */
  podCount = 0
  allocMilliCPU = 0
  allocMemory = 0
  allocPods = 0
  reqMilliCPU = 0
  reqMemory = 0
  nzMilliCPU = 0
  nzMemory = 0
  taints: readonly Taint[] = NO_TAINTS
  labels: Readonly<Record<string, string>> = NO_LABELS
  unschedulable = false

  constructor(name: string, node?: Node) {
    this.name = name
    if (node) this.setNode(node)
  }

  setNode(node: Node): void {
    this.node = node
    this.name = node.metadata?.name ?? this.name
    this.taints = node.spec?.taints ?? NO_TAINTS
    this.labels = node.metadata?.labels ?? NO_LABELS
    this.unschedulable = node.spec?.unschedulable === true
    this.allocatable = parseAllocatable(node)
    this.allocMilliCPU = this.allocatable.milliCPU
    this.allocMemory = this.allocatable.memory
    this.allocPods = this.allocatable.pods
  }

  addPod(p: PodInfo): void {
    if (this.pods.has(p.uid)) return
    this.pods.set(p.uid, p)
    addTo(this.requested, p.requests, 1)
    addTo(this.nonZeroRequested, p.nonZeroRequests, 1)
    this.sync()
  }

  removePod(uid: string): boolean {
    const p = this.pods.get(uid)
    if (!p) return false
    this.pods.delete(uid)
    addTo(this.requested, p.requests, -1)
    addTo(this.nonZeroRequested, p.nonZeroRequests, -1)
    this.sync()
    return true
  }

  private sync(): void {
    this.podCount = this.pods.size
    this.reqMilliCPU = this.requested.milliCPU
    this.reqMemory = this.requested.memory
    this.nzMilliCPU = this.nonZeroRequested.milliCPU
    this.nzMemory = this.nonZeroRequested.memory
  }
}

function addTo(into: Resources, r: Resources, sign: 1 | -1): void {
  into.milliCPU += sign * r.milliCPU
  into.memory += sign * r.memory
  if (r.scalar) {
    const s = (into.scalar ??= {})
    for (const k in r.scalar) s[k] = (s[k] ?? 0) + sign * r.scalar[k]
  }
}

/** kube: NodeInfo.SetNode reads status.allocatable (the kubelet reports it; capacity is the fallback). */
export function parseAllocatable(node: Node): Allocatable {
  const a = node.status?.allocatable ?? node.status?.capacity ?? {}
  const out: Allocatable = { milliCPU: 0, memory: 0, pods: 0 }
  for (const [k, q] of Object.entries(a)) {
    let v: number
    try {
      v = k === 'cpu' ? parseCpuMillis(q) : parseBytes(q)
    } catch {
      continue
    }
    if (k === 'cpu') out.milliCPU = v
    else if (k === 'memory') out.memory = v
    else if (k === 'pods') out.pods = v
    else (out.scalar ??= {})[k] = v
  }
  return out
}
