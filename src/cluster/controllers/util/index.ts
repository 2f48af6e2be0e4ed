/**
 * Helpers shared by the workload controllers of kube-controller-manager (ReplicaSet, Deployment,
 * and later StatefulSet, DaemonSet, Job): turning a pod template into a pod, finding an object's
 * controller, adopting and releasing, pod readiness and availability, the pod-template-hash,
 * expectations that stop a controller from acting twice on the same intent, slow-start batches
 * and the ranking of pods to delete. Each mirrors a function of Kubernetes' pkg/controller.
 */
export * from './controllerref'
export * from './expectations'
export * from './hash'
export * from './intstr'
export * from './pods'
export * from './ranking'
export * from './refmanager'
export * from './slowstart'
export * from './template'
export * from './time'
