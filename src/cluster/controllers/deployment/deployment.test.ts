import { CONTROLLER_SYNC_INTERVAL_MS } from '../../informers/workqueue'
import { describe, it, expect } from 'vitest'
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Event, Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../apiserver/types'
import { computeHash } from '../util/hash'
import { isPodReady } from '../util/pods'
import { testCluster, type TestCluster } from '../util/testkit'

const user = { actor: 'kubectl' }

// kubernetes/website: controllers/nginx-deployment.yaml
const nginxDeployment = (replicas = 3): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx-deployment', labels: { app: 'nginx' } },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
    },
  },
})

const getD = (c: TestCluster) => c.api.get<Deployment>('Deployment', 'default', 'nginx-deployment')
const replicaSets = (c: TestCluster) => c.api.list<ReplicaSet>('ReplicaSet', { namespace: 'default' })
const activePods = (c: TestCluster) =>
  c.api.list<Pod>('Pod', { namespace: 'default' }).filter((p) => !p.metadata?.deletionTimestamp)
const messages = (c: TestCluster, reason: string) =>
  c.api.list<Event>('Event', { namespace: 'default' })
    .filter((e) => e.reason === reason)
    .sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion))
    .map((e) => e.message)
const setImage = (c: TestCluster, image: string) =>
  c.api.patch('Deployment', 'default', 'nginx-deployment', { spec: { template: { spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] } } } }, user)

describe('DeploymentController', () => {
  it('a Deployment of 3 makes one ReplicaSet <name>-<hash> and 3 pods <rs>-xxxxx it controls', () => {
    const c = testCluster()
    const d = c.api.create(nginxDeployment(), user) as Deployment
    c.clock.advance(5000)
    const hash = computeHash(d.spec!.template)
    const [rs, ...more] = replicaSets(c)
    expect(more).toHaveLength(0)
    expect(rs.metadata!.name).toBe(`nginx-deployment-${hash}`)
    expect(rs.metadata!.labels).toEqual({ app: 'nginx', 'pod-template-hash': hash })
    expect(rs.spec!.selector.matchLabels).toEqual({ app: 'nginx', 'pod-template-hash': hash })
    expect(rs.spec!.template!.metadata!.labels).toEqual({ app: 'nginx', 'pod-template-hash': hash })
    expect(rs.metadata!.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      // kube: 3 + maxSurge (25% of 3 rounded up = 1)
      'deployment.kubernetes.io/max-replicas': '4',
    })
    expect(rs.metadata!.ownerReferences).toEqual([{
      apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx-deployment', uid: d.metadata!.uid, controller: true, blockOwnerDeletion: true,
    }])
    const pods = activePods(c)
    expect(pods).toHaveLength(3)
    for (const p of pods) {
      expect(p.metadata!.name).toMatch(new RegExp(`^nginx-deployment-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`))
      expect(p.metadata!.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: rs.metadata!.name, uid: rs.metadata!.uid, controller: true })
    }
    expect(messages(c, 'ScalingReplicaSet')).toEqual([`Scaled up replica set nginx-deployment-${hash} from 0 to 3`])
    expect(getD(c).metadata!.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' })
  })

  it('reports status and the Available and Progressing conditions with their real reasons and messages', () => {
    const c = testCluster({ readyAfterMs: 2000 })
    c.api.create(nginxDeployment(), user)
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    const rsName = replicaSets(c)[0].metadata!.name
    let d = getD(c)
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, unavailableReplicas: 3 })
    expect(d.status!.conditions!.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
      ['Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`],
    ])
    c.clock.advance(2000)
    d = getD(c)
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 })
    expect(d.status!.unavailableReplicas).toBeUndefined()
    expect(d.status!.conditions!.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`],
    ])
    const progressing = d.status!.conditions!.find((x) => x.type === 'Progressing')!
    expect(progressing.lastTransitionTime).toBe('2026-01-01T09:00:00Z')
    expect(progressing.lastUpdateTime).toBe('2026-01-01T09:00:02Z')
  })

  it('scales 3 → 5 → 1 with the ScalingReplicaSet messages of kube v1.35', () => {
    const c = testCluster()
    c.api.create(nginxDeployment(), user)
    c.clock.advance(2000)
    const rsName = replicaSets(c)[0].metadata!.name
    c.api.patch('Deployment', 'default', 'nginx-deployment', { spec: { replicas: 5 } }, user)
    c.clock.advance(2000)
    expect(activePods(c)).toHaveLength(5)
    expect(replicaSets(c)[0].metadata!.annotations!['deployment.kubernetes.io/desired-replicas']).toBe('5')
    c.api.patch('Deployment', 'default', 'nginx-deployment', { spec: { replicas: 1 } }, user)
    c.clock.advance(2000)
    expect(activePods(c)).toHaveLength(1)
    expect(replicaSets(c)).toHaveLength(1)
    expect(messages(c, 'ScalingReplicaSet')).toEqual([
      `Scaled up replica set ${rsName} from 0 to 3`,
      `Scaled up replica set ${rsName} from 3 to 5`,
      `Scaled down replica set ${rsName} from 5 to 1`,
    ])
    expect(getD(c).status).toMatchObject({ replicas: 1, availableReplicas: 1, updatedReplicas: 1 })
  })

  it('a deleted pod is replaced at once', () => {
    const c = testCluster({ readyAfterMs: 1000, terminateAfterMs: 30_000 })
    c.api.create(nginxDeployment(), user)
    c.clock.advance(2000)
    const victim = activePods(c)[0].metadata!.name!
    c.api.delete('Pod', 'default', victim, user)
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    expect(activePods(c)).toHaveLength(3)
    expect(activePods(c).map((p) => p.metadata!.name)).not.toContain(victim)
  })

  it('deleting the Deployment removes its ReplicaSet and pods through the garbage collector', () => {
    const c = testCluster()
    c.api.create(nginxDeployment(), user)
    c.clock.advance(2000)
    c.api.delete('Deployment', 'default', 'nginx-deployment', user)
    c.clock.advance(1000)
    expect(replicaSets(c)).toHaveLength(0)
    expect(c.api.list('Pod', { namespace: 'default' })).toHaveLength(0)
    const gcWrites = c.api.writes().filter((w) => w.actor === 'generic-garbage-collector' && w.verb === 'delete')
    expect(gcWrites.map((w) => w.kind)).toContain('ReplicaSet')
  })

  it('a template change rolls over to a second ReplicaSet within maxSurge and maxUnavailable', () => {
    const c = testCluster({ readyAfterMs: 1000, terminateAfterMs: 0 })
    c.api.create(nginxDeployment(4), user) // 25%/25% of 4: surge 1, unavailable 1
    c.clock.advance(2000)
    const oldRs = replicaSets(c)[0].metadata!.name
    setImage(c, 'nginx:1.16.1')
    let maxTotal = 0
    let minAvailable = Infinity
    for (let i = 0; i < 200 && c.clock.step(); i++) {
      const pods = activePods(c)
      maxTotal = Math.max(maxTotal, pods.length)
      minAvailable = Math.min(minAvailable, pods.filter(isPodReady).length)
    }
    expect(maxTotal).toBeLessThanOrEqual(5)
    expect(minAvailable).toBeGreaterThanOrEqual(3)
    const rss = replicaSets(c)
    expect(rss).toHaveLength(2)
    const newRs = rss.find((r) => r.metadata!.name !== oldRs)!
    expect(newRs.spec!.replicas).toBe(4)
    expect(newRs.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('2')
    expect(rss.find((r) => r.metadata!.name === oldRs)!.spec!.replicas).toBe(0)
    expect(activePods(c).every((p) => p.spec!.containers[0].image === 'nginx:1.16.1')).toBe(true)
    const d = getD(c)
    expect(d.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('2')
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4, observedGeneration: 2 })
    expect(d.status!.conditions!.find((x) => x.type === 'Progressing')!.message).toBe(`ReplicaSet "${newRs.metadata!.name}" has successfully progressed.`)
    // With surge 1 and unavailable 1, each step moves one pod: up the new set, down the old one.
    const n = newRs.metadata!.name
    expect(messages(c, 'ScalingReplicaSet')).toEqual([
      `Scaled up replica set ${oldRs} from 0 to 4`,
      `Scaled up replica set ${n} from 0 to 1`,
      `Scaled down replica set ${oldRs} from 4 to 3`,
      `Scaled up replica set ${n} from 1 to 2`,
      `Scaled down replica set ${oldRs} from 3 to 2`,
      `Scaled up replica set ${n} from 2 to 3`,
      `Scaled down replica set ${oldRs} from 2 to 1`,
      `Scaled up replica set ${n} from 3 to 4`,
      `Scaled down replica set ${oldRs} from 1 to 0`,
    ])
  })

  it('rolling back to an earlier template reuses its ReplicaSet with the next revision', () => {
    const c = testCluster()
    c.api.create(nginxDeployment(2), user)
    c.clock.advance(2000)
    const first = replicaSets(c)[0].metadata!.name!
    setImage(c, 'nginx:1.16.1')
    c.clock.advance(10_000)
    setImage(c, 'nginx:1.14.2')
    c.clock.advance(10_000)
    const rs = c.api.get<ReplicaSet>('ReplicaSet', 'default', first)
    expect(rs.spec!.replicas).toBe(2)
    expect(rs.metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('3')
    expect(rs.metadata!.annotations!['deployment.kubernetes.io/revision-history']).toBe('1')
    expect(getD(c).metadata!.annotations!['deployment.kubernetes.io/revision']).toBe('3')
  })

  it('Recreate scales the old ReplicaSet to zero and waits for its pods to go before creating the new one', () => {
    const c = testCluster({ readyAfterMs: 1000, terminateAfterMs: 5000 })
    const m = nginxDeployment(3)
    ;(m.spec as Deployment['spec'])!.strategy = { type: 'Recreate' }
    c.api.create(m, user)
    c.clock.advance(2000)
    setImage(c, 'nginx:1.16.1')
    c.clock.advance(1000)
    expect(replicaSets(c)).toHaveLength(1)
    expect(replicaSets(c)[0].spec!.replicas).toBe(0)
    c.clock.advance(5000)
    expect(replicaSets(c)).toHaveLength(2)
    c.clock.advance(2000)
    expect(activePods(c).map((p) => p.spec!.containers[0].image)).toEqual(['nginx:1.16.1', 'nginx:1.16.1', 'nginx:1.16.1'])
  })

  it('keeps only revisionHistoryLimit old ReplicaSets', () => {
    const c = testCluster()
    const m = nginxDeployment(1)
    ;(m.spec as Deployment['spec'])!.revisionHistoryLimit = 1
    c.api.create(m, user)
    c.clock.advance(2000)
    for (const v of ['1.15', '1.16', '1.17']) {
      setImage(c, `nginx:${v}`)
      c.clock.advance(10_000)
    }
    const revisions = replicaSets(c).map((r) => r.metadata!.annotations!['deployment.kubernetes.io/revision']).sort()
    expect(revisions).toEqual(['3', '4'])
  })

  it('scaling in the middle of a rollout spreads the new replicas over both ReplicaSets in proportion', () => {
    const c = testCluster({ readyAfterMs: 1000 })
    c.api.create(nginxDeployment(10), user)
    c.clock.advance(2000)
    // New pods never become ready: the rollout stalls with both ReplicaSets holding pods.
    c.api.patch('Deployment', 'default', 'nginx-deployment', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:broken', ports: [{ containerPort: 80 }], readinessProbe: { exec: { command: ['false'] } } }] } } } }, user)
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    const sizes = () => replicaSets(c).map((r) => r.spec!.replicas).sort((a, b) => a! - b!)
    // surge 3, unavailable 2: old 10 → 8, new 5 (13 total).
    expect(sizes()).toEqual([5, 8])
    c.api.patch('Deployment', 'default', 'nginx-deployment', { spec: { replicas: 20 } }, user)
    c.clock.advance(4 * CONTROLLER_SYNC_INTERVAL_MS)
    // 25 allowed (20 + 5 surge): 12 more split 8:5 of 13 → +7 (old) and +5 (new).
    expect(sizes()).toEqual([10, 15])
  })

  it('reports ProgressDeadlineExceeded when no progress is made for progressDeadlineSeconds (600 s)', () => {
    const c = testCluster({})
    c.api.create(nginxDeployment(), user)
    c.clock.advance(600_000)
    const rsName = replicaSets(c)[0].metadata!.name
    expect(getD(c).status!.conditions!.find((x) => x.type === 'Progressing')!.reason).toBe('ReplicaSetUpdated')
    c.clock.advance(2_000)
    const cond = getD(c).status!.conditions!.find((x) => x.type === 'Progressing')!
    expect([cond.status, cond.reason, cond.message]).toEqual(['False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`])
  })

  it('a paused Deployment does not roll out a template change and says it is paused', () => {
    const c = testCluster()
    c.api.create(nginxDeployment(), user)
    c.clock.advance(2000)
    c.api.patch('Deployment', 'default', 'nginx-deployment', { spec: { paused: true } }, user)
    setImage(c, 'nginx:1.16.1')
    c.clock.advance(5000)
    expect(replicaSets(c)).toHaveLength(1)
    const cond = getD(c).status!.conditions!.find((x) => x.type === 'Progressing')!
    expect([cond.status, cond.reason, cond.message]).toEqual(['Unknown', 'DeploymentPaused', 'Deployment is paused'])
    c.api.patch('Deployment', 'default', 'nginx-deployment', { spec: { paused: false } }, user)
    c.clock.advance(10_000)
    expect(replicaSets(c)).toHaveLength(2)
  })

  it('the same seed and the same inputs give byte-identical writes', () => {
    const run = () => {
      const c = testCluster()
      c.api.create(nginxDeployment(), user)
      c.clock.advance(2000)
      setImage(c, 'nginx:1.16.1')
      c.clock.advance(10_000)
      return JSON.stringify([c.api.writes(), c.api.list('Pod'), c.api.list('ReplicaSet')])
    }
    expect(run()).toBe(run())
  })
})
