/**
 * The controllers for the less common kinds (Jobs, CronJobs, StatefulSets, DaemonSets, volumes,
 * disruption budgets, endpoints, load balancers): the browser worker loads this chunk right after
 * its first picture is out and starts them on the running core cluster.
 */
import type { CoreCluster } from './cluster-core'
import { ReplicationManager } from './controllers/replication'
import { DisruptionController } from './controllers/disruption'
import { JobController } from './controllers/job'
import { CronJobController } from './controllers/cronjob'
import { TTLAfterFinishedController } from './controllers/ttlafterfinished'
import { StatefulSetController } from './controllers/statefulset'
import { DaemonSetController } from './controllers/daemonset'
import { PersistentVolumeController, ensureDefaultStorageClass } from './controllers/volume'
import { EndpointSliceController, ensureKubernetesEndpoints } from './controllers/endpointslice'
import { EndpointsController } from './controllers/endpoints'
import { ServiceLBController } from './controllers/servicelb'
import { ResourceQuotaController } from './controllers/resourcequota'
import { MetricsServer, type KubeletStatsSource } from './metrics'
import { HorizontalController } from './controllers/podautoscaler'
import { IngressController, ensureIngressClass } from './controllers/ingress'
import { ClusterNetwork } from './network/network'
import type { NetworkNodes } from './network/network'
import type { TrafficGenerator } from './network/traffic'

export interface ExtraControllers {
  disruption: DisruptionController
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
  resourceQuota: ResourceQuotaController
  ingress: IngressController
  metricsServer: MetricsServer
  horizontalPodAutoscaler: HorizontalController
}

const NO_KUBELETS: KubeletStatsSource = { names: () => [], kubelet: () => undefined }

export function createExtraControllers(core: CoreCluster, kubelets: KubeletStatsSource = NO_KUBELETS): ExtraControllers {
  // metrics-server scrapes the kubelets; the HPA controller reads it.
  const metricsServer = new MetricsServer(core, kubelets)
  return {
    disruption: new DisruptionController(core),
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
    resourceQuota: new ResourceQuotaController(core),
    ingress: new IngressController(core),
    metricsServer,
    horizontalPodAutoscaler: new HorizontalController(core, metricsServer),
  }
}

/** Objects these controllers' kinds have in a fresh cluster. */
export function ensureExtraBootstrapObjects(core: CoreCluster): void {
  // kind: the default StorageClass `standard` exists from the start.
  ensureDefaultStorageClass(core.api)
  // kube: the API server publishes its own address as the `kubernetes` Service's endpoints.
  ensureKubernetesEndpoints(core.api)
  // kind's ingress guide: ingress-nginx and its `nginx` IngressClass (made the default here).
  ensureIngressClass(core.api)
}

/** The data plane: kube-proxy, DNS, request routing and traffic generators (network/). */
export interface ExtraNetwork {
  network: ClusterNetwork
  traffic: TrafficGenerator
}

/** Starts the cluster network over the machines (their pods reach it from then on). */
export function startNetwork(core: CoreCluster, nodes: NetworkNodes): ExtraNetwork {
  const network = new ClusterNetwork(core, nodes)
  network.start()
  return { network, traffic: network.traffic }
}

/** Starts the extra controllers on a running core cluster (the browser worker, after `hello`). */
export function startExtraControllers<C extends CoreCluster & { controllers: object; nodes: NetworkNodes & KubeletStatsSource }>(cluster: C): C & { controllers: ExtraControllers; metrics: MetricsServer } & ExtraNetwork {
  const extras = createExtraControllers(cluster, cluster.nodes)
  for (const c of Object.values(extras)) c.start()
  ensureExtraBootstrapObjects(cluster)
  const net = startNetwork(cluster, cluster.nodes)
  cluster.clock.settle()
  Object.assign(cluster.controllers, extras)
  Object.assign(cluster, net)
  // kubectl top reads resource metrics through the host's `metrics` (an aggregated API, not etcd).
  Object.assign(cluster, { metrics: extras.metricsServer })
  return cluster as C & { controllers: ExtraControllers; metrics: MetricsServer } & ExtraNetwork
}
