import { CONTROLLER_SYNC_INTERVAL_MS } from '../../informers/workqueue'
import { describe, it, expect } from 'vitest'
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Event, Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../apiserver/types'
import { setReady, testCluster, type TestCluster } from '../util/testkit'

const user = { actor: 'kubectl' }

// kubernetes/website: controllers/frontend.yaml
const frontend = (replicas = 3): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'frontend', labels: { app: 'guestbook', tier: 'frontend' } },
  spec: {
    replicas,
    selector: { matchLabels: { tier: 'frontend' } },
    template: {
      metadata: { labels: { tier: 'frontend' } },
      spec: { containers: [{ name: 'php-redis', image: 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5' }] },
    },
  },
})

const activePods = (c: TestCluster) =>
  c.api.list<Pod>('Pod', { namespace: 'default' }).filter((p) => !p.metadata?.deletionTimestamp)
const events = (c: TestCluster, reason: string) =>
  c.api.list<Event>('Event', { namespace: 'default' }).filter((e) => e.reason === reason).map((e) => e.message)
const getRs = (c: TestCluster) => c.api.get<ReplicaSet>('ReplicaSet', 'default', 'frontend')

describe('ReplicaSetController', () => {
  it('creates the missing pods as <rs>-<5 chars>, labelled from the template and controlled by the ReplicaSet', () => {
    const c = testCluster()
    const rs = c.api.create(frontend(), user)
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    const pods = activePods(c)
    expect(pods).toHaveLength(3)
    for (const p of pods) {
      expect(p.metadata!.name).toMatch(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
      expect(p.metadata!.generateName).toBe('frontend-')
      expect(p.metadata!.labels).toEqual({ tier: 'frontend' })
      expect(p.metadata!.ownerReferences).toEqual([{
        apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend', uid: rs.metadata!.uid, controller: true, blockOwnerDeletion: true,
      }])
    }
    expect(events(c, 'SuccessfulCreate').sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata!.name}`).sort())
    const writers = c.api.writes().filter((w) => w.kind === 'Pod' && w.verb === 'create').map((w) => w.actor)
    expect(new Set(writers)).toEqual(new Set(['replicaset-controller']))
  })

  it('reports replicas, fullyLabeledReplicas, readyReplicas, availableReplicas and observedGeneration', () => {
    const c = testCluster({ readyAfterMs: 2000 })
    c.api.create(frontend(), user)
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    expect(getRs(c).status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 })
    c.clock.advance(2000)
    expect(getRs(c).status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 })
  })

  it('with minReadySeconds, counts a ready pod available only once that time has passed', () => {
    const c = testCluster({ readyAfterMs: 1000 })
    const rs = frontend()
    ;(rs.spec as { minReadySeconds?: number }).minReadySeconds = 10
    c.api.create(rs, user)
    c.clock.advance(1000)
    expect(getRs(c).status?.readyReplicas).toBe(3)
    expect(getRs(c).status?.availableReplicas).toBeUndefined()
    c.clock.advance(10_000)
    expect(getRs(c).status?.availableReplicas).toBeUndefined()
    c.clock.advance(1)
    expect(getRs(c).status?.availableReplicas).toBe(3)
  })

  it('replaces a deleted pod at once, while the old one is still terminating', () => {
    const c = testCluster({ readyAfterMs: 1000, terminateAfterMs: 30_000 })
    c.api.create(frontend(), user)
    c.clock.advance(1000)
    const victim = activePods(c)[0]
    c.api.delete('Pod', 'default', victim.metadata!.name!, user)
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    expect(activePods(c)).toHaveLength(3)
    expect(c.api.find<Pod>('Pod', 'default', victim.metadata!.name!)?.metadata?.deletionTimestamp).toBeDefined()
  })

  it('scales down by deleting pods that are not ready before ready ones', () => {
    const c = testCluster({ readyAfterMs: 1000 })
    c.api.create(frontend(4), user)
    c.clock.advance(1000)
    const [sick] = activePods(c)
    setReady(c, c.api.get<Pod>('Pod', 'default', sick.metadata!.name!), false)
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    c.api.patch('ReplicaSet', 'default', 'frontend', { spec: { replicas: 3 } }, user)
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    expect(events(c, 'SuccessfulDelete')).toEqual([`Deleted pod: ${sick.metadata!.name}`])
    expect(activePods(c).map((p) => p.metadata!.name)).not.toContain(sick.metadata!.name)
  })

  it('adopts a matching orphan pod and creates only the rest', () => {
    const c = testCluster()
    c.api.create({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod1', labels: { tier: 'frontend' } },
      spec: { containers: [{ name: 'hello1', image: 'gcr.io/google-samples/hello-app:2.0' }] },
    } as KubeObject, user)
    const rs = c.api.create(frontend(), user)
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    const pods = activePods(c)
    expect(pods).toHaveLength(3)
    expect(c.api.get<Pod>('Pod', 'default', 'pod1').metadata!.ownerReferences?.[0].uid).toBe(rs.metadata!.uid)
    expect(events(c, 'SuccessfulCreate')).toHaveLength(2)
  })

  it('releases a pod whose labels no longer match and makes a new one in its place', () => {
    const c = testCluster()
    c.api.create(frontend(), user)
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    const [p] = activePods(c)
    c.api.patch('Pod', 'default', p.metadata!.name!, { metadata: { labels: { tier: 'debug' } } }, user)
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    expect(c.api.get<Pod>('Pod', 'default', p.metadata!.name!).metadata!.ownerReferences).toBeUndefined()
    expect(activePods(c).filter((x) => x.metadata!.labels?.tier === 'frontend')).toHaveLength(3)
  })

  it('creates at most burstReplicas (500) pods per sync and converges to 600', () => {
    const c = testCluster({})
    c.api.create(frontend(600), user)
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    expect(activePods(c)).toHaveLength(600)
    const creates = c.api.writes().filter((w) => w.kind === 'Pod' && w.verb === 'create').map((w) => w.revision)
    // The status write between the two batches shows the first sync stopped at 500.
    const status = c.api.writes().filter((w) => w.kind === 'ReplicaSet' && w.verb === 'status')
    expect(status.some((s) => s.revision > creates[499] && s.revision < creates[500])).toBe(true)
  })

  it('does nothing more once converged: no write at the same instant repeats', () => {
    const c = testCluster()
    c.api.create(frontend(), user)
    c.clock.advance(5000)
    const before = c.api.revision()
    c.rs.queue.add('default/frontend')
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    expect(c.api.revision()).toBe(before)
  })
})
