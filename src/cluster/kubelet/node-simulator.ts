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

export interface LogOptions {
  /** `kubectl logs --previous`: the instance before the current one. */
  previous?: boolean
}

export class NodeSimulator {
  private kubelets = new Map<string, Kubelet>()
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
    const kubelet = new Kubelet(this.ctx, spec, this.added++)
    this.kubelets.set(spec.name, kubelet)
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
    this.get(name).stop()
    this.kubelets.delete(name)
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
