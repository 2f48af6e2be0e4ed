/**
 * The built-in ingress controller: ingress-nginx as kind's ingress guide deploys it. It serves the
 * ingresses whose class is its own (network/ingress-rules.ts `ownsIngress`), records the `Sync`
 * event ingress-nginx records for each change it sees, and — on its status syncer's 60 s tick —
 * publishes its address in status.loadBalancer.ingress, the ADDRESS of `kubectl get ingress`.
 * Routing the requests themselves is the network's job (matchIngress).
 */
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1'
import type { ComponentContext } from '../../component'
import type { Api, KubeObject, RequestContext } from '../../apiserver/types'
import { isAlreadyExists, isNotFound } from '../../apiserver/types'
import type { TimerId } from '../../clock'
import type { Informer } from '../../informers/informer'
import { WorkQueue, keyOf, splitKey } from '../../informers/workqueue'
import { DEFAULT_INGRESS_CLASS_ANNOTATION } from '../../apiserver/kinds/networking'
import { INGRESS_ADDRESS, INGRESS_NGINX_CONTROLLER, ownsIngress } from '../../network/ingress-rules'

/** The writer's name (ingress-nginx's user agent / field manager). */
export const INGRESS_CONTROLLER_ACTOR = 'ingress-nginx-controller'
/** kube (ingress-nginx): the event source component of its recorder. */
export const INGRESS_EVENT_COMPONENT = 'nginx-ingress-controller'
/** kube (ingress-nginx): status.UpdateInterval — the status syncer runs every 60 s. */
export const INGRESS_STATUS_SYNC_MS = 60_000
/** The IngressClass kind's ingress-nginx deployment creates. */
export const NGINX_INGRESS_CLASS = 'nginx'

export function nginxIngressClass(): IngressClass {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name: NGINX_INGRESS_CLASS,
      labels: {
        'app.kubernetes.io/component': 'controller',
        'app.kubernetes.io/instance': 'ingress-nginx',
        'app.kubernetes.io/name': 'ingress-nginx',
        'app.kubernetes.io/part-of': 'ingress-nginx',
      },
      annotations: { [DEFAULT_INGRESS_CLASS_ANNOTATION]: 'true' },
    },
    spec: { controller: INGRESS_NGINX_CONTROLLER },
  }
}

/** Bootstrap: the `nginx` IngressClass, marked default, as a fresh cluster with ingress-nginx has it. */
export function ensureIngressClass(api: Api): void {
  try {
    api.create(nginxIngressClass() as KubeObject, { actor: 'kubectl' })
  } catch (e) {
    if (!isAlreadyExists(e)) throw e
  }
}

const hasAddress = (ing: Ingress) => {
  const lb = ing.status?.loadBalancer?.ingress ?? []
  return lb.length === 1 && lb[0].ip === INGRESS_ADDRESS && !lb[0].hostname
}

export class IngressController {
  readonly queue: WorkQueue
  private readonly ingresses: Informer<Ingress>
  private readonly classes: Informer<IngressClass>
  private readonly ctx: RequestContext = { actor: INGRESS_CONTROLLER_ACTOR }
  /** The resourceVersion of each ingress last announced with a Sync event. */
  private readonly seen = new Map<string, string>()
  private statusTimer: TimerId | undefined
  private startedAt = 0
  private started = false

  constructor(private readonly c: ComponentContext) {
    this.queue = new WorkQueue(c.clock, INGRESS_CONTROLLER_ACTOR, (key) => this.reconcile(key))
    this.ingresses = c.informers.for<Ingress>('Ingress')
    this.classes = c.informers.for<IngressClass>('IngressClass')
  }

  start(): void {
    if (this.started) return
    this.started = true
    this.startedAt = this.c.clock.now()
    this.ingresses.addEventHandler({
      add: (ing) => this.queue.add(keyOf(ing)),
      update: (_old, ing) => this.queue.add(keyOf(ing)),
      delete: (ing) => this.queue.add(keyOf(ing)),
    })
    // A class appearing, changing or going away changes which ingresses are ours.
    const requeueAll = () => {
      for (const ing of this.ingresses.list()) this.queue.add(keyOf(ing))
    }
    this.classes.addEventHandler({ add: requeueAll, update: requeueAll, delete: requeueAll })
  }

  reconcile(key: string): void {
    const [namespace, name] = splitKey(key)
    const ing = this.ingresses.get(namespace, name)
    if (!ing || ing.metadata?.deletionTimestamp || !ownsIngress(ing, this.classes.list())) {
      this.seen.delete(key)
      return
    }
    // kube (ingress-nginx store): every add, and every update that changes the object, is
    // "Scheduled for sync" — its own status write included, hence the usual `(x2 over ...)`.
    const rv = ing.metadata?.resourceVersion ?? ''
    if (this.seen.get(key) !== rv) {
      this.seen.set(key, rv)
      this.c.events.record(ing as KubeObject, 'Normal', 'Sync', 'Scheduled for sync', { component: INGRESS_EVENT_COMPONENT })
    }
    if (!hasAddress(ing)) this.scheduleStatusSync()
  }

  /** The status syncer ticks every 60 s from the controller's start; only a tick with work is scheduled. */
  private scheduleStatusSync(): void {
    if (this.statusTimer !== undefined) return
    const now = this.c.clock.now()
    const ticks = Math.floor((now - this.startedAt) / INGRESS_STATUS_SYNC_MS) + 1
    const at = this.startedAt + ticks * INGRESS_STATUS_SYNC_MS
    this.statusTimer = this.c.clock.schedule(at - now, () => this.syncStatus(), `${INGRESS_CONTROLLER_ACTOR} status sync`)
  }

  private syncStatus(): void {
    this.statusTimer = undefined
    const classes = this.classes.list()
    const pending = this.ingresses.list()
      .filter((i) => !i.metadata?.deletionTimestamp && ownsIngress(i, classes) && !hasAddress(i))
      .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1))
    for (const ing of pending) {
      try {
        this.c.api.patch('Ingress', ing.metadata!.namespace!, ing.metadata!.name!,
          { status: { loadBalancer: { ingress: [{ ip: INGRESS_ADDRESS }] } } }, this.ctx, { subresource: 'status' })
      } catch (e) {
        if (!isNotFound(e)) throw e
      }
    }
  }
}
