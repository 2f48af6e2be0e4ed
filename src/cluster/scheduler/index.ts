/**
 * kube-scheduler for Terrarium: picks a node for every pod that has none, the way Kubernetes'
 * scheduling framework does (pkg/scheduler).
 *
 * - `scheduler.ts`  the component: informers in, `pods/binding` and events out, in batches.
 * - `queue.ts`      activeQ (priority, then age), backoffQ (1 s doubling to 10 s) and the parked
 *                   unschedulable pods, moved back by cluster events or after 5 minutes.
 * - `cache.ts`      a NodeInfo per node, updated pod by pod; bound pods are assumed at once.
 * - `framework.ts`  one cycle: PreFilter, Filter over the adaptive share of nodes, Score,
 *                   NormalizeScore, weights, the best total (ties at random).
 * - `fitError.ts`   the exact `0/N nodes are available: …` FailedScheduling message.
 * - `handle.ts`     what plugins read about the cluster, with indexes that keep per-pod work flat.
 * - `preemption.ts` DefaultPreemption: evict lower-priority pods to make room, PDBs respected.
 * - `explain.ts`    a decision as readable lines for the UI.
 * - `plugins/`      one file per plugin: NodeUnschedulable, NodeName, TaintToleration,
 *                   NodeAffinity, NodePorts, NodeResourcesFit, PodTopologySpread,
 *                   InterPodAffinity, NodeResourcesBalancedAllocation.
 * - `quantity.ts`   resource quantities (`100m`, `2Gi`), shared with the rest of the cluster.
 *
 * Usage: `const s = new Scheduler(ctx); s.start()`; `s.lastDecision(podUid)` explains a pod.
 */
export { Scheduler, DEFAULT_SCHEDULER_NAME, type SchedulerOptions } from './scheduler'
export type { SchedulingDecision } from './types'
export { explainScheduling } from './explain'
export { parseQuantity, parseCpuMillis, parseBytes, isQuantity } from '../apiserver/quantity'
export { podRequests } from './podinfo'
