import { describe, it, expect } from 'vitest'
import type { Event as KEvent, Node, Pod } from 'kubernetes-types/core/v1'
import { createCluster } from '../cluster'
import type { KubeObject } from '../apiserver/types'

const USER = { actor: 'kubectl' }

// A manifest as a learner would apply it (shape of the docs' nginx Deployment).
const deployment = (name: string, replicas: number, cpu: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name, namespace: 'default', labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }], resources: { requests: { cpu } } }] },
    },
  },
}) as KubeObject

const pod = (name: string, spec: Record<string, unknown>) =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec }) as KubeObject

describe('the scheduler in a whole cluster (createCluster)', () => {
  it('a pod requesting more CPU than any node has stays Pending with the exact kubectl message', () => {
    const c = createCluster()
    c.api.create(pod('greedy', { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '5' } } }] }), USER)
    c.clock.advance(5_000)
    const message = '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. ' +
      'no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..'
    const p = c.api.get<Pod>('Pod', 'default', 'greedy')
    expect(p.status?.phase).toBe('Pending')
    expect(p.status?.conditions?.find((x) => x.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message })
    const events = c.api.list<KEvent>('Event', { namespace: 'default' }).filter((e) => e.involvedObject.name === 'greedy')
    expect(events.map((e) => [e.type, e.reason, e.message, e.source?.component])).toEqual([['Warning', 'FailedScheduling', message, 'default-scheduler']])
  })

  it('spreads a Deployment over the three workers and never onto the control plane', () => {
    const c = createCluster()
    c.api.create(deployment('web', 6, '250m'), USER)
    c.clock.advance(30_000)
    const pods = c.api.list<Pod>('Pod', { namespace: 'default' })
    expect(pods).toHaveLength(6)
    const perNode: Record<string, number> = {}
    for (const p of pods) perNode[p.spec!.nodeName!] = (perNode[p.spec!.nodeName!] ?? 0) + 1
    expect(perNode).toEqual({ 'node-1': 2, 'node-2': 2, 'node-3': 2 })
    expect(pods.every((p) => p.status?.phase === 'Running')).toBe(true)
    for (const p of pods) {
      const d = c.scheduler.lastDecision(p.metadata!.uid!)!
      expect(d.node).toBe(p.spec!.nodeName)
      expect(d.filtered).toEqual([{ node: 'control-plane', plugin: 'TaintToleration', reason: 'node(s) had untolerated taint(s)' }])
    }
  })

  it('a pod that tolerates the control-plane taint and selects it lands there', () => {
    const c = createCluster()
    c.api.create(pod('admin', {
      containers: [{ name: 'app', image: 'nginx' }],
      nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
    }), USER)
    c.clock.advance(1_000)
    expect(c.api.get<Pod>('Pod', 'default', 'admin').spec?.nodeName).toBe('control-plane')
  })

  it('a cordoned node gets no new pods, and an uncordon lets a waiting pod in', () => {
    const c = createCluster({ nodes: [{ name: 'only', cpu: '4', memory: '8Gi' }] })
    c.api.patch('Node', undefined, 'only', { spec: { unschedulable: true } }, USER)
    c.clock.advance(1_000)
    c.api.create(pod('web', { containers: [{ name: 'app', image: 'nginx' }] }), USER)
    c.clock.advance(1_000)
    const waiting = c.api.get<Pod>('Pod', 'default', 'web')
    expect(waiting.spec?.nodeName).toBeUndefined()
    expect(waiting.status?.conditions?.[0].message).toMatch(/^0\/1 nodes are available: 1 node\(s\) (were unschedulable|had untolerated taint\(s\))\./)
    c.api.patch('Node', undefined, 'only', { spec: { unschedulable: null } }, USER)
    c.clock.advance(10_000)
    expect(c.api.get<Pod>('Pod', 'default', 'web').spec?.nodeName).toBe('only')
    expect(c.api.get<Node>('Node', undefined, 'only').spec?.unschedulable).toBeUndefined()
  })

  it('new pods avoid a node that died once the node controller taints it', () => {
    const c = createCluster()
    c.nodes.kill('node-1')
    c.clock.advance(60_000) // past the 50 s node-monitor grace period: NotReady, tainted
    c.api.create(deployment('web', 4, '100m'), USER)
    c.clock.advance(10_000)
    const nodes = c.api.list<Pod>('Pod', { namespace: 'default' }).map((p) => p.spec?.nodeName)
    expect(nodes).toHaveLength(4)
    expect(nodes).not.toContain('node-1')
    expect(nodes).not.toContain(undefined)
  })
})
