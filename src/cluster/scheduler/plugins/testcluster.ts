/** A scheduler cache with nodes and bound pods, and the plugins' view of it, for plugin tests. */
import type { PodSpec } from 'kubernetes-types/core/v1'
import { SchedulerCache } from '../cache'
import { ClusterState } from '../handle'
import { newPodInfo, type PodInfo } from '../podinfo'
import { makeNode, makePod, type NodeOptions } from '../testutil'

export function testCluster(nodes: [string, NodeOptions][]) {
  const cache = new SchedulerCache()
  for (const [name, o] of nodes) cache.setNode(makeNode(name, o))
  const handle = new ClusterState(cache)
  const bind = (name: string, node: string, labels: Record<string, string>, spec: Partial<PodSpec> = {}, namespace = 'default'): PodInfo => {
    const pod = makePod(name, spec)
    pod.metadata!.labels = labels
    pod.metadata!.namespace = namespace
    const info = newPodInfo(pod)
    cache.addPod(info, node)
    return info
  }
  const pending = (labels: Record<string, string>, spec: Partial<PodSpec> = {}): PodInfo => {
    const pod = makePod('incoming', spec)
    pod.metadata!.labels = labels
    return newPodInfo(pod)
  }
  return { cache, handle, bind, pending, nodes: () => [...cache.nodes()] }
}
