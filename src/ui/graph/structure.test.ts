import { describe, it, expect } from 'vitest'
import { applyChanges, emptyMirror } from '../state/mirror'
import { buildStructure, nodeColumns, X_FRONT, X_NODES } from './structure'
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

const slice = (svc: string, endpoints: { pod: string; node: string; ready?: boolean; terminating?: boolean }[]): KubeObject => ({
  kind: 'EndpointSlice',
  metadata: { uid: `${svc}-slice`, name: `${svc}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': svc } },
  endpoints: endpoints.map((e) => ({
    addresses: ['10.244.1.5'],
    nodeName: e.node,
    targetRef: { kind: 'Pod', name: e.pod, namespace: 'default' },
    conditions: { ready: e.ready ?? true, serving: e.ready ?? true, terminating: e.terminating ?? false },
  })),
} as KubeObject)
const service = (name: string, selector?: Record<string, string>): KubeObject => ({
  kind: 'Service', metadata: { uid: `svc-${name}`, name, namespace: 'default' }, spec: { selector },
})

describe('graph links for Services, Ingresses, autoscalers and volumes', () => {
  it('links a Service to the nodes its EndpointSlices name, not to pods its selector matches', () => {
    const pod = { ...owned('Pod', 'web-1'), metadata: { uid: 'web-1', name: 'web-1', namespace: 'default', labels: { app: 'web' } }, spec: { nodeName: 'node-2' } }
    const m = applyChanges(emptyMirror(), [node('node-1'), node('node-2'), service('web', { app: 'web' }), pod, slice('web', [{ pod: 'other', node: 'node-1' }])], [], [])
    const links = buildStructure(m).links.filter((l) => l.source === 'svc-web')
    expect(links.map((l) => [l.target, l.kind, l.label])).toEqual([
      ['node:node-1', 'routes', 'Service web routes to 1 ready endpoint on node node-1'],
    ])
  })

  it('draws not-ready and terminating endpoints as a separate link, and animates them only where no ready link exists', () => {
    const m = applyChanges(emptyMirror(), [node('node-1'), node('node-2'), service('web'), slice('web', [
      { pod: 'a', node: 'node-1' }, { pod: 'b', node: 'node-1', ready: false }, { pod: 'c', node: 'node-2', ready: false, terminating: true },
    ])], [], [])
    const links = buildStructure(m).links.filter((l) => l.source === 'svc-web')
    expect(links.map((l) => [l.target, l.kind, l.service])).toEqual([
      ['node:node-1', 'routes', 'default/web'],
      ['node:node-1', 'routesNotReady', undefined],
      ['node:node-2', 'routesNotReady', 'default/web'],
    ])
    expect(links[2].label).toBe('Service web has 1 endpoint not ready on node node-2')
  })

  it('links an Ingress to its backend Services and an autoscaler to its Deployment, both in the front column', () => {
    const ing = { kind: 'Ingress', metadata: { uid: 'ing', name: 'minimal-ingress', namespace: 'default' },
      spec: { rules: [{ http: { paths: [{ path: '/testpath', pathType: 'Prefix', backend: { service: { name: 'test', port: { number: 80 } } } }] } }] } }
    const hpa = { kind: 'HorizontalPodAutoscaler', metadata: { uid: 'hpa', name: 'php-apache', namespace: 'default' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, maxReplicas: 10 } }
    const m = applyChanges(emptyMirror(), [owned('Deployment', 'php-apache'), service('test'), ing, hpa], [], [])
    const { boxes, links } = buildStructure(m)
    expect(links.map((l) => l.label)).toEqual(['Ingress minimal-ingress sends */testpath to Service test', 'HorizontalPodAutoscaler php-apache scales Deployment php-apache'])
    const at = Object.fromEntries(boxes.map((b) => [b.id, b]))
    expect(at.ing.x).toBe(X_FRONT)
    expect(at.hpa.x).toBe(X_FRONT)
    // Each sits on the row of what it points at.
    expect(at.hpa.y).toBe(at['php-apache'].y)
    expect(at.ing.y).toBe(at['svc-test'].y)
  })

  it('links a claim to its volume and the volume to the node of the pod that mounts it', () => {
    const pvc = { kind: 'PersistentVolumeClaim', metadata: { uid: 'pvc', name: 'task-pv-claim', namespace: 'default' }, spec: { volumeName: 'task-pv-volume' }, status: { phase: 'Bound' } }
    const pv = { kind: 'PersistentVolume', metadata: { uid: 'pv', name: 'task-pv-volume' }, spec: {}, status: { phase: 'Bound' } }
    const pod = { kind: 'Pod', metadata: { uid: 'p', name: 'task-pv-pod', namespace: 'default' },
      spec: { nodeName: 'node-1', volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'task-pv-claim' } }] } }
    const m = applyChanges(emptyMirror(), [node('node-1'), pvc, pv, pod], [], [])
    const { boxes, links } = buildStructure(m)
    expect(links.map((l) => l.label)).toEqual([
      'PersistentVolumeClaim task-pv-claim is bound to PersistentVolume task-pv-volume',
      'PersistentVolume task-pv-volume is mounted by 1 pod on node node-1',
    ])
    const x = Object.fromEntries(boxes.map((b) => [b.id, b.x]))
    expect(x.pvc).toBeLessThan(x.pv)
    expect(x.pv).toBeLessThan(x['node:node-1'])
  })
})
