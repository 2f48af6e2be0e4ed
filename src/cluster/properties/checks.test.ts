// The property tests' checkers catch what they claim to catch (a checker that cannot fail proves nothing).
import { describe, expect, it } from 'vitest'
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { createCluster } from '../cluster'
import { convergenceErrors } from './convergence'
import type { Op } from './operations'
import { play } from './play'
import { Recorder } from './recorder'
import { fenceposts } from './rolling'

const kubectl = { actor: 'kubectl' }

describe('property checkers', () => {
  it('report an ownerReference to an object that does not exist', () => {
    const c = createCluster({ seed: 1 })
    const rec = new Recorder(c)
    c.api.create({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'lost', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone', uid: 'no-such-uid' }] },
      spec: { containers: [{ name: 'app', image: 'nginx:1.14.2' }] },
    } as Pod, kubectl)
    rec.checkOwners()
    expect(rec.violations.join()).toContain('default/lost outlives its owner no-such-uid')
  })

  it('report a create whose answer no watch event carried', () => {
    const c = createCluster({ seed: 1 })
    const rec = new Recorder(c)
    rec.created({ kind: 'Pod', metadata: { name: 'ghost', namespace: 'default', uid: 'ghost-uid' } })
    expect(rec.violations.join()).toContain('returned uid ghost-uid')
    rec.checkNoLostWrites()
    expect(rec.violations).toHaveLength(1)
  })

  it('report a ReplicaSet that has not reached its replicas', () => {
    const c = createCluster({ seed: 1 })
    c.controllers.replicaSet.queue.add = () => {}
    c.api.create({
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'rs' } }, template: { metadata: { labels: { app: 'rs' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.14.2' }] } } },
    } as ReplicaSet, kubectl)
    expect(convergenceErrors(c, { everBroken: new Set() })).toContain('ReplicaSet rs has 0 active pods, spec.replicas 2')
  })

  // kube: maxSurge rounds up, maxUnavailable rounds down, and both 0 becomes maxUnavailable 1.
  it('resolve fenceposts as Kubernetes does', () => {
    expect(fenceposts(10, '25%', '25%')).toEqual({ surge: 3, unavailable: 2 })
    expect(fenceposts(1, '25%', '25%')).toEqual({ surge: 1, unavailable: 0 })
    expect(fenceposts(3, '0%', '10%')).toEqual({ surge: 0, unavailable: 1 })
    expect(fenceposts(5, 2, 0)).toEqual({ surge: 2, unavailable: 0 })
  })

  // kube: propagationPolicy Orphan — the ReplicaSet goes, its pods stay with the owner reference removed.
  it('follow an Orphan delete through: the pods stay, free of their owner', () => {
    const ops: Op[] = [
      { op: 'applyReplicaSet', name: 'frontend', replicas: 3, image: 'nginx:1.14.2' },
      { op: 'advance', ms: 10_000 },
      { op: 'delete', kind: 'ReplicaSet', name: 'frontend', policy: 'Orphan' },
    ]
    const { cluster, errors } = play(1, ops)
    expect(errors).toEqual([])
    const pods = cluster.api.list<Pod>('Pod', { namespace: 'default' })
    expect(pods).toHaveLength(3)
    expect(pods.every((p) => !p.metadata?.ownerReferences?.length)).toBe(true)
  })

  // kube: propagationPolicy Foreground — the Deployment goes last, after its ReplicaSet and pods.
  it('follow a Foreground delete through: nothing of the Deployment is left', () => {
    const ops: Op[] = [
      { op: 'applyDeployment', name: 'web', replicas: 2, image: 'nginx:1.14.2', maxSurge: '25%', maxUnavailable: '25%' },
      { op: 'advance', ms: 10_000 },
      { op: 'delete', kind: 'Deployment', name: 'web', policy: 'Foreground' },
    ]
    const { cluster, errors } = play(1, ops)
    expect(errors).toEqual([])
    expect(cluster.api.list('ReplicaSet', { namespace: 'default' })).toEqual([])
    expect(cluster.api.list('Pod', { namespace: 'default' })).toEqual([])
  })
})
