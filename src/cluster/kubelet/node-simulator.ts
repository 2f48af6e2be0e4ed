/**
 * The machines of the cluster: one Kubelet per node, all fed by one shared Pod informer whose
 * `spec.nodeName` index says which kubelet a pod belongs to (5,000 kubelets, one watch).
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../component'
import { ApiError, isNotFound } from '../apiserver/types'
import { INDEX_NODE_NAME, nodeNameIndex } from '../informers/informer'
import type { LogLine } from './container-logs'
import { Kubelet } from './kubelet'
import type { NodeSpecInput } from './node-object'
import type { NetworkNodes, PodEndpoint } from '../network/network'
import type { PodNetwork } from '../network/types'
import type { ExecResult } from './container-runtime'

export interface LogOptions {
  /** `kubectl logs --previous`: the instance before the current one. */
  previous?: boolean
}

export class NodeSimulator implements NetworkNodes {
  private kubelets = new Map<string, Kubelet>()
  /** Pod /24 prefix (`10.244.2`) and InternalIP → kubelet: where the network delivers packets. */
  private byPodPrefix = new Map<string, Kubelet>()
  private byHostIP = new Map<string, Kubelet>()
  /** The cluster network (network/network.ts sets it when it starts): pods' requests and DNS. */
  network?: PodNetwork
  private started = false
  /** Machines ever added: a new machine never reuses a removed one's addresses. */
  private added = 0

  constructor(private readonly ctx: ComponentContext) {}

  /** Watches pods for every kubelet. Idempotent; addNode calls it. */
  start(): void {
    if (this.started) return
    this.started = true
    const pods = this.ctx.informers.for<Pod>('Pod')
    pods.addIndex(INDEX_NODE_NAME, nodeNameIndex)
    pods.addEventHandler({
      add: (pod) => this.kubeletOf(pod)?.podChanged(pod),
      update: (_old, pod) => this.kubeletOf(pod)?.podChanged(pod),
      delete: (pod) => this.kubeletOf(pod)?.podDeleted(pod),
    })
  }

  /** Boots a new machine: its kubelet registers the Node and starts heartbeating at once. */
  addNode(spec: NodeSpecInput): Kubelet {
    if (this.kubelets.has(spec.name)) throw new Error(`node ${spec.name} already exists`)
    this.start()
    const kubelet = new Kubelet(this.ctx, spec, this.added++, () => this.network)
    this.kubelets.set(spec.name, kubelet)
    this.byPodPrefix.set(kubelet.podPrefix, kubelet)
    this.byHostIP.set(kubelet.hostIP, kubelet)
    kubelet.start()
    return kubelet
  }

  /** Pulls the plug: no heartbeats, no status, no reaction to pods; containers are dead. */
  kill(name: string): void {
    this.get(name).stop()
  }

  /**
   * The machine leaves the cluster, as `kubectl delete node` after switching it off: the kubelet
   * stops and the Node object is deleted. Its pods stay bound to the missing node until the pod
   * garbage collector (kube-controller-manager's podgc) removes them.
   */
  removeNode(name: string): void {
    const k = this.get(name)
    k.stop()
    this.kubelets.delete(name)
    this.byPodPrefix.delete(k.podPrefix)
    this.byHostIP.delete(k.hostIP)
    try {
      this.ctx.api.delete('Node', undefined, name, { actor: 'kubectl' })
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }

  /** Powers the machine back on: the kubelet boots again and recovers its pods. */
  restore(name: string): void {
    const k = this.get(name)
    if (!k.alive()) k.start(true)
  }

  isAlive(name: string): boolean {
    return this.kubelets.get(name)?.alive() ?? false
  }

  names(): string[] {
    return [...this.kubelets.keys()]
  }

  kubelet(name: string): Kubelet | undefined {
    return this.kubelets.get(name)
  }

  /**
   * A container's output, as the API server's pods/log subresource returns it through the kubelet.
   * Throws ApiError with the API server's texts when there is nothing to read.
   */
  logs(namespace: string, podName: string, container: string, options: LogOptions = {}): LogLine[] {
    const pod = this.ctx.informers.for<Pod>('Pod').get(namespace, podName)
    if (!pod) throw new ApiError(404, 'NotFound', `pods "${podName}" not found`)
    const isInit = pod.spec?.initContainers?.some((c) => c.name === container) ?? false
    if (!isInit && !pod.spec?.containers.some((c) => c.name === container)) {
      throw new ApiError(400, 'BadRequest', `container ${container} is not valid for pod ${podName}`)
    }
    const nodeName = pod.spec?.nodeName
    const kubelet = nodeName ? this.kubelets.get(nodeName) : undefined
    const status = (isInit ? pod.status?.initContainerStatuses : pod.status?.containerStatuses)?.find((s) => s.name === container)
    if (options.previous) {
      const buf = kubelet?.worker(namespace, podName)?.logs(container, true)
      if (!buf || !status?.lastState?.terminated) {
        throw new ApiError(400, 'BadRequest', `previous terminated container "${container}" in pod "${podName}" not found`)
      }
      return buf.read()
    }
    const waiting = status?.state?.waiting
    if (!status || (waiting && !status.lastState?.terminated)) {
      const reason = waiting?.reason ?? 'ContainerCreating'
      const why = reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? 'trying and failing to pull image'
        : reason === 'ErrImageNeverPull' || reason === 'InvalidImageName' ? `image can't be pulled` : reason
      throw new ApiError(400, 'BadRequest', `container "${container}" in pod "${podName}" is waiting to start: ${why}`)
    }
    if (kubelet && !kubelet.alive()) {
      throw new ApiError(500, 'BadRequest', `Get "https://${kubelet.hostIP}:10250/containerLogs/${namespace}/${podName}/${container}": dial tcp ${kubelet.hostIP}:10250: connect: no route to host`)
    }
    return kubelet?.worker(namespace, podName)?.logs(container, false)?.read() ?? []
  }

  // ---- the container network (NetworkNodes) -------------------------------------------------

  endpointByIP(ip: string): PodEndpoint | undefined {
    const k = this.byPodPrefix.get(ip.slice(0, ip.lastIndexOf('.')))
    const w = k?.workerByIP(ip)
    if (!k || !w) return undefined
    return { pod: w.pod, node: k.nodeName, ip, serve: (req) => w.serve(req) }
  }

  nodeOfPodIP(ip: string): string | undefined {
    return this.byPodPrefix.get(ip.slice(0, ip.lastIndexOf('.')))?.nodeName
  }

  nodeByHostIP(ip: string): string | undefined {
    return this.byHostIP.get(ip)?.nodeName
  }

  podIP(namespace: string, name: string): string | undefined {
    const pod = this.ctx.informers.for<Pod>('Pod').get(namespace, name)
    const k = pod?.spec?.nodeName ? this.kubelets.get(pod.spec.nodeName) : undefined
    return k?.alive() ? k.worker(namespace, name)?.podIP : undefined
  }

  hostIP(node: string): string | undefined {
    return this.kubelets.get(node)?.hostIP
  }

  /**
   * `kubectl exec`: runs argv in a container of a running pod at once, through its kubelet.
   * Throws ApiError with the API server's texts when it cannot.
   */
  exec(namespace: string, podName: string, container: string, argv: string[]): ExecResult {
    const pod = this.ctx.informers.for<Pod>('Pod').get(namespace, podName)
    if (!pod) throw new ApiError(404, 'NotFound', `pods "${podName}" not found`)
    const kubelet = pod.spec?.nodeName ? this.kubelets.get(pod.spec.nodeName) : undefined
    if (kubelet && !kubelet.alive()) {
      throw new ApiError(500, 'BadRequest', `error dialing backend: dial tcp ${kubelet.hostIP}:10250: connect: no route to host`)
    }
    const w = kubelet?.worker(namespace, podName)
    const run = w?.container(container)
    if (!w || !run || run.state !== 'running') {
      throw new ApiError(400, 'BadRequest', `unable to upgrade connection: container not found ("${container}")`)
    }
    return w.exec(container, argv, Infinity)!
  }

  private kubeletOf(pod: Pod): Kubelet | undefined {
    const n = pod.spec?.nodeName
    return n ? this.kubelets.get(n) : undefined
  }

  private get(name: string): Kubelet {
    const k = this.kubelets.get(name)
    if (!k) throw new Error(`node ${name} not found`)
    return k
  }
}
