export { EndpointSliceController, ENDPOINTSLICE_CONTROLLER } from './endpointslice-controller'
export { ensureKubernetesEndpoints, APISERVER_ADDRESS } from './kubernetes'
export * from './podendpoints'
