/**
 * The Deployment controller of kube-controller-manager: turns a Deployment into ReplicaSets, one
 * per revision of its pod template, and moves pods from old to new by the chosen strategy
 * (RollingUpdate within maxSurge/maxUnavailable, or Recreate), reporting progress in conditions.
 */
export { DEPLOYMENT_CONTROLLER, DeploymentController } from './deployment'
export * from './util'
export * from './conditions'
