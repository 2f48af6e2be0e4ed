/**
 * The root-ca-cert-publisher of kube-controller-manager: every namespace holds the ConfigMap
 * `kube-root-ca.crt` with the cluster's CA, which the `kube-api-access-*` volume of every pod mounts.
 */
export { ROOT_CA_CERT_CONFIGMAP, ROOT_CA_CERT_PUBLISHER, RootCACertPublisher } from './publisher'
