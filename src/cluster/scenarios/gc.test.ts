// Cascading deletion as the "Garbage Collection" and "Use Cascading Deletion" pages describe it:
// kubectl delete --cascade=background|foreground|orphan acts through the garbage collector, and a
// new Deployment whose selector matches adopts the orphans.
import { describe, expect, it } from 'vitest'
import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../apiserver/types'
import { NGINX, run } from './run'

const D = 'deployment/nginx-deployment'
const setup = `kubectl apply -f ${NGINX}\nkubectl rollout status ${D}`
const replicaSets = (r: ReturnType<typeof run>) => r.cluster.api.list<ReplicaSet>('ReplicaSet', { namespace: 'default' })
const pods = (r: ReturnType<typeof run>) => r.cluster.api.list<Pod>('Pod', { namespace: 'default' })

describe('kubectl delete --cascade', () => {
  it('background (the default): the Deployment goes at once, the garbage collector deletes the ReplicaSet, then its pods', () => {
    const r = run(setup)
    const order: string[] = []
    r.cluster.api.watch<KubeObject>('*', (e) => {
      if (e.type === 'DELETED' && ['Deployment', 'ReplicaSet'].includes(e.object.kind ?? '')) order.push(e.object.kind!)
    })
    const out = r.more(`kubectl delete ${D}`)
    expect(out.stdout).toBe('deployment.apps "nginx-deployment" deleted from default namespace\n')
    expect(order).toEqual(['Deployment', 'ReplicaSet'])
    r.more('sleep 40')
    expect(replicaSets(r)).toHaveLength(0)
    expect(pods(r)).toHaveLength(0)
  })

  it('foreground: the Deployment waits with the foregroundDeletion finalizer until its dependents are gone', () => {
    const r = run(setup)
    const order: string[] = []
    let sawFinalizer = false
    r.cluster.api.watch<KubeObject>('*', (e) => {
      if (e.object.kind === 'Deployment' && e.object.metadata?.finalizers?.includes('foregroundDeletion')) sawFinalizer = true
      if (e.type === 'DELETED' && ['Deployment', 'ReplicaSet', 'Pod'].includes(e.object.kind ?? '')) order.push(e.object.kind!)
    })
    r.more(`kubectl delete ${D} --cascade=foreground`)
    expect(sawFinalizer).toBe(true)
    // kube: owners in foreground deletion are removed only after every blocking dependent is gone.
    expect(order.at(-1)).toBe('Deployment')
    expect(order.filter((k) => k === 'Pod')).toHaveLength(3)
    expect(order.indexOf('ReplicaSet')).toBeLessThan(order.indexOf('Deployment'))
    expect(replicaSets(r)).toHaveLength(0)
    expect(pods(r)).toHaveLength(0)
  })

  it('orphan: the ReplicaSet and its pods stay, without the owner reference to the Deployment', () => {
    const r = run(`${setup}\nkubectl delete ${D} --cascade=orphan\nsleep 10`)
    expect(r.failed).toBe(0)
    const [rs] = replicaSets(r)
    expect(rs.metadata!.ownerReferences).toBeUndefined()
    expect(pods(r)).toHaveLength(3)
    expect(pods(r).every((p) => p.metadata!.ownerReferences?.[0].uid === rs.metadata!.uid)).toBe(true)
  })

  it('a new Deployment with the same selector and template adopts the orphaned ReplicaSet and its pods', () => {
    const r = run(`${setup}\nkubectl delete ${D} --cascade=orphan\nsleep 10`)
    const [orphan] = replicaSets(r)
    const podNames = pods(r).map((p) => p.metadata!.name).sort()
    r.more(`kubectl apply -f ${NGINX}\nkubectl rollout status ${D}`)
    const [rs] = replicaSets(r)
    expect(replicaSets(r)).toHaveLength(1)
    expect(rs.metadata!.uid).toBe(orphan.metadata!.uid)
    // kube: ControllerRefManager adopts orphans whose labels match the selector.
    expect(rs.metadata!.ownerReferences).toEqual([expect.objectContaining({ kind: 'Deployment', name: 'nginx-deployment', controller: true })])
    expect(pods(r).map((p) => p.metadata!.name).sort()).toEqual(podNames)
  })

  it('rejects an unknown cascade value with kubectl\'s message', () => {
    const r = run(`${setup}\nkubectl delete ${D} --cascade=sideways`)
    expect(r.stderr).toBe('error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan".\n')
  })
})
