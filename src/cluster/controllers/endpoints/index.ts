export { EndpointsController, ENDPOINT_CONTROLLER } from './endpoints-controller'
