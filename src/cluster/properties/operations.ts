/**
 * The operations the property tests throw at a cluster: what a user (kubectl), an operator (node
 * power and membership) and time can do. An operation is plain data, so fast-check can generate,
 * shrink and print it, and `apply` replays it the same way every time.
 */
import * as fc from 'fast-check'
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import type { Cluster } from '../cluster'
import { ApiError, type KubeObject, type Writable } from '../apiserver/types'
import type { ObjectMeta } from 'kubernetes-types/meta/v1'

export type IntOrPercent = number | string
export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet'
export type Policy = 'Background' | 'Foreground' | 'Orphan'

/** Images the simulated registry has, and one it does not (the Deployments page's typo). */
export const GOOD_IMAGES = ['nginx:1.14.2', 'nginx:1.16.1', 'nginx:1.25.3']
export const BAD_IMAGE = 'nginx:1.161'
export const IMAGES = [...GOOD_IMAGES, BAD_IMAGE]

/** One name per kind, each with its own `app` label, so no two controllers' selectors overlap. */
export const SLOTS: Record<WorkloadKind, string[]> = {
  Deployment: ['web', 'api'],
  ReplicaSet: ['frontend'],
  StatefulSet: ['db'],
  DaemonSet: ['agent'],
}
export const WORKERS = ['node-1', 'node-2', 'node-3', 'node-4', 'node-5']
export const NS = 'default'

export type Op =
  | { op: 'applyDeployment'; name: string; replicas: number; image: string; maxSurge: IntOrPercent; maxUnavailable: IntOrPercent }
  | { op: 'applyReplicaSet'; name: string; replicas: number; image: string }
  | { op: 'applyStatefulSet'; name: string; replicas: number; image: string; parallel: boolean }
  | { op: 'applyDaemonSet'; name: string; image: string }
  | { op: 'scale'; kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet'; name: string; replicas: number }
  | { op: 'setImage'; kind: WorkloadKind; name: string; image: string }
  | { op: 'deletePod'; index: number; force: boolean }
  | { op: 'delete'; kind: WorkloadKind; name: string; policy: Policy }
  | { op: 'kill' | 'restore' | 'add' | 'remove'; node: string }
  | { op: 'advance'; ms: number }

// ---- arbitraries -------------------------------------------------------------------------------

/** kube: maxSurge and maxUnavailable are an int or a percentage; validation forbids both being 0. */
const intOrPercent = fc.constantFrom<IntOrPercent>(0, 1, 2, 3, '0%', '10%', '25%', '50%', '100%')
const isZero = (v: IntOrPercent) => v === 0 || v === '0%'
export const strategyArb = fc.record({ maxSurge: intOrPercent, maxUnavailable: intOrPercent })
  .filter((s) => !(isZero(s.maxSurge) && isZero(s.maxUnavailable)))

const replicasArb = fc.integer({ min: 0, max: 8 })
const imageArb = fc.constantFrom(...IMAGES)
const slot = (kind: WorkloadKind) => fc.constantFrom(...SLOTS[kind])
const kindArb = fc.constantFrom<WorkloadKind>('Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet')
const withSlot = <T>(f: (kind: WorkloadKind, name: string) => fc.Arbitrary<T>) =>
  kindArb.chain((kind) => slot(kind).chain((name) => f(kind, name)))

/** Clock jumps from 0 to 10 minutes, biased toward the short waits that interleave with controllers. */
export const advanceArb = fc.oneof(
  fc.constantFrom(0, 50, 1_000, 5_000, 10_000, 30_000),
  fc.integer({ min: 0, max: 600_000 }),
).map((ms): Op => ({ op: 'advance', ms }))

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ name: slot('Deployment'), replicas: replicasArb, image: imageArb, s: strategyArb })
    .map(({ name, replicas, image, s }): Op => ({ op: 'applyDeployment', name, replicas, image, ...s })) },
  { weight: 2, arbitrary: fc.record({ name: slot('ReplicaSet'), replicas: replicasArb, image: imageArb })
    .map((o): Op => ({ op: 'applyReplicaSet', ...o })) },
  { weight: 2, arbitrary: fc.record({ name: slot('StatefulSet'), replicas: replicasArb, image: imageArb, parallel: fc.boolean() })
    .map((o): Op => ({ op: 'applyStatefulSet', ...o })) },
  { weight: 1, arbitrary: fc.record({ name: slot('DaemonSet'), image: imageArb }).map((o): Op => ({ op: 'applyDaemonSet', ...o })) },
  { weight: 3, arbitrary: fc.constantFrom<'Deployment' | 'ReplicaSet' | 'StatefulSet'>('Deployment', 'ReplicaSet', 'StatefulSet')
    .chain((kind) => fc.record({ name: slot(kind), replicas: replicasArb }).map((o): Op => ({ op: 'scale', kind, ...o }))) },
  { weight: 3, arbitrary: withSlot((kind, name) => imageArb.map((image): Op => ({ op: 'setImage', kind, name, image }))) },
  { weight: 2, arbitrary: fc.record({ index: fc.nat(20), force: fc.boolean() }).map((o): Op => ({ op: 'deletePod', ...o })) },
  { weight: 2, arbitrary: withSlot((kind, name) => fc.constantFrom<Policy>('Background', 'Foreground', 'Orphan')
    .map((policy): Op => ({ op: 'delete', kind, name, policy }))) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('kill' as const, 'restore' as const), node: fc.constantFrom(...WORKERS.slice(0, 3)) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('add' as const, 'remove' as const), node: fc.constantFrom(...WORKERS) }) },
  { weight: 4, arbitrary: advanceArb },
)

// ---- manifests ---------------------------------------------------------------------------------

const template = (name: string, image: string) => ({
  metadata: { labels: { app: name } },
  spec: { containers: [{ name: 'app', image }] },
})

function manifest(op: Extract<Op, { op: `apply${string}` }>): KubeObject {
  const metadata = { name: op.name, namespace: NS, labels: { app: op.name } }
  const selector = { matchLabels: { app: op.name } }
  switch (op.op) {
    case 'applyDeployment':
      return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec: {
        replicas: op.replicas, selector, template: template(op.name, op.image),
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: op.maxSurge, maxUnavailable: op.maxUnavailable } },
      } } as Deployment as KubeObject
    case 'applyReplicaSet':
      return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata, spec: { replicas: op.replicas, selector, template: template(op.name, op.image) } } as ReplicaSet as KubeObject
    case 'applyStatefulSet':
      return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata, spec: {
        replicas: op.replicas, selector, serviceName: op.name, template: template(op.name, op.image),
        podManagementPolicy: op.parallel ? 'Parallel' : 'OrderedReady',
      } } as StatefulSet as KubeObject
    case 'applyDaemonSet':
      return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata, spec: { selector, template: template(op.name, op.image) } } as DaemonSet as KubeObject
  }
}

// ---- execution ---------------------------------------------------------------------------------

const KUBECTL = { actor: 'kubectl' }

export interface Hooks {
  /** Called with the object a successful create returned. */
  created?(obj: KubeObject): void
  /** Called before a cascading delete, with the owner as it is then. */
  deleting?(owner: KubeObject, policy: Policy): void
}

/** `kubectl apply`: create, or replace the spec of the live object (a forced update, no resourceVersion). */
function applyObject(c: Cluster, obj: KubeObject, hooks: Hooks): void {
  const live = c.api.find<KubeObject>(obj.kind!, NS, obj.metadata!.name!)
  if (!live) {
    hooks.created?.(c.api.create(obj, KUBECTL))
    return
  }
  const next = structuredClone(live) as KubeObject
  next.spec = obj.spec
  delete (next.metadata as Writable<ObjectMeta>).resourceVersion
  c.api.update(next, KUBECTL)
}

function patchSpec(c: Cluster, kind: string, name: string, patch: unknown): void {
  c.api.patch(kind, NS, name, { spec: patch }, KUBECTL)
}

/**
 * Runs one operation against the cluster and settles the work due at this instant (as the runner
 * does after every command). API refusals (404, 409, 422) are part of the game and return false;
 * anything else is a bug and throws.
 */
export function apply(c: Cluster, op: Op, hooks: Hooks = {}): boolean {
  try {
    run(c, op, hooks)
    return true
  } catch (e) {
    if (e instanceof ApiError && ['NotFound', 'Conflict', 'Invalid', 'AlreadyExists'].includes(e.reason)) return false
    throw e
  } finally {
    c.clock.settle()
  }
}

function run(c: Cluster, op: Op, hooks: Hooks): void {
  const nodes = c.nodes
  switch (op.op) {
    case 'applyDeployment': case 'applyReplicaSet': case 'applyStatefulSet': case 'applyDaemonSet':
      return applyObject(c, manifest(op), hooks)
    case 'scale':
      return patchSpec(c, op.kind, op.name, { replicas: op.replicas })
    case 'setImage':
      return patchSpec(c, op.kind, op.name, template(op.name, op.image))
    case 'deletePod': {
      const pods = c.api.list<Pod>('Pod', { namespace: NS })
      if (!pods.length) return
      const pod = pods[op.index % pods.length]
      c.api.delete('Pod', NS, pod.metadata!.name!, KUBECTL, op.force ? { gracePeriodSeconds: 0 } : {})
      return
    }
    case 'delete': {
      const owner = c.api.get<KubeObject>(op.kind, NS, op.name)
      hooks.deleting?.(owner, op.policy)
      c.api.delete(op.kind, NS, op.name, KUBECTL, { propagationPolicy: op.policy })
      return
    }
    case 'kill':
      if (nodes.names().includes(op.node) && nodes.isAlive(op.node)) nodes.kill(op.node)
      return
    case 'restore':
      if (nodes.names().includes(op.node)) nodes.restore(op.node)
      return
    case 'add':
      if (!nodes.names().includes(op.node)) nodes.addNode({ name: op.node, cpu: '4', memory: '8Gi', pods: 110 })
      return
    case 'remove':
      if (nodes.names().includes(op.node)) nodes.removeNode(op.node)
      return
    case 'advance':
      c.clock.advance(op.ms)
      return
  }
}

/** Virtual time the cluster gets to converge after the faults stop. */
export const SETTLE_MS = 15 * 60_000

/**
 * The faults stop: every machine is powered on again, a cluster left without workers gets one, and
 * virtual time runs 15 minutes in 10 s steps (heartbeats, back-offs and controllers catch up).
 */
export function settle(c: Cluster): void {
  for (const n of c.nodes.names()) c.nodes.restore(n)
  if (!c.nodes.names().some((n) => n !== 'control-plane')) c.nodes.addNode({ name: 'node-9', cpu: '4', memory: '8Gi', pods: 110 })
  c.clock.settle()
  for (let t = 0; t < SETTLE_MS; t += 10_000) c.clock.advance(10_000)
}
