/**
 * The DaemonSet controller of kube-controller-manager: one daemon pod on every eligible node,
 * pinned there by node affinity and placed by the default scheduler.
 */
export { DAEMONSET_CONTROLLER, DAEMON_BURST_REPLICAS, DaemonSetController } from './daemonset'
export { TEMPLATE_GENERATION_LABEL, daemonPodTemplate, daemonTolerations, nodeShouldRunDaemonPod, pinToNode, targetNodeName } from './util'
