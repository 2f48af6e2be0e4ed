import { describe, expect, it } from 'vitest'
import type { Event as KEvent, Node, Pod, Taint } from 'kubernetes-types/core/v1'
import type { Lease } from 'kubernetes-types/coordination/v1'
import { createCore, DEFAULT_NODES } from '../../cluster'
import type { KubeObject } from '../../apiserver/types'
import { NodeSimulator } from '../../kubelet'
import { NodeLifecycleController } from './node-lifecycle-controller'
import { TaintEvictionController } from './taint-eviction-controller'

function setup() {
  const core = createCore({ seed: 11 })
  const nodes = new NodeSimulator(core)
  for (const n of DEFAULT_NODES) nodes.addNode(n)
  new NodeLifecycleController(core).start()
  new TaintEvictionController(core).start()
  core.clock.settle()
  return { ...core, nodes }
}
type Cluster = ReturnType<typeof setup>

function runPod(c: Cluster, name: string, node = 'node-1', extra: Record<string, unknown> = {}) {
  c.api.create({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }], ...extra },
  } as KubeObject, { actor: 'kubectl' })
  c.api.bind('default', name, node, { actor: 'kube-scheduler' })
}
const node = (c: Cluster, name = 'node-1') => c.api.get<Node>('Node', undefined, name)
const ready = (c: Cluster, name = 'node-1') => node(c, name).status!.conditions!.find((x) => x.type === 'Ready')!
const taints = (c: Cluster, name = 'node-1') => (node(c, name).spec!.taints ?? []).map((t) => `${t.key}:${t.effect}`)
const pod = (c: Cluster, name: string) => c.api.find<Pod>('Pod', 'default', name)
const events = (c: Cluster, name: string) => c.api.list<KEvent>('Event', { namespace: 'default' }).filter((e) => e.involvedObject.name === name)

/** Moves the clock to the instant node-1's kubelet has just renewed its Lease. */
function atLeaseRenewal(c: Cluster): number {
  const renewed = () => Date.parse(c.api.get<Lease>('Lease', 'kube-node-lease', 'node-1').spec!.renewTime!)
  const last = renewed()
  while (renewed() === last) c.clock.step()
  return c.clock.now()
}

describe('node lifecycle: a node that stops heartbeating', () => {
  it('is marked Unknown and tainted after the 50 s grace period, its pods evicted 300 s later, finished on restore', () => {
    const c = setup()
    runPod(c, 'web')
    c.clock.advance(30_000)
    expect(pod(c, 'web')!.status!.phase).toBe('Running')

    const t0 = atLeaseRenewal(c)
    c.nodes.kill('node-1')

    // kube: --node-monitor-grace-period 50 s (v1.32+), checked every --node-monitor-period 5 s.
    c.clock.advanceTo(t0 + 49_000)
    expect(ready(c).status).toBe('True')
    expect(taints(c)).toEqual([])

    c.clock.advanceTo(t0 + 55_000)
    expect(ready(c)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' })
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      expect(node(c).status!.conditions!.find((x) => x.type === type)!.status).toBe('Unknown')
    }
    expect(taints(c).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule'])
    const noExecute = node(c).spec!.taints!.find((t: Taint) => t.effect === 'NoExecute')!
    expect(noExecute.timeAdded).toBeDefined()
    expect(events(c, 'node-1').find((e) => e.reason === 'NodeNotReady')).toMatchObject({
      message: 'Node node-1 status is now: NodeNotReady', source: { component: 'node-controller' },
    })
    expect(pod(c, 'web')!.status!.conditions!.find((x) => x.type === 'Ready')!.status).toBe('False')
    expect(events(c, 'web').find((e) => e.reason === 'NodeNotReady')).toMatchObject({ type: 'Warning', message: 'Node is not ready' })

    // kube: DefaultTolerationSeconds — every pod tolerates unreachable:NoExecute for 300 s.
    const tainted = Date.parse(noExecute.timeAdded!)
    c.clock.advanceTo(tainted + 299_000)
    expect(pod(c, 'web')!.metadata!.deletionTimestamp).toBeUndefined()
    c.clock.advanceTo(tainted + 300_000)
    const evicted = pod(c, 'web')!
    expect(evicted.metadata!.deletionTimestamp).toBeDefined()
    expect(evicted.status!.conditions!.find((x) => x.type === 'DisruptionTarget')).toMatchObject({
      status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint',
    })
    expect(events(c, 'web').find((e) => e.reason === 'TaintManagerEviction')).toMatchObject({
      message: 'Marking for deletion Pod default/web', source: { component: 'taint-eviction-controller' },
    })

    // The kubelet is dead: nobody stops the containers, the pod stays Terminating.
    c.clock.advance(120_000)
    expect(pod(c, 'web')).toBeDefined()

    c.nodes.restore('node-1')
    c.clock.advance(10_000)
    expect(ready(c).status).toBe('True')
    expect(taints(c)).toEqual([])
    expect(pod(c, 'web')).toBeUndefined()
  })

  it('a node that comes back within the toleration keeps its pods and loses its taints', () => {
    const c = setup()
    runPod(c, 'web')
    c.clock.advance(30_000)
    c.nodes.kill('node-1')
    c.clock.advance(120_000)
    expect(taints(c)).toContain('node.kubernetes.io/unreachable:NoExecute')
    c.nodes.restore('node-1')
    c.clock.advance(15_000)
    expect(taints(c)).toEqual([])
    expect(events(c, 'web').find((e) => e.reason === 'TaintManagerEviction')?.message).toBe('Cancelling deletion of Pod default/web')
    c.clock.advance(400_000)
    const p = pod(c, 'web')!
    expect(p.metadata!.deletionTimestamp).toBeUndefined()
    expect(p.status!.conditions!.find((x) => x.type === 'Ready')!.status).toBe('True')
  })

  it('registers each node with the controller', () => {
    const c = setup()
    c.clock.advance(6_000)
    expect(events(c, 'node-2').find((e) => e.reason === 'RegisteredNode')?.message).toBe('Node node-2 event: Registered Node node-2 in Controller')
  })
})

describe('taint eviction', () => {
  const taintNode = (c: Cluster, t: Taint[]) => {
    const n = structuredClone(node(c, 'node-2')) as Node
    c.api.update({ ...n, spec: { ...n.spec, taints: t } } as KubeObject, { actor: 'kubectl' })
  }

  it('deletes at once a pod that does not tolerate a NoExecute taint', () => {
    const c = setup()
    runPod(c, 'p', 'node-2')
    c.clock.advance(20_000)
    taintNode(c, [{ key: 'dedicated', value: 'x', effect: 'NoExecute' }])
    c.clock.settle()
    const p = pod(c, 'p')
    expect(p === undefined || p.metadata!.deletionTimestamp !== undefined).toBe(true)
    c.clock.advance(5_000)
    expect(pod(c, 'p')).toBeUndefined()
  })

  it('deletes a tolerating pod after tolerationSeconds, unless the taint goes first', () => {
    const c = setup()
    const tolerations = [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]
    runPod(c, 'keep', 'node-2', { tolerations })
    runPod(c, 'go', 'node-3', { tolerations })
    c.clock.advance(20_000)
    taintNode(c, [{ key: 'dedicated', effect: 'NoExecute', timeAdded: c.clock.timestamp() }])
    const n3 = structuredClone(node(c, 'node-3')) as Node
    c.api.update({ ...n3, spec: { ...n3.spec, taints: [{ key: 'dedicated', effect: 'NoExecute', timeAdded: c.clock.timestamp() }] } } as KubeObject, { actor: 'kubectl' })
    c.clock.advance(30_000)
    taintNode(c, [])
    c.clock.advance(29_000)
    expect(pod(c, 'go')!.metadata!.deletionTimestamp).toBeUndefined()
    c.clock.advance(2_000)
    const go = pod(c, 'go')
    expect(go === undefined || go.metadata!.deletionTimestamp !== undefined).toBe(true)
    expect(pod(c, 'keep')!.metadata!.deletionTimestamp).toBeUndefined()
  })
})
