/**
 * The composition root: creates the store, API server, informers and every control-plane
 * component, registers the nodes, and returns the running cluster. Nothing else wires components.
 * The browser worker composes the same parts in two steps instead, so that only what puts the
 * cluster on screen is in its first chunk: createCoreCluster (cluster-core.ts), then, right after
 * its first picture, startExtraControllers (cluster-extras.ts).
 */
import {
  createCore, createCoreControllers, DEFAULT_NODES, type ClusterOptions, type CoreCluster, type CoreControllers,
} from './cluster-core'
import { createExtraControllers, ensureExtraBootstrapObjects, startNetwork, type ExtraControllers, type ExtraNetwork } from './cluster-extras'
import { Scheduler } from './scheduler'
import { NodeSimulator } from './kubelet'
import type { MetricsServer } from './metrics'

export { createCore, createCoreCluster, DEFAULT_NODES } from './cluster-core'
export type { ClusterOptions, CoreCluster, CoreControllers, NodeSpec, RunningCoreCluster } from './cluster-core'
export { startExtraControllers, type ExtraControllers, type ExtraNetwork } from './cluster-extras'

export interface Cluster extends CoreCluster, ExtraNetwork {
  scheduler: Scheduler
  /** The simulated machines: add, kill and restore nodes as the UI's buttons do. */
  nodes: NodeSimulator
  controllers: CoreControllers & ExtraControllers
  /** metrics-server's resource metrics (kubectl top, the HPA controller). */
  metrics: MetricsServer
}

/**
 * A running cluster: the control plane (scheduler and controller manager), and one kubelet per node,
 * each registering its Node as a real kubelet does. Time stands still until the caller advances it.
 */
export function createCluster(options: ClusterOptions = {}): Cluster {
  const core = createCore(options)
  const nodes = new NodeSimulator(core)
  const controllers = { ...createCoreControllers(core), ...createExtraControllers(core, nodes) }
  const scheduler = new Scheduler(core)
  for (const c of Object.values(controllers)) c.start()
  scheduler.start()
  nodes.start()
  ensureExtraBootstrapObjects(core)
  const net = startNetwork(core, nodes)
  for (const spec of options.nodes ?? DEFAULT_NODES) nodes.addNode(spec)
  core.clock.settle()
  return { ...core, scheduler, nodes, controllers, ...net, metrics: controllers.metricsServer }
}
