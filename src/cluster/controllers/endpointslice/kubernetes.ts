/**
 * The `kubernetes` Service's endpoints, which the API server itself keeps (kube: the lease endpoint
 * reconciler of pkg/controlplane/reconcilers): an Endpoints object marked to skip mirroring and an
 * EndpointSlice of the same name, both listing the API server's address. On kind the one API server
 * is the control-plane container, 172.18.0.2:6443.
 */
import type { Endpoints } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import type { Api, KubeObject } from '../../apiserver/types'
import { LABEL_SERVICE_NAME } from './podendpoints'

export const APISERVER_ADDRESS = '172.18.0.2'
export const APISERVER_PORT = 6443
const ACTOR = { actor: 'kube-apiserver' }

export function ensureKubernetesEndpoints(api: Api): void {
  if (!api.find('Endpoints', 'default', 'kubernetes')) {
    const ep: Endpoints = {
      apiVersion: 'v1', kind: 'Endpoints',
      // kube: endpointslice.kubernetes.io/skip-mirror keeps the mirroring controller off it.
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: APISERVER_ADDRESS }], ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }] }],
    }
    api.create(ep as KubeObject, ACTOR)
  }
  if (!api.find('EndpointSlice', 'default', 'kubernetes')) {
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { [LABEL_SERVICE_NAME]: 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [APISERVER_ADDRESS], conditions: { ready: true } }],
      ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }],
    }
    api.create(slice as KubeObject, ACTOR)
  }
}
