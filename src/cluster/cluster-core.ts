/**
 * The part of the composition root that puts a cluster on screen: the API server and its
 * bootstrap objects, the scheduler, the nodes and the controllers every first step needs
 * (Deployment → ReplicaSet → Pod, garbage collection, node lifecycle, namespaces). The browser
 * worker starts this first and the rest (cluster-extras.ts) right after its first picture is out;
 * `createCluster` (cluster.ts) wires everything at once.
 */
import { Clock } from './clock'
import { ApiServer } from './apiserver/apiserver'
import type { KubeObject } from './apiserver/types'
import { InformerFactory } from './informers/informer'
import { EventRecorder } from './events/recorder'
import { KUBE_DEFAULT_TIMINGS, type Timings } from './timings'
import type { ComponentContext } from './component'
import { Scheduler } from './scheduler'
import { NodeSimulator } from './kubelet'
import { ReplicaSetController } from './controllers/replicaset'
import { DeploymentController } from './controllers/deployment'
import { GarbageCollector } from './controllers/garbagecollector'
import { NodeLifecycleController, TaintEvictionController } from './controllers/nodelifecycle'
import { bootstrapPriorityClasses } from './apiserver/kinds/scheduling'
import { PodGCController } from './controllers/podgc'
import { NamespaceController } from './controllers/namespace'
import { RootCACertPublisher } from './controllers/rootcacert'

export interface NodeSpec {
  name: string
  cpu?: string
  memory?: string
  pods?: number
  controlPlane?: boolean
  zone?: string
  labels?: Record<string, string>
}

export interface ClusterOptions {
  seed?: number
  /** Default: control-plane (tainted) and node-1..node-3, each 4 CPU, 8Gi memory, 110 pods. */
  nodes?: NodeSpec[]
  timings?: Partial<Timings>
  /** Freeze stored objects (catches components that mutate what they read). Default true. */
  freeze?: boolean
}

export const DEFAULT_NODES: NodeSpec[] = [
  { name: 'control-plane', cpu: '4', memory: '8Gi', pods: 110, controlPlane: true },
  { name: 'node-1', cpu: '4', memory: '8Gi', pods: 110 },
  { name: 'node-2', cpu: '4', memory: '8Gi', pods: 110 },
  { name: 'node-3', cpu: '4', memory: '8Gi', pods: 110 },
]

export interface CoreCluster extends ComponentContext {
  api: ApiServer
}

const SYSTEM = { actor: 'kube-apiserver' }

/** The API server and the objects a fresh cluster has before any component runs. */
export function createCore(options: ClusterOptions = {}): CoreCluster {
  const clock = new Clock({ seed: options.seed ?? 1 })
  const api = new ApiServer(clock, { freeze: options.freeze })
  const informers = new InformerFactory(api)
  const events = new EventRecorder(api, clock)
  const timings = { ...KUBE_DEFAULT_TIMINGS, ...(options.timings ?? {}) }
  // kube: the API server creates the system namespaces and the `kubernetes` Service at start-up.
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } } as KubeObject, SYSTEM)
  }
  api.create({
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
  } as KubeObject, SYSTEM)
  // kube: the post-start hook scheduling/bootstrap-system-priority-classes.
  for (const pc of bootstrapPriorityClasses()) api.create(pc, SYSTEM)
  return { clock, api, informers, events, timings }
}

export interface CoreControllers {
  replicaSet: ReplicaSetController
  deployment: DeploymentController
  garbageCollector: GarbageCollector
  nodeLifecycle: NodeLifecycleController
  taintEviction: TaintEvictionController
  podGC: PodGCController
  namespace: NamespaceController
  rootCACertPublisher: RootCACertPublisher
}

export interface RunningCoreCluster extends CoreCluster {
  scheduler: Scheduler
  /** The simulated machines: add, kill and restore nodes as the UI's buttons do. */
  nodes: NodeSimulator
  controllers: CoreControllers
}

/**
 * A running cluster with the core controllers only; `startExtraControllers` (cluster-extras.ts)
 * adds the rest. Their informers list what exists when they start, so starting them later is safe.
 */
/** The controllers every cluster runs from its first instant. */
export function createCoreControllers(core: CoreCluster): CoreControllers {
  return {
    replicaSet: new ReplicaSetController(core),
    deployment: new DeploymentController(core),
    garbageCollector: new GarbageCollector(core),
    nodeLifecycle: new NodeLifecycleController(core),
    taintEviction: new TaintEvictionController(core),
    podGC: new PodGCController(core),
    namespace: new NamespaceController(core),
    rootCACertPublisher: new RootCACertPublisher(core),
  }
}

export function createCoreCluster(options: ClusterOptions = {}): RunningCoreCluster {
  const core = createCore(options)
  const controllers = createCoreControllers(core)
  const scheduler = new Scheduler(core)
  const nodes = new NodeSimulator(core)
  for (const c of Object.values(controllers)) c.start()
  scheduler.start()
  nodes.start()
  for (const spec of options.nodes ?? DEFAULT_NODES) nodes.addNode(spec)
  core.clock.settle()
  return { ...core, scheduler, nodes, controllers }
}
