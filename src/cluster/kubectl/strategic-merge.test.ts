import { describe, expect, it } from 'vitest'
import { strategicMerge } from './strategic-merge'

const pod = {
  metadata: { name: 'p', finalizers: ['a'] },
  spec: {
    containers: [
      { name: 'app', image: 'nginx', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
      { name: 'side', image: 'busybox' },
    ],
    tolerations: [{ key: 'x', operator: 'Exists' }],
  },
}

describe('strategic merge patch (kube: strategicpatch)', () => {
  it('merges containers by name and puts new ones first, as the server orders them', () => {
    const out = strategicMerge('Pod', pod, { spec: { containers: [{ name: 'new', image: 'redis' }, { name: 'app', image: 'nginx:2' }] } }) as typeof pod
    expect(out.spec.containers.map((c) => c.name)).toEqual(['new', 'app', 'side'])
    expect(out.spec.containers[1]).toMatchObject({ image: 'nginx:2', ports: [{ containerPort: 80 }] })
  })

  it('merges a container\'s env by name and ports by containerPort', () => {
    const out = strategicMerge('Pod', pod, { spec: { containers: [{ name: 'app', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 443 }] }] } }) as typeof pod
    expect(out.spec.containers[0].env).toEqual([{ name: 'B', value: '2' }, { name: 'A', value: '1' }])
    expect(out.spec.containers[0].ports).toEqual([{ containerPort: 443 }, { containerPort: 80 }])
  })

  it('replaces lists without a merge strategy (tolerations)', () => {
    const out = strategicMerge('Pod', pod, { spec: { tolerations: [{ key: 'y', operator: 'Exists' }] } }) as typeof pod
    expect(out.spec.tolerations).toEqual([{ key: 'y', operator: 'Exists' }])
  })

  it('deletes a keyed item with $patch: delete and replaces a list with $patch: replace', () => {
    const del = strategicMerge('Pod', pod, { spec: { containers: [{ name: 'side', $patch: 'delete' }] } }) as typeof pod
    expect(del.spec.containers.map((c) => c.name)).toEqual(['app'])
    const rep = strategicMerge('Pod', pod, { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] } }) as typeof pod
    expect(rep.spec.containers).toEqual([{ name: 'only', image: 'x' }])
  })

  it('unions finalizers and removes with $deleteFromPrimitiveList; null removes a field', () => {
    const out = strategicMerge('Pod', pod, { metadata: { finalizers: ['b'], name: null } }) as { metadata: { finalizers: string[]; name?: string } }
    expect(out.metadata).toEqual({ finalizers: ['b', 'a'] })
    const gone = strategicMerge('Pod', pod, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }) as typeof pod
    expect(gone.metadata.finalizers).toEqual([])
  })

  it('merges a Service\'s ports by port, and refuses an item without its merge key', () => {
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }] } }
    expect(strategicMerge('Service', svc, { spec: { ports: [{ port: 80, targetPort: 9090 }] } })).toEqual({ spec: { ports: [{ port: 80, targetPort: 9090 }] } })
    expect(() => strategicMerge('Pod', pod, { spec: { containers: [{ image: 'x' }] } })).toThrow('does not contain declared merge key: name')
  })

  it('keeps only $retainKeys in a map and never changes its inputs', () => {
    const before = JSON.stringify(pod)
    const out = strategicMerge('Pod', pod, { spec: { $retainKeys: ['containers'], tolerations: [] } }) as { spec: object }
    expect(Object.keys(out.spec)).toEqual(['containers'])
    expect(JSON.stringify(pod)).toBe(before)
  })
})
