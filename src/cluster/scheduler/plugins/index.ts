/**
 * The default plugins, in the order kube's default profile runs them
 * (pkg/scheduler/apis/config/v1/default_plugins.go), with their default score weights.
 */
import type { Plugin } from '../types'
import { NodeUnschedulable } from './nodeUnschedulable'
import { NodeName } from './nodeName'
import { TaintToleration } from './taintToleration'
import { NodeAffinity } from './nodeAffinity'
import { NodeResourcesFit } from './nodeResourcesFit'
import { NodeResourcesBalancedAllocation } from './nodeResourcesBalancedAllocation'

export { NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodeResourcesFit, NodeResourcesBalancedAllocation }

export function defaultPlugins(): Plugin[] {
  return [
    new NodeUnschedulable(),
    new NodeName(),
    new TaintToleration(),
    new NodeAffinity(),
    new NodeResourcesFit(),
    new NodeResourcesBalancedAllocation(),
  ]
}
