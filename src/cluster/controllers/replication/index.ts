/**
 * The ReplicationController controller of kube-controller-manager: the ReplicaSet controller,
 * reading ReplicationControllers (v1) through an adapter.
 */
export { REPLICATION_CONTROLLER, REPLICATION_CONTROLLER_KIND, ReplicationControllerSource, ReplicationManager, asReplicaSet } from './replication'
