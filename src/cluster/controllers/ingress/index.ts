/**
 * The cluster's ingress controller (ingress-nginx, as kind's ingress guide installs it): it owns the
 * `nginx` IngressClass and publishes its address on the ingresses of that class.
 */
export {
  INGRESS_CONTROLLER_ACTOR, INGRESS_EVENT_COMPONENT, INGRESS_STATUS_SYNC_MS, IngressController, NGINX_INGRESS_CLASS,
  ensureIngressClass, nginxIngressClass,
} from './ingress-controller'
