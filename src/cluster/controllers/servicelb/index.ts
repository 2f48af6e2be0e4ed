export { ServiceLBController, SERVICE_CONTROLLER, LB_CLEANUP_FINALIZER } from './servicelb'
