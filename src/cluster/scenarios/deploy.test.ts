// Step 2 of the walking skeleton: the docs' nginx Deployment, applied unchanged, becomes a
// ReplicaSet and three pods that go Pending → ContainerCreating → Running with the kubelet's events.
import { describe, expect, it } from 'vitest'
import type { Event, Pod } from 'kubernetes-types/core/v1'
import { NGINX, rows, run } from './run'

const HASH = /^nginx-deployment-([bcdfghjklmnpqrstvwxz2456789]{1,10})$/
const POD = /^nginx-deployment-[bcdfghjklmnpqrstvwxz2456789]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/

describe('applying the docs nginx Deployment', () => {
  it('creates the Deployment, its ReplicaSet <deployment>-<pod-template-hash> and 3 pods <rs>-<5 chars>', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl get rs -o name\nkubectl get pods -o name`)
    expect(r.stderr).toBe('')
    const [applied, rs, ...pods] = r.stdout.trim().split('\n')
    expect(applied).toBe('deployment.apps/nginx-deployment created')
    const rsName = rs.replace('replicaset.apps/', '')
    expect(rsName).toMatch(HASH)
    expect(pods).toHaveLength(3)
    for (const p of pods) {
      expect(p.replace('pod/', '')).toMatch(POD)
      expect(p.replace('pod/', '').startsWith(`${rsName}-`)).toBe(true)
    }
  })

  it('pods start Pending with ContainerCreating and are Running within seconds (image pull delay)', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl get pods`)
    const before = rows(r.stdout.split('\n').slice(1).join('\n'))
    expect(before.map((c) => [c[1], c[2]])).toEqual([['0/1', 'ContainerCreating'], ['0/1', 'ContainerCreating'], ['0/1', 'ContainerCreating']])
    const later = r.more('sleep 10\nkubectl get pods')
    expect(rows(later.stdout).map((c) => [c[1], c[2], c[3]])).toEqual([['1/1', 'Running', '0'], ['1/1', 'Running', '0'], ['1/1', 'Running', '0']])
    expect(r.more('kubectl get deploy').stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nnginx-deployment\s+3\/3\s+3\s+3\s+10s\n$/)
  })

  it('pods land on the worker nodes, never on the tainted control plane', () => {
    const r = run(`kubectl apply -f ${NGINX}\nsleep 10`)
    const nodes = rows(r.more('kubectl get pods -o wide').stdout).map((c) => c[6])
    expect(nodes).not.toContain('control-plane')
    expect(new Set(nodes).size).toBe(3) // kube: LeastAllocated and BalancedAllocation spread equal nodes
  })

  it('each pod gets the events Kubernetes writes, in order: Scheduled, Pulling, Pulled, Created, Started', () => {
    const { cluster } = run(`kubectl apply -f ${NGINX}\nsleep 10`)
    for (const pod of cluster.api.list<Pod>('Pod', { namespace: 'default' })) {
      const events = cluster.api.list<Event>('Event', { namespace: 'default' })
        .filter((e) => e.involvedObject.uid === pod.metadata!.uid)
        .sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion))
      expect(events.map((e) => e.reason)).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started'])
      expect(events[0].message).toBe(`Successfully assigned default/${pod.metadata!.name} to ${pod.spec!.nodeName}`)
      expect(events[0].source?.component).toBe('default-scheduler')
      expect(events[1].message).toBe('Pulling image "nginx:1.14.2"')
      expect(events[2].message).toMatch(/^Successfully pulled image "nginx:1\.14\.2" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/)
      // kube v1.35: container names left the messages and live in involvedObject.fieldPath.
      expect(events.slice(1).map((e) => e.involvedObject.fieldPath)).toEqual(Array(4).fill('spec.containers{nginx}'))
      expect(events.slice(3).map((e) => e.message)).toEqual(['Container created', 'Container started'])
    }
  })

  it('every write names its actor, in the order the flow happens', () => {
    const { cluster } = run(`kubectl apply -f ${NGINX}\nsleep 10`)
    const actors = cluster.api.writes().filter((w) => w.kind !== 'Event' && w.kind !== 'Lease' && w.kind !== 'Node').map((w) => `${w.actor} ${w.verb} ${w.kind}`)
    const first = (s: string) => actors.indexOf(s)
    expect(first('kubectl create Deployment')).toBeGreaterThanOrEqual(0)
    expect(first('deployment-controller create ReplicaSet')).toBeGreaterThan(first('kubectl create Deployment'))
    expect(first('replicaset-controller create Pod')).toBeGreaterThan(first('deployment-controller create ReplicaSet'))
    expect(first('kube-scheduler bind Pod')).toBeGreaterThan(first('replicaset-controller create Pod'))
    expect(actors.some((a) => /^kubelet\/node-\d status Pod$/.test(a))).toBe(true)
  })

  it('the KYAML (flow-style) form of the same manifest applies the same way', () => {
    const r = run('kubectl apply -f _kyaml/controllers/nginx-deployment.yaml\nsleep 10\nkubectl get deploy nginx-deployment')
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('deployment.apps/nginx-deployment created')
    expect(r.stdout).toMatch(/nginx-deployment\s+3\/3/)
  })
})
