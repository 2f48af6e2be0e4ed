/**
 * The StatefulSet controller of kube-controller-manager: pods with stable names, hostnames and
 * storage, created, removed and updated in ordinal order.
 */
export { STATEFULSET_CONTROLLER, StatefulSetController } from './statefulset'
export { POD_INDEX_LABEL, POD_NAME_LABEL, claimName, newStatefulSetPod, parentAndOrdinal } from './identity'
