import { describe, it, expect } from 'vitest'
import type { Event as KEvent, Node, Pod } from 'kubernetes-types/core/v1'
import { createCore } from '../cluster'
import type { KubeObject } from '../apiserver/types'
import { Scheduler } from './scheduler'
import { makeNode, CONTROL_PLANE_TAINT, type NodeOptions } from './testutil'

const KUBELET = { actor: 'kubelet' }
const USER = { actor: 'kubectl' }

/** The default Terrarium nodes: a tainted control plane and three 4-CPU, 8Gi workers. */
const DEFAULT_NODES: [string, NodeOptions][] = [
  ['control-plane', { taints: [CONTROL_PLANE_TAINT], labels: { 'node-role.kubernetes.io/control-plane': '' } }],
  ['node-1', {}],
  ['node-2', {}],
  ['node-3', {}],
]

function setup(nodes: [string, NodeOptions][] = DEFAULT_NODES, seed = 1) {
  const core = createCore({ seed })
  for (const [name, o] of nodes) core.api.create(makeNode(name, o) as KubeObject, KUBELET)
  const scheduler = new Scheduler(core)
  scheduler.start()
  const pod = (name: string) => core.api.get<Pod>('Pod', 'default', name)
  const create = (name: string, requests?: Record<string, string>, spec: Partial<Pod['spec']> = {}) =>
    core.api.create({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'nginx', ...(requests ? { resources: { requests } } : {}) }], ...spec },
    } as KubeObject, USER) as Pod
  const events = (name: string) =>
    core.api.list<KEvent>('Event', { namespace: 'default' }).filter((e) => e.involvedObject.name === name)
  return { ...core, scheduler, pod, create, events }
}

describe('Scheduler', () => {
  it('binds a pod, records Scheduled from default-scheduler, and writes as kube-scheduler', () => {
    const c = setup()
    c.create('web', { cpu: '100m' })
    c.clock.settle()
    const pod = c.pod('web')
    expect(pod.spec?.nodeName).toMatch(/^node-[123]$/)
    expect(pod.status?.conditions?.find((x) => x.type === 'PodScheduled')?.status).toBe('True')
    const [ev] = c.events('web')
    expect(ev).toMatchObject({
      type: 'Normal', reason: 'Scheduled', message: `Successfully assigned default/web to ${pod.spec!.nodeName}`,
      source: { component: 'default-scheduler' },
    })
    expect(c.api.writes().find((w) => w.verb === 'bind')?.actor).toBe('kube-scheduler')
    const d = c.scheduler.lastDecision(pod.metadata!.uid!)!
    expect(d.node).toBe(pod.spec!.nodeName)
    expect(d.filtered).toEqual([{ node: 'control-plane', plugin: 'TaintToleration', reason: 'node(s) had untolerated taint(s)' }])
    expect(d.scores.map((s) => s.node)).toContain(d.node)
  })

  it('a pod requesting more CPU than any node has stays Pending with the exact FailedScheduling message', () => {
    const c = setup()
    c.create('greedy', { cpu: '5' })
    c.clock.settle()
    const message = '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. ' +
      'no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..'
    const pod = c.pod('greedy')
    expect(pod.spec?.nodeName).toBeUndefined()
    expect(pod.status?.phase).toBe('Pending')
    expect(pod.status?.conditions).toEqual([expect.objectContaining({
      type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null,
    })])
    expect(c.events('greedy')).toEqual([expect.objectContaining({
      type: 'Warning', reason: 'FailedScheduling', message, source: { component: 'default-scheduler' },
    })])
    expect(c.scheduler.lastDecision(pod.metadata!.uid!)?.message).toBe(message)
    expect(c.api.writes().filter((w) => w.kind === 'Pod' && w.verb === 'status').map((w) => w.actor)).toEqual(['kube-scheduler'])
  })

  it('spreads pods evenly over equal nodes (LeastAllocated)', () => {
    const c = setup()
    for (let i = 0; i < 9; i++) c.create(`web-${i}`, { cpu: '100m', memory: '64Mi' })
    c.clock.settle()
    const perNode = new Map<string, number>()
    for (let i = 0; i < 9; i++) {
      const n = c.pod(`web-${i}`).spec!.nodeName!
      perNode.set(n, (perNode.get(n) ?? 0) + 1)
    }
    expect(Object.fromEntries(perNode)).toEqual({ 'node-1': 3, 'node-2': 3, 'node-3': 3 })
  })

  it('sees the pods it bound earlier in the same batch (assumed pods count at once)', () => {
    const c = setup()
    for (let i = 0; i < 4; i++) c.create(`big-${i}`, { cpu: '3' })
    c.clock.settle()
    const placed = [0, 1, 2, 3].map((i) => c.pod(`big-${i}`).spec?.nodeName)
    expect(new Set(placed.filter(Boolean)).size).toBe(3)
    expect(placed.filter((n) => !n)).toHaveLength(1)
  })

  it('retries a Pending pod when a node that fits it joins', () => {
    const c = setup()
    c.create('greedy', { cpu: '6' })
    c.clock.settle()
    expect(c.pod('greedy').spec?.nodeName).toBeUndefined()
    c.api.create(makeNode('big', { cpu: '16' }) as KubeObject, KUBELET)
    c.clock.settle()
    expect(c.pod('greedy').spec?.nodeName).toBe('big')
  })

  it('retries a Pending pod when a bound pod is deleted and frees room', () => {
    const c = setup([['node-1', { cpu: '2' }]])
    c.create('first', { cpu: '1500m' })
    c.clock.settle()
    c.create('second', { cpu: '1' })
    c.clock.settle()
    expect(c.pod('second').spec?.nodeName).toBeUndefined()
    expect(c.pod('second').status?.conditions?.[0].message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: ' +
      '1 No preemption victims found for incoming pod..',
    )
    c.api.delete('Pod', 'default', 'first', USER, { gracePeriodSeconds: 0 })
    c.clock.settle()
    expect(c.pod('second').spec?.nodeName).toBe('node-1')
  })

  it('retries when a node is uncordoned, but not on heartbeats', () => {
    const c = setup([['node-1', { unschedulable: true }]])
    c.create('web')
    c.clock.settle()
    expect(c.pod('web').status?.conditions?.[0].message).toMatch(/^0\/1 nodes are available: 1 node\(s\) were unschedulable\./)
    const attempts = () => c.scheduler.stats.cycles
    const before = attempts()
    const node = c.api.get<Node>('Node', undefined, 'node-1')
    c.api.updateStatus({ ...node, status: { ...node.status, conditions: [{ type: 'Ready', status: 'True' }] } } as KubeObject, KUBELET)
    c.clock.settle()
    expect(attempts()).toBe(before)
    c.api.patch('Node', undefined, 'node-1', { spec: { unschedulable: null } }, USER)
    c.clock.settle()
    expect(c.pod('web').spec?.nodeName).toBe('node-1')
  })

  it('does not rewrite an unchanged PodScheduled condition when the pod is retried', () => {
    const c = setup([['node-1', { cpu: '1' }]])
    c.create('greedy', { cpu: '2' })
    c.clock.settle()
    c.clock.advance(6 * 60_000) // past podMaxInUnschedulablePodsDuration: retried without an event
    expect(c.scheduler.stats.failed).toBe(2)
    expect(c.api.writes().filter((w) => w.verb === 'status' && w.kind === 'Pod')).toHaveLength(1)
    expect(c.events('greedy')[0].count).toBe(2)
  })

  it('leaves pods of other schedulers, bound pods and pods being deleted alone', () => {
    const c = setup()
    c.create('other', undefined, { schedulerName: 'my-scheduler' })
    c.create('pinned', undefined, { nodeName: 'node-2' })
    c.clock.settle()
    expect(c.pod('other').spec?.nodeName).toBeUndefined()
    expect(c.pod('pinned').spec?.nodeName).toBe('node-2')
    expect(c.api.writes().filter((w) => w.actor === 'kube-scheduler')).toHaveLength(0)
  })

  it('keeps a pod with scheduling gates out of the queue and says so', () => {
    const c = setup()
    c.create('gated', undefined, { schedulingGates: [{ name: 'example.com/wait' }] })
    c.clock.settle()
    expect(c.pod('gated').spec?.nodeName).toBeUndefined()
    expect(c.pod('gated').status?.conditions).toEqual([expect.objectContaining({
      type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates',
    })])
    expect(c.scheduler.stats.cycles).toBe(0)
  })

  it('schedules higher-priority pods first', () => {
    const c = setup([['node-1', { cpu: '1' }]])
    c.api.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000, preemptionPolicy: 'Never' } as KubeObject, USER)
    c.create('low', { cpu: '1' })
    c.create('high', { cpu: '1' }, { priorityClassName: 'high' })
    c.clock.settle()
    expect(c.pod('high').spec?.nodeName).toBe('node-1')
    expect(c.pod('low').spec?.nodeName).toBeUndefined()
  })

  it('places the same pods on the same nodes for the same seed', () => {
    const run = (seed: number) => {
      const c = setup(DEFAULT_NODES, seed)
      for (let i = 0; i < 12; i++) c.create(`p-${i}`)
      c.clock.settle()
      return Array.from({ length: 12 }, (_, i) => c.pod(`p-${i}`).spec?.nodeName).join(',')
    }
    expect(run(3)).toBe(run(3))
  })

  it('schedules 1,000 pods on 100 nodes', () => {
    const nodes: [string, NodeOptions][] = Array.from({ length: 100 }, (_, i) => [`node-${i}`, { cpu: '16', memory: '64Gi' }])
    const c = setup(nodes)
    for (let i = 0; i < 1000; i++) c.create(`p-${i}`, { cpu: '100m', memory: '128Mi' })
    const t0 = performance.now()
    c.clock.settle() // the scheduling batches: filter, score, bind, Scheduled event
    const ms = performance.now() - t0
    console.log(`scheduler: 1000 pods on 100 nodes in ${ms.toFixed(0)} ms = ${Math.round(1000 / (ms / 1000))} pods/s (binds and events included)`)
    expect(c.scheduler.stats.scheduled).toBe(1000)
    const perNode = new Map<string, number>()
    for (const p of c.api.list<Pod>('Pod')) perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1)
    // LeastAllocated scores are integers, so nearly-equal nodes tie and the spread is near-even.
    expect(Math.max(...perNode.values())).toBeLessThanOrEqual(12)
    expect(Math.min(...perNode.values())).toBeGreaterThanOrEqual(8)
  })
})
