// Step 3 of the walking skeleton: a killed node stops heartbeating; after the node monitor grace
// period (50 s, kube default since v1.32) it is NotReady and tainted unreachable:NoExecute; every pod
// tolerates that for 300 s (DefaultTolerationSeconds), then is evicted and its ReplicaSet replaces it.
import { describe, expect, it } from 'vitest'
import type { Lease } from 'kubernetes-types/coordination/v1'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { NGINX, rows, run } from './run'

const ms = (t: string | undefined) => Date.parse(t!)

function victimNode(pods: Pod[]): string {
  return pods.find((p) => p.spec?.nodeName && p.spec.nodeName !== 'control-plane')!.spec!.nodeName!
}

describe('killing a node that holds pods', () => {
  it('marks it NotReady and taints it unreachable only once 50 s pass without a Lease renewal', () => {
    const r = run(`kubectl apply -f ${NGINX}\nsleep 20`)
    const { cluster } = r
    const name = victimNode(cluster.api.list<Pod>('Pod', { namespace: 'default' }))
    r.more(`node kill ${name}`)
    const lastRenew = ms(cluster.api.get<Lease>('Lease', 'kube-node-lease', name).spec!.renewTime)
    let notReadyAt: number | undefined
    for (let i = 0; i < 120 && notReadyAt === undefined; i++) {
      cluster.clock.advance(1000)
      const ready = cluster.api.get<Node>('Node', undefined, name).status!.conditions!.find((c) => c.type === 'Ready')!
      if (ready.status !== 'True') notReadyAt = cluster.clock.now()
    }
    const node = cluster.api.get<Node>('Node', undefined, name)
    const ready = node.status!.conditions!.find((c) => c.type === 'Ready')!
    expect(ready.status).toBe('Unknown')
    expect(ready.reason).toBe('NodeStatusUnknown')
    expect(ready.message).toBe('Kubelet stopped posting node status.')
    expect(node.spec!.taints!.map((t) => `${t.key}:${t.effect}`)).toEqual(
      expect.arrayContaining(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']))
    // Not before the grace period; found by the next 5 s monitor pass (kube: --node-monitor-period).
    expect(notReadyAt! - lastRenew).toBeGreaterThan(50_000)
    expect(notReadyAt! - lastRenew).toBeLessThanOrEqual(50_000 + 5_000 + 1_000)
    expect(r.more('kubectl get nodes').stdout).toMatch(new RegExp(`${name}\\s+NotReady\\s+<none>`))
  })

  it('evicts its pods exactly 300 s after the taint, and the ReplicaSet replaces them on other nodes', () => {
    const r = run(`kubectl apply -f ${NGINX}\nsleep 20`)
    const { cluster } = r
    const name = victimNode(cluster.api.list<Pod>('Pod', { namespace: 'default' }))
    const doomed = cluster.api.list<Pod>('Pod', { namespace: 'default', fieldSelector: `spec.nodeName=${name}` }).map((p) => p.metadata!.name!)
    expect(doomed.length).toBeGreaterThan(0)
    r.more(`node kill ${name}\nsleep 60`)
    const taint = cluster.api.get<Node>('Node', undefined, name).spec!.taints!.find((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute')!
    const tainted = ms(taint.timeAdded)
    cluster.clock.advanceTo(tainted + 299_000)
    for (const p of doomed) expect(cluster.api.get<Pod>('Pod', 'default', p).metadata!.deletionTimestamp).toBeUndefined()
    cluster.clock.advanceTo(tainted + 300_000)
    for (const p of doomed) expect(cluster.api.get<Pod>('Pod', 'default', p).metadata!.deletionTimestamp).toBeDefined()
    // The kubelet is dead, so the evicted pods stay Terminating; their replacements run elsewhere.
    const out = r.more('sleep 10\nkubectl get pods -o wide').stdout
    const table = rows(out)
    expect(table.filter((c) => c[2] === 'Terminating').map((c) => c[0]).sort()).toEqual([...doomed].sort())
    const running = table.filter((c) => c[2] === 'Running')
    expect(running).toHaveLength(3)
    expect(running.every((c) => c[6] !== name && c[6] !== 'control-plane')).toBe(true)
    expect(r.more('kubectl get deploy').stdout).toMatch(/nginx-deployment\s+3\/3/)
  })

  it('restore brings the node back Ready, lifts the taints and finishes the pending deletions', () => {
    const r = run(`kubectl apply -f ${NGINX}\nsleep 20`)
    const { cluster } = r
    const name = victimNode(cluster.api.list<Pod>('Pod', { namespace: 'default' }))
    r.more(`node kill ${name}\nsleep 7m\nnode restore ${name}\nsleep 30`)
    const node = cluster.api.get<Node>('Node', undefined, name)
    expect(node.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True')
    expect(node.spec!.taints ?? []).toEqual([])
    const table = rows(r.more('kubectl get pods').stdout)
    expect(table.map((c) => c[2])).toEqual(['Running', 'Running', 'Running'])
    expect(r.more('kubectl get nodes').stdout).toMatch(new RegExp(`${name}\\s+Ready\\s+<none>`))
  })

  it('a node restored within the toleration keeps its pods', () => {
    const r = run(`kubectl apply -f ${NGINX}\nsleep 20`)
    const { cluster } = r
    const before = cluster.api.list<Pod>('Pod', { namespace: 'default' }).map((p) => p.metadata!.name).sort()
    const name = victimNode(cluster.api.list<Pod>('Pod', { namespace: 'default' }))
    r.more(`node kill ${name}\nsleep 2m\nnode restore ${name}\nsleep 5m`)
    const after = cluster.api.list<Pod>('Pod', { namespace: 'default' })
    expect(after.map((p) => p.metadata!.name).sort()).toEqual(before)
    expect(after.every((p) => !p.metadata!.deletionTimestamp)).toBe(true)
  })
})
