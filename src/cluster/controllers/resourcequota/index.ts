/** The resourcequota controller of kube-controller-manager: keeps every quota's status.hard and status.used. */
export { RESOURCE_QUOTA_CONTROLLER, ResourceQuotaController } from './controller'
