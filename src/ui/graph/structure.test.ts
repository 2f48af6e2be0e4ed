import { describe, it, expect } from 'vitest'
import { applyChanges, emptyMirror } from '../state/mirror'
import { buildStructure, nodeColumns, X_NODES } from './structure'
import type { KubeObject } from '../../cluster/apiserver/types'

const node = (name: string, controlPlane = false): KubeObject => ({
  kind: 'Node',
  metadata: { uid: name, name, labels: controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {} },
})
const owned = (kind: string, uid: string, owner?: string): KubeObject => ({
  kind,
  metadata: { uid, name: uid, namespace: 'default', ownerReferences: owner ? [{ apiVersion: 'apps/v1', kind: 'X', name: owner, uid: owner, controller: true }] : [] },
})

describe('graph layout', () => {
  it('stacks unscheduled pods, then workers, then the control plane in one column for a small cluster', () => {
    const m = applyChanges(emptyMirror(), [node('control-plane', true), node('node-1'), node('node-2')], [], [])
    const regions = buildStructure(m).boxes.filter((b) => b.type === 'k8sNode' || b.type === 'unscheduled')
    const byRow = [...regions].sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
    expect(byRow.map((b) => b.label)).toEqual(['Unscheduled pods', 'Node node-1', 'Node node-2', 'Node control-plane'])
    expect(byRow.map((b) => [b.x, b.row])).toEqual([[X_NODES, 0], [X_NODES, 1], [X_NODES, 2], [X_NODES, 3]])
  })

  it('reads left to right: a Deployment, then its ReplicaSet, then the node column', () => {
    const m = applyChanges(emptyMirror(), [owned('Deployment', 'web'), owned('ReplicaSet', 'web-abc', 'web'), node('node-1')], [], [])
    const x = Object.fromEntries(buildStructure(m).boxes.map((b) => [b.id, b.x]))
    expect(x.web).toBeLessThan(x['web-abc'])
    expect(x['web-abc']).toBeLessThan(x['node:node-1'])
  })

  it('links a CronJob to its Job and the Job to the node its pod runs on; a StatefulSet sits beside the ReplicaSets', () => {
    const pod = { ...owned('Pod', 'pi-abcde', 'pi'), spec: { nodeName: 'node-1' } }
    const m = applyChanges(emptyMirror(), [owned('CronJob', 'hello'), owned('Job', 'pi', 'hello'), owned('StatefulSet', 'web'), pod, node('node-1')], [], [])
    const { boxes, links } = buildStructure(m)
    const x = Object.fromEntries(boxes.map((b) => [b.id, b.x]))
    expect(x.hello).toBeLessThan(x.pi)
    expect(x.web).toBe(x.pi)
    expect(links.map((l) => l.label)).toEqual(['CronJob hello owns Job pi', 'Job pi has 1 pod on node node-1'])
  })

  it('uses a near-square grid once the cluster has more nodes than fit one column', () => {
    expect(nodeColumns(4)).toBe(1)
    expect(nodeColumns(9)).toBe(3)
    expect(nodeColumns(100)).toBe(10)
  })
})
