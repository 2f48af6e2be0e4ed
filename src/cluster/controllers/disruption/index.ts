/**
 * The disruption controller of kube-controller-manager: keeps each PodDisruptionBudget's status
 * (how many selected pods are healthy, how many must be, how many may be disrupted now), which the
 * eviction API (src/cluster/apiserver/eviction.ts) reads to allow or refuse an eviction.
 */
export { DELETION_TIMEOUT_MS, DISRUPTION_CONTROLLER, DisruptionController } from './disruption'
