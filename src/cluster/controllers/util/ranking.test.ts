import { describe, it, expect } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1'
import { compareForDeletion, podsToDelete } from './ranking'

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0)
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z')

function pod(name: string, o: { node?: string; phase?: string; ready?: boolean; readySince?: number; restarts?: number; created?: number; cost?: string } = {}): Pod {
  return {
    metadata: {
      name, uid: `uid-${name}`, creationTimestamp: ago(o.created ?? 3600),
      annotations: o.cost !== undefined ? { 'controller.kubernetes.io/pod-deletion-cost': o.cost } : undefined,
    },
    spec: { nodeName: o.node, containers: [] },
    status: {
      phase: o.phase ?? 'Running',
      conditions: o.ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: ago(o.readySince ?? 600) }] : [],
      containerStatuses: [{ name: 'c', image: 'x', imageID: '', ready: !!o.ready, restartCount: o.restarts ?? 0 }],
    },
  }
}

const first = (a: Pod, b: Pod) => {
  const order = [{ pod: a, rank: 0 }, { pod: b, rank: 0 }].sort((x, y) => compareForDeletion(x, y, NOW))
  return order[0].pod.metadata!.name
}

describe('choosing pods to delete (ActivePodsWithRanks)', () => {
  it('an unassigned pod goes before an assigned one', () => {
    expect(first(pod('a', { node: 'n1', ready: true }), pod('b', { phase: 'Pending' }))).toBe('b')
  })
  it('Pending goes before Unknown, which goes before Running', () => {
    expect(first(pod('run', { node: 'n' }), pod('pend', { node: 'n', phase: 'Pending' }))).toBe('pend')
    expect(first(pod('run', { node: 'n' }), pod('unk', { node: 'n', phase: 'Unknown' }))).toBe('unk')
  })
  it('a pod that is not ready goes before a ready one', () => {
    expect(first(pod('ready', { node: 'n', ready: true }), pod('notready', { node: 'n' }))).toBe('notready')
  })
  it('a lower pod-deletion-cost goes first', () => {
    expect(first(pod('cheap', { node: 'n', ready: true, cost: '-5' }), pod('dear', { node: 'n', ready: true, cost: '10' }))).toBe('cheap')
  })
  it('a pod doubled up on a node goes before a pod alone on its node', () => {
    const a = { pod: pod('alone', { node: 'n1', ready: true }), rank: 1 }
    const b = { pod: pod('crowded', { node: 'n2', ready: true }), rank: 3 }
    expect([a, b].sort((x, y) => compareForDeletion(x, y, NOW))[0].pod.metadata!.name).toBe('crowded')
  })
  it('the pod ready more recently goes first when the log2 buckets differ', () => {
    expect(first(pod('old', { node: 'n', ready: true, readySince: 7200 }), pod('new', { node: 'n', ready: true, readySince: 10 }))).toBe('new')
  })
  it('ready times in the same log2 bucket are ordered by uid, not by restarts', () => {
    // 600 s and 610 s since ready share floor(log2(ns)); kube then compares UIDs.
    const a = pod('a-calm', { node: 'n', ready: true, readySince: 600 })
    const b = pod('b-flaky', { node: 'n', ready: true, readySince: 610, restarts: 4 })
    expect(first(b, a)).toBe('a-calm')
  })
  it('more restarts go first', () => {
    expect(first(pod('calm', { node: 'n' }), pod('flaky', { node: 'n', restarts: 3 }))).toBe('flaky')
  })
  it('the newer pod goes first', () => {
    expect(first(pod('old', { node: 'n', created: 86400 }), pod('young', { node: 'n', created: 5 }))).toBe('young')
  })
  it('podsToDelete counts related pods per node to rank doubled-up pods first', () => {
    const a = pod('a', { node: 'n1', ready: true })
    const b = pod('b', { node: 'n2', ready: true })
    const c = pod('c', { node: 'n2', ready: true })
    const victims = podsToDelete([a, b, c], [a, b, c], 1, NOW)
    expect(['b', 'c']).toContain(victims[0].metadata!.name)
  })
  it('podsToDelete returns every pod when asked for as many as there are', () => {
    const pods = [pod('a'), pod('b')]
    expect(podsToDelete(pods, pods, 5, NOW)).toHaveLength(2)
  })
})
