import { describe, it, expect } from 'vitest'
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../apiserver/types'
import { testCluster } from '../util/testkit'

const user = { actor: 'kubectl' }

const deployment = (): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: {
    replicas: 2, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
  },
})
const service = (name: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 80 }], selector: { app: name } },
})
const podOwnedBy = (name: string, owners: { kind: string; name: string; uid: string }[]): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, ownerReferences: owners.map((o) => ({ apiVersion: 'v1', ...o })) },
  spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] },
})

describe('GarbageCollector', () => {
  it('deletes the dependents of a deleted owner, level by level (background)', () => {
    const c = testCluster()
    c.api.create(deployment(), user)
    c.clock.advance(2000)
    const rs = c.api.list<ReplicaSet>('ReplicaSet')[0]
    expect(c.gc.dependentsOf(rs.metadata!.uid!)).toHaveLength(2)
    c.api.delete('Deployment', 'default', 'web', user)
    c.clock.advance(1000)
    expect(c.api.list('ReplicaSet')).toHaveLength(0)
    expect(c.api.list('Pod', { namespace: 'default' })).toHaveLength(0)
  })

  it('with propagationPolicy Orphan, strips the owner reference from dependents and lets the owner go', () => {
    const c = testCluster()
    c.api.create(deployment(), user)
    c.clock.advance(2000)
    const rsName = c.api.list<ReplicaSet>('ReplicaSet')[0].metadata!.name!
    c.api.delete('ReplicaSet', 'default', rsName, user, { propagationPolicy: 'Orphan' })
    c.api.delete('Deployment', 'default', 'web', user, { propagationPolicy: 'Orphan' })
    c.clock.advance(1000)
    expect(c.api.find('ReplicaSet', 'default', rsName)).toBeUndefined()
    const pods = c.api.list<Pod>('Pod', { namespace: 'default' })
    expect(pods).toHaveLength(2)
    for (const p of pods) expect(p.metadata!.ownerReferences).toBeUndefined()
  })

  it('with propagationPolicy Foreground, the owner stays until its blocking dependents are gone', () => {
    const c = testCluster({ readyAfterMs: 1000, terminateAfterMs: 30_000 })
    c.api.create(deployment(), user)
    c.clock.advance(2000)
    c.api.delete('Deployment', 'default', 'web', user, { propagationPolicy: 'Foreground' })
    c.clock.advance(1000)
    const d = c.api.get<Deployment>('Deployment', 'default', 'web')
    expect(d.metadata!.deletionTimestamp).toBeDefined()
    expect(d.metadata!.finalizers).toEqual(['foregroundDeletion'])
    const rs = c.api.list<ReplicaSet>('ReplicaSet')[0]
    expect(rs.metadata!.deletionTimestamp).toBeDefined()
    expect(c.api.list<Pod>('Pod', { namespace: 'default' }).every((p) => p.metadata!.deletionTimestamp)).toBe(true)
    c.clock.advance(30_000)
    expect(c.api.list('Pod', { namespace: 'default' })).toHaveLength(0)
    expect(c.api.list('ReplicaSet')).toHaveLength(0)
    expect(c.api.find('Deployment', 'default', 'web')).toBeUndefined()
  })

  it('deletes an object whose only owner never existed', () => {
    const c = testCluster({})
    c.api.create(podOwnedBy('stray', [{ kind: 'Service', name: 'ghost', uid: 'no-such-uid' }]), user)
    c.clock.settle()
    expect(c.api.find('Pod', 'default', 'stray')).toBeUndefined()
  })

  it('keeps an object that still has a live owner and drops the reference to the gone one', () => {
    const c = testCluster({})
    const a = c.api.create(service('a'), user)
    const b = c.api.create(service('b'), user)
    c.api.create(podOwnedBy('shared', [
      { kind: 'Service', name: 'a', uid: a.metadata!.uid! },
      { kind: 'Service', name: 'b', uid: b.metadata!.uid! },
    ]), user)
    c.api.delete('Service', 'default', 'a', user)
    c.clock.settle()
    const pod = c.api.get<Pod>('Pod', 'default', 'shared')
    expect(pod.metadata!.ownerReferences!.map((r) => r.name)).toEqual(['b'])
  })
})
