/**
 * One simulated kubelet: registers its Node, renews its Lease, posts node status, and runs the pods
 * bound to it through a PodWorker each. Killing it stops all of that at once, as pulling the plug
 * on a machine does; restoring it is a reboot.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { Lease } from 'kubernetes-types/coordination/v1'
import type { ComponentContext } from '../component'
import type { KubeObject } from '../apiserver/types'
import { isAlreadyExists, isNotFound } from '../apiserver/types'
import { HEARTBEAT_JITTER, PRELOADED_IMAGES } from './constants'
import { ImageStore } from './image-store'
import {
  buildLease, buildNode, buildNodeStatus, healthyConditions, LEASE_NAMESPACE, nodeAddresses, type NodeSpecInput,
} from './node-object'
import { PodWorker, type KubeletHost } from './pod-worker'
import { VOLUME_POLL_MS, waitsForClaims } from './volumes'
import type { PodNetwork } from '../network/types'
import { NODE_OVERHEAD, NodeUsage, nodeCapacity, type PodStats, type StatsSummary } from './usage'

/** Formatted seconds shared by every kubelet of the process (a pure function of the time). */
const stamps = new Map<number, string>()

export class Kubelet implements KubeletHost {
  readonly nodeName: string
  readonly actor: string
  readonly images = new ImageStore(PRELOADED_IMAGES)
  readonly hostIP: string
  private readonly source: { component: string; host: string }
  readonly podPrefix: string
  private running = false
  private generation = 0
  private workers = new Map<string, PodWorker>()
  /** Pod IP → its worker: where the container network delivers a packet (network/network.ts). */
  private byIP = new Map<string, PodWorker>()
  private waitingForClaims = new Set<string>()
  private usedIPs = new Set<number>()
  private lastIP = 1
  private lastReport = -Infinity
  private postedImagesVersion = -1
  private ids: { bootID: string; machineID: string; systemUUID: string }
  /** Resource usage of the containers (kubelet/usage.ts), read by metrics-server. */
  readonly usage: NodeUsage
  private bootedAt = 0

  constructor(readonly ctx: ComponentContext, readonly spec: NodeSpecInput, readonly index: number,
    private readonly net: () => PodNetwork | undefined = () => undefined) {
    this.nodeName = spec.name
    this.actor = `kubelet/${spec.name}`
    this.source = { component: 'kubelet', host: spec.name }
    const addr = nodeAddresses(index)
    this.hostIP = addr.internalIP
    this.podPrefix = addr.podPrefix
    const r = ctx.clock.random
    const hex32 = () => r.uuid().replace(/-/g, '')
    this.ids = { bootID: r.uuid(), machineID: hex32(), systemUUID: r.uuid() }
    this.usage = new NodeUsage(nodeCapacity(spec.cpu, spec.memory).cores, () => ctx.clock.now())
  }

  alive(): boolean {
    return this.running
  }

  /** The cluster network the pods' processes reach, once it runs (cluster-extras starts it). */
  get network(): PodNetwork | undefined {
    return this.net()
  }

  /** The running pod that holds `ip` on this machine. */
  workerByIP(ip: string): PodWorker | undefined {
    return this.running ? this.byIP.get(ip) : undefined
  }

  podIPAssigned(ip: string, worker: PodWorker): void {
    this.byIP.set(ip, worker)
  }

  /** Boots the kubelet: registers (or re-syncs) the Node, posts Ready, takes the Lease, runs pods. */
  start(rebooted = false): void {
    if (this.running) return
    this.running = true
    const gen = ++this.generation
    this.bootedAt = this.ctx.clock.now()
    if (rebooted) this.ids = { ...this.ids, bootID: this.ctx.clock.random.uuid() }
    this.images.reset()
    this.usedIPs.clear()
    this.byIP.clear()
    const node = this.register()
    this.record(node, 'Normal', 'Starting', 'Starting kubelet.')
    this.postStatus(true)
    this.renewLease()
    const jitter = (ms: number) => ms * (1 + this.ctx.clock.random.next() * HEARTBEAT_JITTER)
    const loop = (ms: () => number, fn: () => void, label: string) => {
      const tick = () => {
        if (gen !== this.generation) return
        fn()
        this.ctx.clock.schedule(ms(), tick, label)
      }
      this.ctx.clock.schedule(ms(), tick, label)
    }
    loop(() => this.ctx.timings.nodeLeaseRenewIntervalMs, () => this.renewLease(), `${this.actor}: renew lease`)
    loop(() => jitter(this.ctx.timings.nodeStatusUpdateFrequencyMs), () => this.postStatus(false), `${this.actor}: node status`)
    const pods = this.ctx.informers.for<Pod>('Pod').byIndex('spec.nodeName', this.nodeName)
    for (const pod of pods) this.podChanged(pod, rebooted)
  }

  /** The machine is gone: no heartbeat, no status, no reaction; its containers are dead. */
  stop(): void {
    if (!this.running) return
    this.running = false
    this.generation++
    for (const w of this.workers.values()) w.kill()
    this.workers.clear()
    this.byIP.clear()
  }

  /** A pod bound to this node was added or changed (dispatched by the NodeSimulator's informer). */
  podChanged(pod: Pod, rebooted = false): void {
    if (!this.running) return
    const uid = pod.metadata!.uid!
    const worker = this.workers.get(uid)
    if (worker) return worker.update(pod)
    if (pod.metadata?.deletionTimestamp && rebooted) {
      // Its containers died with the node: nothing is left to stop.
      const w = new PodWorker(this, pod, true)
      this.workers.set(uid, w)
      return w.terminate()
    }
    const phase = pod.status?.phase
    if (phase === 'Succeeded' || phase === 'Failed') return
    // Volumes: the pod starts only once the claims it mounts are Bound.
    if (!pod.metadata?.deletionTimestamp && waitsForClaims(pod, this.ctx.informers)) return this.waitForClaims(pod)
    const w = new PodWorker(this, pod, rebooted && this.hasRun(pod))
    this.workers.set(uid, w)
    if (pod.metadata?.deletionTimestamp) return w.terminate()
    w.start()
  }

  /** Looks again every VOLUME_POLL_MS, as the volume manager polls, until the claims are Bound. */
  private waitForClaims(pod: Pod): void {
    const uid = pod.metadata!.uid!
    if (this.waitingForClaims.has(uid)) return
    this.waitingForClaims.add(uid)
    const gen = this.generation
    this.ctx.clock.schedule(VOLUME_POLL_MS, () => {
      this.waitingForClaims.delete(uid)
      const cur = this.ctx.informers.for<Pod>('Pod').get(pod.metadata?.namespace, pod.metadata!.name!)
      if (gen === this.generation && cur?.metadata?.uid === uid && !this.workers.has(uid)) this.podChanged(cur)
    }, `${this.actor}: wait for volumes`)
  }

  podDeleted(pod: Pod): void {
    const uid = pod.metadata!.uid!
    this.workers.get(uid)?.release()
    this.workers.delete(uid)
  }

  worker(namespace: string, name: string): PodWorker | undefined {
    const pod = this.ctx.informers.for<Pod>('Pod').get(namespace, name)
    return pod ? this.workers.get(pod.metadata!.uid!) : undefined
  }

  /** kube: the kubelet's /stats/summary resource usage (what metrics-server scrapes); none when down. */
  statsSummary(): StatsSummary | undefined {
    if (!this.running) return undefined
    const now = this.ctx.clock.now()
    const overhead = this.spec.controlPlane ? NODE_OVERHEAD.controlPlane : NODE_OVERHEAD.worker
    const pods: PodStats[] = []
    for (const w of this.workers.values()) {
      const containers = w.all.map((c) => this.usage.stats(c)).filter((s) => s !== undefined)
      if (!containers.length) continue
      const m = w.pod.metadata!
      pods.push({ podRef: { name: m.name!, namespace: m.namespace!, uid: m.uid! }, containers })
    }
    return {
      nodeName: this.nodeName, time: now, capacity: nodeCapacity(this.spec.cpu, this.spec.memory), pods,
      system: { startTime: this.bootedAt, usageCoreNanoSeconds: Math.round(overhead.idleMillicores * (now - this.bootedAt) * 1e3), workingSetBytes: overhead.memoryBytes },
    }
  }

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, container?: string): void {
    // kube: container events name their container in involvedObject.fieldPath, e.g.
    // `spec.containers{nginx}`; since v1.35 the message itself no longer carries the name.
    this.ctx.events.record(obj, type, reason, message, this.source, container && containerFieldPath(obj as Pod, container))
  }

  timestamp(ms: number): string {
    const second = Math.floor(ms / 1000)
    let t = stamps.get(second)
    if (t === undefined) {
      if (stamps.size > 4096) stamps.clear()
      stamps.set(second, (t = this.ctx.clock.timestamp(second * 1000)))
    }
    return t
  }

  /** kind's host-local IPAM: the next free address of the node's /24, from .2 upward, wrapping. */
  allocateIP(): string {
    for (let i = 0; i < 253; i++) {
      this.lastIP = this.lastIP >= 254 ? 2 : this.lastIP + 1
      if (!this.usedIPs.has(this.lastIP)) {
        this.usedIPs.add(this.lastIP)
        return `${this.podPrefix}.${this.lastIP}`
      }
    }
    throw new Error(`${this.nodeName}: no pod IP left in ${this.podPrefix}.0/24`)
  }

  releaseIP(ip: string): void {
    this.byIP.delete(ip)
    this.usedIPs.delete(Number(ip.slice(ip.lastIndexOf('.') + 1)))
  }

  // ---- registration and heartbeats ----------------------------------------------------------

  private register(): Node {
    const api = this.ctx.api
    try {
      return api.create(buildNode(this.spec, this.index), { actor: this.actor })
    } catch (e) {
      if (!isAlreadyExists(e)) throw e
      return api.get<Node>('Node', undefined, this.nodeName)
    }
  }

  /**
   * kube: the kubelet posts status every nodeStatusUpdateFrequency if anything but heartbeats
   * changed, and at least every nodeStatusReportFrequency.
   */
  private postStatus(force: boolean): void {
    const node = this.ctx.informers.for<Node>('Node').get(undefined, this.nodeName) ?? this.ctx.api.find<Node>('Node', undefined, this.nodeName)
    if (!node) return
    const now = this.ctx.clock.now()
    const ts = this.ctx.clock.timestamp()
    const { conditions, events } = healthyConditions(node.status?.conditions, ts)
    const changed = events.length > 0 || this.postedImagesVersion !== this.images.version
    if (!force && !changed && now - this.lastReport < this.ctx.timings.nodeStatusReportFrequencyMs) return
    const status = buildNodeStatus(this.spec, this.index, this.ids, conditions, this.images.nodeStatusImages())
    try {
      this.ctx.api.updateStatus({ apiVersion: 'v1', kind: 'Node', metadata: { name: this.nodeName }, status }, { actor: this.actor })
    } catch (e) {
      if (isNotFound(e)) return
      throw e
    }
    this.lastReport = now
    this.postedImagesVersion = this.images.version
    for (const reason of events) {
      if (force && reason === 'NodeReady') this.record(node, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods')
      this.record(node, 'Normal', reason, `Node ${this.nodeName} status is now: ${reason}`)
    }
  }

  private renewLease(): void {
    const api = this.ctx.api
    const renewTime = this.ctx.clock.microTimestamp()
    const existing = api.find<Lease>('Lease', LEASE_NAMESPACE, this.nodeName)
    if (existing) {
      api.patch('Lease', LEASE_NAMESPACE, this.nodeName, { spec: { holderIdentity: this.nodeName, renewTime } }, { actor: this.actor })
      return
    }
    const node = api.find<Node>('Node', undefined, this.nodeName)
    const lease = buildLease(this.nodeName, node?.metadata?.uid, renewTime, Math.round(this.ctx.timings.nodeLeaseDurationMs / 1000))
    api.create(lease as KubeObject, { actor: this.actor })
  }

  private hasRun(pod: Pod): boolean {
    return (pod.status?.containerStatuses ?? []).some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated)
  }
}

function containerFieldPath(pod: Pod, container: string): string {
  const init = pod.spec?.initContainers?.some((c) => c.name === container)
  return `spec.${init ? 'initContainers' : 'containers'}{${container}}`
}
