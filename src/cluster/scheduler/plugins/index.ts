/**
 * The default plugins, in the order kube's default profile runs them
 * (pkg/scheduler/apis/config/v1/default_plugins.go), with their default score weights.
 */
import type { Plugin } from '../types'
import type { InformerFactory } from '../../informers/informer'
import { VolumeBinding } from './volumeBinding'
import { NodeUnschedulable } from './nodeUnschedulable'
import { NodeName } from './nodeName'
import { TaintToleration } from './taintToleration'
import { NodeAffinity } from './nodeAffinity'
import { NodeResourcesFit } from './nodeResourcesFit'
import { NodeResourcesBalancedAllocation } from './nodeResourcesBalancedAllocation'
import { NodePorts } from './nodePorts'
import { PodTopologySpread } from './podTopologySpread'
import { InterPodAffinity } from './interPodAffinity'
import { ClusterState, type Handle } from '../handle'
import { SchedulerCache } from '../cache'

export {
  NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, PodTopologySpread,
  InterPodAffinity, NodeResourcesBalancedAllocation,
}

/** `handle`: the cluster as InterPodAffinity and PodTopologySpread see it (an empty one when absent). */
export function defaultPlugins(informers?: InformerFactory, handle: Handle = new ClusterState(new SchedulerCache())): Plugin[] {
  return [
    new NodeUnschedulable(),
    new NodeName(),
    new TaintToleration(),
    new NodeAffinity(),
    new NodePorts(),
    new NodeResourcesFit(),
    ...(informers ? [new VolumeBinding(informers)] : []),
    new PodTopologySpread(handle),
    new InterPodAffinity(handle),
    new NodeResourcesBalancedAllocation(),
  ]
}
