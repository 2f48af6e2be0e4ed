/**
 * The ReplicaSet controller of kube-controller-manager: keeps the number of running copies of a
 * pod template equal to `spec.replicas`. Deployments drive it by scaling ReplicaSets.
 */
export { BURST_REPLICAS, REPLICASET_CONTROLLER, ReplicaSetController, type ReplicaSetControllerOptions } from './replicaset'
export { calculateReplicaSetStatus } from './status'
