/**
 * kube: pkg/controller/certificates/rootcacertpublisher. A namespace that appears (or changes) gets
 * the `kube-root-ca.crt` ConfigMap; one that is deleted or edited is put back the next moment.
 */
import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1'
import type { ComponentContext } from '../../component'
import { isAlreadyExists, isConflict, isNotFound, type RequestContext } from '../../apiserver/types'
import type { Informer } from '../../informers/informer'
import { WorkQueue } from '../../informers/workqueue'
import { ROOT_CA_CERT } from '../../kubelet/pod-volumes'

export const ROOT_CA_CERT_PUBLISHER = 'root-ca-cert-publisher'
export const ROOT_CA_CERT_CONFIGMAP = 'kube-root-ca.crt'

// kube: the one annotation the publisher keeps on the ConfigMap (DescriptionAnnotation, Description).
const DESCRIPTION_ANNOTATION = 'kubernetes.io/description'
const DESCRIPTION = 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.'

export class RootCACertPublisher {
  /** Keys are namespace names. */
  readonly queue: WorkQueue
  private readonly namespaces: Informer<Namespace>
  private readonly configMaps: Informer<ConfigMap>
  private readonly ctx: RequestContext = { actor: ROOT_CA_CERT_PUBLISHER }
  private started = false

  constructor(private readonly c: ComponentContext, private readonly rootCA = ROOT_CA_CERT) {
    this.queue = new WorkQueue(c.clock, ROOT_CA_CERT_PUBLISHER, (key) => this.reconcile(key))
    this.namespaces = c.informers.for<Namespace>('Namespace')
    this.configMaps = c.informers.for<ConfigMap>('ConfigMap')
  }

  start(): void {
    if (this.started) return
    this.started = true
    const ns = (n: Namespace) => this.queue.add(n.metadata!.name!)
    this.namespaces.addEventHandler({ add: ns, update: (_old, n) => ns(n) })
    const cm = (m: ConfigMap) => { if (m.metadata?.name === ROOT_CA_CERT_CONFIGMAP) this.queue.add(m.metadata.namespace!) }
    this.configMaps.addEventHandler({ update: (_old, m) => cm(m), delete: cm })
    for (const n of this.namespaces.list()) ns(n)
  }

  /** kube: syncNamespace — create the ConfigMap, or put its data and description back. */
  reconcile(name: string): void {
    const ns = this.namespaces.get(undefined, name)
    // kube: a namespace being deleted is skipped.
    if (!ns || ns.status?.phase !== 'Active' || ns.metadata?.deletionTimestamp) return
    const data = { 'ca.crt': this.rootCA }
    const cm = this.configMaps.get(name, ROOT_CA_CERT_CONFIGMAP)
    if (!cm) {
      try {
        this.c.api.create<ConfigMap>({
          apiVersion: 'v1', kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CERT_CONFIGMAP, namespace: name, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
          data,
        }, this.ctx)
      } catch (e) {
        // kube: no retry when the namespace is gone or terminating.
        if (!isNotFound(e) && !isAlreadyExists(e) && (e as { code?: number }).code !== 403) throw e
      }
      return
    }
    if (cm.data?.['ca.crt'] === data['ca.crt'] && Object.keys(cm.data).length === 1 && cm.metadata?.annotations?.[DESCRIPTION_ANNOTATION]) return
    const next = structuredClone(cm) as ConfigMap
    next.data = data
    next.metadata!.annotations = { ...next.metadata!.annotations, [DESCRIPTION_ANNOTATION]: DESCRIPTION }
    try {
      this.c.api.update(next, this.ctx)
    } catch (e) {
      // A stale read retries; an immutable ConfigMap someone made stays as it is (the update is refused).
      if (isConflict(e)) this.queue.add(name)
      else if (!isNotFound(e) && (e as { code?: number }).code !== 422) throw e
    }
  }
}
