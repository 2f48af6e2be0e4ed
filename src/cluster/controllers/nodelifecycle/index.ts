/**
 * Node health in the control plane. The NodeLifecycleController (kube-controller-manager's
 * node-lifecycle-controller) watches each node's heartbeat — its Lease in kube-node-lease and its
 * Ready condition — and, when a kubelet falls silent, marks the node Unknown, its pods not Ready,
 * and taints it `node.kubernetes.io/unreachable`. The TaintEvictionController deletes the pods
 * that do not tolerate a NoExecute taint, immediately or after their tolerationSeconds.
 */
export { NodeLifecycleController } from './node-lifecycle-controller'
export { TaintEvictionController } from './taint-eviction-controller'
export { TAINT_NOT_READY, TAINT_UNREACHABLE, tolerates, matchingTolerations } from './taints'
