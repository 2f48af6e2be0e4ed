/**
 * The pod garbage collector of kube-controller-manager: removes pods bound to nodes that no longer
 * exist (after `kubectl delete node`, or a node removed from the cluster).
 */
export { GC_CHECK_PERIOD_MS, POD_GC, PodGCController, QUARANTINE_MS } from './podgc'
