/**
 * The namespace controller of kube-controller-manager: empties a terminating namespace and
 * finalizes it.
 */
export { NAMESPACE_CONTROLLER, NAMESPACE_DELETION_GRACE_PERIOD_MS, NamespaceController } from './namespace'
export { FINALIZER_KUBERNETES, finalizeNamespace } from './finalize'
