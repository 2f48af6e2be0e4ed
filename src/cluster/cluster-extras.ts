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
}

export function createExtraControllers(core: CoreCluster): ExtraControllers {
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
  }
}

/** Objects these controllers' kinds have in a fresh cluster. */
export function ensureExtraBootstrapObjects(core: CoreCluster): void {
  // kind: the default StorageClass `standard` exists from the start.
  ensureDefaultStorageClass(core.api)
  // kube: the API server publishes its own address as the `kubernetes` Service's endpoints.
  ensureKubernetesEndpoints(core.api)
}

/** Starts the extra controllers on a running core cluster (the browser worker, after `hello`). */
export function startExtraControllers<C extends CoreCluster & { controllers: object }>(cluster: C): C & { controllers: ExtraControllers } {
  const extras = createExtraControllers(cluster)
  for (const c of Object.values(extras)) c.start()
  ensureExtraBootstrapObjects(cluster)
  cluster.clock.settle()
  Object.assign(cluster.controllers, extras)
  return cluster as C & { controllers: ExtraControllers }
}
