import { describe, it, expect } from 'vitest'
import { applyChanges, emptyMirror } from './mirror'
import type { KubeObject } from '../../cluster/apiserver/types'

const pod = (uid: string, nodeName?: string): KubeObject => ({ kind: 'Pod', metadata: { uid, name: uid, namespace: 'default' }, spec: { nodeName } })
const node = (uid: string): KubeObject => ({ kind: 'Node', metadata: { uid, name: uid } })

describe('mirror', () => {
  it('indexes objects by uid, ids by kind and pods by node', () => {
    const m = applyChanges(emptyMirror(), [node('n1'), pod('a'), pod('b', 'n1')], [], [])
    expect(m.ids.Pod).toEqual(['a', 'b'])
    expect(m.podsByNode['']).toEqual(['a'])
    expect(m.podsByNode.n1).toEqual(['b'])
    expect(m.byName.get('Node//n1')).toBe('n1')
  })

  it('keeps the identity of id lists that did not change', () => {
    const m1 = applyChanges(emptyMirror(), [node('n1'), pod('a')], [], [])
    const m2 = applyChanges(m1, [], [pod('a')], [])
    expect(m2.ids).toEqual(m1.ids)
    expect(m2.ids.Pod).toBe(m1.ids.Pod)
    expect(m2.ids.Node).toBe(m1.ids.Node)
    expect(m2.podsByNode['']).toBe(m1.podsByNode[''])
    expect(m2.objects).not.toBe(m1.objects)
  })

  it('moves a pod between node lists when it is bound, and forgets it when removed', () => {
    const m1 = applyChanges(emptyMirror(), [pod('a')], [], [])
    const m2 = applyChanges(m1, [], [pod('a', 'n2')], [])
    expect(m2.podsByNode['']).toEqual([])
    expect(m2.podsByNode.n2).toEqual(['a'])
    const m3 = applyChanges(m2, [], [], [{ kind: 'Pod', namespace: 'default', name: 'a', uid: 'a' }])
    expect(m3.podsByNode.n2).toEqual([])
    expect(m3.ids.Pod).toEqual([])
    expect(m3.objects.size).toBe(0)
  })
})
