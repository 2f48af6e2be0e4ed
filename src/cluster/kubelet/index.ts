/**
 * Simulated nodes. Each node has a kubelet that does what the real one does, through the API only:
 * it registers its Node, renews a Lease in kube-node-lease every 10 s, posts node status, and runs
 * the pods bound to it — sandbox, image pull, create, start, restart with back-off, stop on delete —
 * writing pod status and the events `kubectl describe` shows. The container "runtime" plays the
 * programs of ../images on the virtual clock and keeps their logs for `kubectl logs`.
 *
 * NodeSimulator owns the kubelets; kill() and restore() pull and restore a machine's plug.
 */
export { NodeSimulator, type LogOptions } from './node-simulator'
export { Kubelet } from './kubelet'
export type { NodeSpecInput } from './node-object'
export type { LogLine } from './container-logs'
export { qosClass, type QOSClass } from '../apiserver/kinds/qos'
