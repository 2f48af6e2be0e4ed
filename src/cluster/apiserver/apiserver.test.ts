import { describe, expect, it } from 'vitest'
import type { Deployment } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { createCore } from '../cluster'
import { ApiError, type KubeObject } from './types'

const ctx = { actor: 'test' }

const pod = (name: string, extra: Partial<Pod['spec']> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }], ...extra },
})

const deployment = (replicas: unknown): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-deployment' },
  spec: {
    replicas, selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } },
  },
} as KubeObject)

function error(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected an ApiError')
}

describe('ApiServer', () => {
  it('a fresh cluster has the system namespaces and the kubernetes Service at 10.96.0.1', () => {
    const { api } = createCore()
    expect(api.list('Namespace').map((n) => n.metadata!.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system'])
    expect((api.get('Service', 'default', 'kubernetes').spec as { clusterIP: string }).clusterIP).toBe('10.96.0.1')
  })

  it('create sets uid, resourceVersion, creationTimestamp and applies pod defaults and admission', () => {
    const { api } = createCore()
    const p = api.create<Pod>(pod('web') as Pod, ctx)
    expect(p.metadata!.uid).toMatch(/^[0-9a-f-]{36}$/)
    expect(p.metadata!.resourceVersion).toBe(String(api.revision()))
    expect(p.metadata!.namespace).toBe('default')
    expect(p.spec!.restartPolicy).toBe('Always') // kube default
    expect(p.spec!.terminationGracePeriodSeconds).toBe(30) // kube default
    expect(p.spec!.containers[0].imagePullPolicy).toBe('IfNotPresent') // tagged, not :latest
    expect(p.status!.phase).toBe('Pending')
    expect(p.status!.qosClass).toBe('BestEffort')
    // kube: DefaultTolerationSeconds admission adds 300 s tolerations for not-ready and unreachable
    expect(p.spec!.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ])
    expect(Object.isFrozen(p.spec!.containers[0])).toBe(true)
  })

  it('an untagged image defaults to imagePullPolicy Always', () => {
    const { api } = createCore()
    const p = api.create<Pod>({ ...pod('x'), spec: { containers: [{ name: 'c', image: 'nginx' }] } } as Pod, ctx)
    expect(p.spec!.containers[0].imagePullPolicy).toBe('Always')
  })

  it('generateName appends five characters from the name alphabet', () => {
    const { api } = createCore()
    const p = api.create<KubeObject>({ ...pod(''), metadata: { generateName: 'web-' } }, ctx)
    expect(p.metadata!.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
  })

  it('an update with a stale resourceVersion fails with 409 Conflict', () => {
    const { api } = createCore()
    const d = api.create(deployment(3), ctx)
    api.update({ ...d, spec: { ...(d.spec as object), replicas: 4 } }, ctx)
    const e = error(() => api.update({ ...d, spec: { ...(d.spec as object), replicas: 5 } }, ctx))
    expect(e.code).toBe(409)
    expect(e.message).toBe('Operation cannot be fulfilled on deployments.apps "nginx-deployment": the object has been modified; please apply your changes to the latest version and try again')
  })

  it('an update that changes nothing keeps the resourceVersion', () => {
    const { api } = createCore()
    const d = api.create(deployment(3), ctx)
    const again = api.update(d, ctx)
    expect(again.metadata!.resourceVersion).toBe(d.metadata!.resourceVersion)
  })

  it('a spec change bumps generation; a status change does not', () => {
    const { api } = createCore()
    const d = api.create<Deployment>(deployment(3) as Deployment, ctx)
    const d2 = api.update<Deployment>({ ...d, spec: { ...d.spec!, replicas: 4 } }, ctx)
    expect(d2.metadata!.generation).toBe(2)
    const d3 = api.updateStatus<Deployment>({ ...d2, status: { replicas: 4 } }, ctx)
    expect(d3.metadata!.generation).toBe(2)
    expect(d3.status!.replicas).toBe(4)
    const d4 = api.update<Deployment>({ ...d3, status: { replicas: 99 } }, ctx)
    expect(d4.status!.replicas).toBe(4) // status is kept apart from spec
  })

  it('rejects negative replicas naming the field as Kubernetes does', () => {
    const { api } = createCore()
    const e = error(() => api.create(deployment(-1), ctx))
    expect(e.reason).toBe('Invalid')
    expect(e.message).toBe('Deployment "nginx-deployment" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0')
  })

  it('rejects a wrong type as a field error instead of crashing', () => {
    const { api } = createCore()
    const e = error(() => api.create(deployment('three'), ctx))
    expect(e.causes[0].field).toBe('spec.replicas')
  })

  it('rejects a selector that does not match the template labels', () => {
    const { api } = createCore()
    const d = deployment(1) as Deployment
    d.spec!.selector = { matchLabels: { app: 'other' } }
    const e = error(() => api.create(d as KubeObject, ctx))
    expect(e.message).toContain('spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`')
  })

  it('a pod in a missing namespace is NotFound', () => {
    const { api } = createCore()
    const e = error(() => api.create({ ...pod('x'), metadata: { name: 'x', namespace: 'nope' } }, ctx))
    expect(e.message).toBe('namespaces "nope" not found')
  })

  it('deleting a bound pod is graceful: deletionTimestamp now + 30 s, removed only with grace 0', () => {
    const { api, clock } = createCore()
    api.create(pod('web'), ctx)
    api.bind('default', 'web', 'node-1', ctx)
    const marked = api.delete<Pod>('Pod', 'default', 'web', ctx)
    expect(marked.metadata!.deletionGracePeriodSeconds).toBe(30)
    expect(marked.metadata!.deletionTimestamp).toBe(clock.timestamp(clock.now() + 30_000))
    expect(api.find('Pod', 'default', 'web')).toBeDefined()
    api.delete('Pod', 'default', 'web', ctx, { gracePeriodSeconds: 0 })
    expect(api.find('Pod', 'default', 'web')).toBeUndefined()
  })

  it('an unbound pod is deleted at once', () => {
    const { api } = createCore()
    api.create(pod('web'), ctx)
    api.delete('Pod', 'default', 'web', ctx)
    expect(api.find('Pod', 'default', 'web')).toBeUndefined()
  })

  it('finalizers hold an object until they are removed', () => {
    const { api } = createCore()
    const d = api.create<KubeObject>({ ...deployment(1), metadata: { name: 'd', finalizers: ['example.com/hold'] } }, ctx)
    api.delete('Deployment', 'default', 'd', ctx)
    const held = api.get('Deployment', 'default', 'd')
    expect(held.metadata!.deletionTimestamp).toBeDefined()
    api.update({ ...held, metadata: { ...held.metadata, finalizers: [] } }, ctx)
    expect(api.find('Deployment', 'default', 'd')).toBeUndefined()
    expect(d.metadata!.uid).toBeDefined()
  })

  it('bind sets nodeName and PodScheduled, and refuses a second binding', () => {
    const { api } = createCore()
    api.create(pod('web'), ctx)
    api.bind('default', 'web', 'node-2', { actor: 'kube-scheduler' })
    const p = api.get<Pod>('Pod', 'default', 'web')
    expect(p.spec!.nodeName).toBe('node-2')
    expect(p.status!.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'True' })])
    expect(error(() => api.bind('default', 'web', 'node-3', ctx)).code).toBe(409)
    expect(api.writes().at(-1)).toMatchObject({ actor: 'kube-scheduler', verb: 'bind', kind: 'Pod', name: 'web' })
  })

  it('watchers see every change in revision order, including writes made by other watchers', () => {
    const { api } = createCore()
    const seen: string[] = []
    api.watch('Pod', (e) => {
      seen.push(`${e.type} ${e.object.metadata!.name} ${e.revision}`)
      if (e.type === 'ADDED' && e.object.metadata!.name === 'a') api.create(pod('b'), ctx)
    })
    api.watch('Pod', (e) => seen.push(`second ${e.type} ${e.object.metadata!.name}`))
    api.create(pod('a'), ctx)
    expect(seen.map((s) => s.replace(/ \d+$/, ''))).toEqual(['ADDED a', 'second ADDED a', 'ADDED b', 'second ADDED b'])
  })

  it('lists by label selector and field selector', () => {
    const { api } = createCore()
    api.create(pod('a'), ctx)
    api.create({ ...pod('b'), metadata: { name: 'b', labels: { app: 'db' } } }, ctx)
    api.bind('default', 'b', 'node-1', ctx)
    expect(api.list('pods', { labelSelector: 'app=web' }).map((p) => p.metadata!.name)).toEqual(['a'])
    expect(api.list('po', { labelSelector: 'app in (web,db)' }).length).toBe(2)
    expect(api.list('Pod', { fieldSelector: 'spec.nodeName=node-1' }).map((p) => p.metadata!.name)).toEqual(['b'])
  })

  it('resolves kinds by short name, plural and group-qualified name', () => {
    const { api } = createCore()
    expect(api.resolveKind('deploy')?.kind).toBe('Deployment')
    expect(api.resolveKind('replicasets.apps')?.kind).toBe('ReplicaSet')
    expect(api.resolveKind('no')?.kind).toBe('Node')
    expect(api.resolveKind('nope')).toBeUndefined()
  })

  it('the same seed gives the same uids and names', () => {
    const run = () => {
      const { api } = createCore({ seed: 7 })
      return api.create<KubeObject>({ ...pod(''), metadata: { generateName: 'x-' } }, ctx).metadata
    }
    expect(run()).toEqual(run())
  })
})

describe('pod updates', () => {
  it('may remove scheduling gates but not add them (kube: ValidatePodUpdate)', () => {
    const { api } = createCore()
    const p = api.create<Pod>({ ...pod('gated'), spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], schedulingGates: [{ name: 'example.com/wait' }] } } as Pod, ctx)
    const released = api.update<Pod>({ ...p, spec: { ...p.spec!, schedulingGates: [] } }, ctx)
    expect(released.spec!.schedulingGates).toEqual([])
    const e = error(() => api.update<Pod>({ ...released, spec: { ...released.spec!, schedulingGates: [{ name: 'x' }] } }, ctx))
    expect(e.message).toContain("spec.schedulingGates: Forbidden: only deletion is allowed, but found new scheduling gate 'x'")
  })

  it('may not change a container name', () => {
    const { api } = createCore()
    const p = api.create<Pod>(pod('web') as Pod, ctx)
    const e = error(() => api.update<Pod>({ ...p, spec: { ...p.spec!, containers: [{ ...p.spec!.containers[0], name: 'other' }] } }, ctx))
    expect(e.message).toContain('spec: Forbidden: pod updates may not change fields other than')
  })

  it('treats 1 and 1000m CPU as equal when classing QoS', () => {
    const { api } = createCore()
    const p = api.create<Pod>({ ...pod('g'), spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '1000m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }] } } as Pod, ctx)
    expect(p.status!.qosClass).toBe('Guaranteed')
  })

  it('a status-only write needs no spec', () => {
    const { api } = createCore()
    api.create(pod('web'), ctx)
    const p = api.updateStatus<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, status: { phase: 'Running' } } as Pod, ctx)
    expect(p.status!.phase).toBe('Running')
    expect(p.spec!.containers).toHaveLength(1)
  })
})

describe('patch of an object whose pod template has resources', () => {
  it('scales a Deployment with container limits (defaulting never writes into the stored, frozen parts)', () => {
    const cluster = createCore()
    cluster.api.create({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'php-apache', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'php' } },
        template: { metadata: { labels: { app: 'php' } }, spec: { containers: [{ name: 'c', image: 'registry.k8s.io/hpa-example', resources: { limits: { cpu: '500m' }, requests: { cpu: '200m' } } }] } },
      },
    } as KubeObject, { actor: 'kubectl' })
    cluster.api.patch('Deployment', 'default', 'php-apache', { spec: { replicas: 3 } }, { actor: 'kubectl' })
    const d = cluster.api.get('Deployment', 'default', 'php-apache') as { spec: { replicas: number; template: { spec: { containers: { resources: unknown }[] } } } }
    expect(d.spec.replicas).toBe(3)
    expect(d.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '500m' }, requests: { cpu: '200m' } })
  })
})

describe('dry run', () => {
  it('a dry-run update that empties the finalizers of a terminating object leaves it in place', () => {
    const { api } = createCore()
    api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'default', finalizers: ['example.com/hold'] } } as KubeObject, { actor: 'kubectl' })
    api.delete('ConfigMap', 'default', 'held', { actor: 'kubectl' })
    const marked = structuredClone(api.get('ConfigMap', 'default', 'held'))
    marked.metadata!.finalizers = []
    api.update(marked, { actor: 'kubectl', dryRun: true })
    expect(api.get('ConfigMap', 'default', 'held').metadata?.finalizers).toEqual(['example.com/hold'])
    api.update(marked, { actor: 'kubectl' })
    expect(api.find('ConfigMap', 'default', 'held')).toBeUndefined()
  })
})
