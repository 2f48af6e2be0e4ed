/**
 * The composition root: creates the store, API server, informers and every control-plane
 * component, registers the nodes, and returns the running cluster. Nothing else wires components.
 * The browser worker composes the same parts in two steps instead, so that only what puts the
 * cluster on screen is in its first chunk: createCoreCluster (cluster-core.ts), then, right after
 * its first picture, startExtraControllers (cluster-extras.ts).
 */
import { createCore, DEFAULT_NODES, type ClusterOptions, type CoreCluster } from './cluster-core'
import { Scheduler } from './scheduler'
import { NodeSimulator } from './kubelet'
import { ReplicaSetController } from './controllers/replicaset'
import { ReplicationManager } from './controllers/replication'
import { DeploymentController } from './controllers/deployment'
import { GarbageCollector } from './controllers/garbagecollector'
import { NodeLifecycleController, TaintEvictionController } from './controllers/nodelifecycle'
import { DisruptionController } from './controllers/disruption'
import { PodGCController } from './controllers/podgc'
import { JobController } from './controllers/job'
import { CronJobController } from './controllers/cronjob'
import { TTLAfterFinishedController } from './controllers/ttlafterfinished'
import { StatefulSetController } from './controllers/statefulset'
import { DaemonSetController } from './controllers/daemonset'
import { PersistentVolumeController, ensureDefaultStorageClass } from './controllers/volume'
import { EndpointSliceController, ensureKubernetesEndpoints } from './controllers/endpointslice'
import { EndpointsController } from './controllers/endpoints'
import { ServiceLBController } from './controllers/servicelb'
import { NamespaceController } from './controllers/namespace'
import { RootCACertPublisher } from './controllers/rootcacert'
import { ResourceQuotaController } from './controllers/resourcequota'

export { createCore, createCoreCluster, DEFAULT_NODES } from './cluster-core'
export type { ClusterOptions, CoreCluster, CoreControllers, NodeSpec, RunningCoreCluster } from './cluster-core'
export { startExtraControllers, type ExtraControllers } from './cluster-extras'

export interface Cluster extends CoreCluster {
  scheduler: Scheduler
  /** The simulated machines: add, kill and restore nodes as the UI's buttons do. */
  nodes: NodeSimulator
  controllers: {
    replicaSet: ReplicaSetController
    deployment: DeploymentController
    garbageCollector: GarbageCollector
    nodeLifecycle: NodeLifecycleController
    taintEviction: TaintEvictionController
    disruption: DisruptionController
    podGC: PodGCController
    job: JobController
    cronJob: CronJobController
    ttlAfterFinished: TTLAfterFinishedController
    statefulSet: StatefulSetController
    daemonSet: DaemonSetController
    persistentVolume: PersistentVolumeController
    replicationController: ReplicationManager
    endpointSlice: EndpointSliceController
    endpoints: EndpointsController
    serviceLB: ServiceLBController
    namespace: NamespaceController
    rootCACertPublisher: RootCACertPublisher
    resourceQuota: ResourceQuotaController
  }
}

/**
 * A running cluster: the control plane (scheduler and controller manager), and one kubelet per node,
 * each registering its Node as a real kubelet does. Time stands still until the caller advances it.
 */
export function createCluster(options: ClusterOptions = {}): Cluster {
  const core = createCore(options)
  const controllers = {
    replicaSet: new ReplicaSetController(core),
    deployment: new DeploymentController(core),
    garbageCollector: new GarbageCollector(core),
    nodeLifecycle: new NodeLifecycleController(core),
    taintEviction: new TaintEvictionController(core),
    disruption: new DisruptionController(core),
    podGC: new PodGCController(core),
    job: new JobController(core),
    cronJob: new CronJobController(core),
    ttlAfterFinished: new TTLAfterFinishedController(core),
    statefulSet: new StatefulSetController(core),
    daemonSet: new DaemonSetController(core),
    persistentVolume: new PersistentVolumeController(core),
    replicationController: new ReplicationManager(core),
    endpointSlice: new EndpointSliceController(core),
    endpoints: new EndpointsController(core),
    serviceLB: new ServiceLBController(core),
    namespace: new NamespaceController(core),
    rootCACertPublisher: new RootCACertPublisher(core),
    resourceQuota: new ResourceQuotaController(core),
  }
  const scheduler = new Scheduler(core)
  const nodes = new NodeSimulator(core)
  for (const c of Object.values(controllers)) c.start()
  scheduler.start()
  nodes.start()
  // kind: the default StorageClass `standard` exists from the start.
  ensureDefaultStorageClass(core.api)
  // kube: the API server publishes its own address as the `kubernetes` Service's endpoints.
  ensureKubernetesEndpoints(core.api)
  for (const spec of options.nodes ?? DEFAULT_NODES) nodes.addNode(spec)
  core.clock.settle()
  return { ...core, scheduler, nodes, controllers }
}
