import { describe, it, expect } from 'vitest'
import { DiffBuffer } from './worker'
import type { KubeObject, WatchEvent } from './cluster/apiserver/types'

const pod = (uid: string, rv: string): KubeObject => ({ kind: 'Pod', metadata: { uid, name: `p-${uid}`, namespace: 'default', resourceVersion: rv } })
const ev = (type: WatchEvent['type'], object: KubeObject): WatchEvent => ({ type, object, revision: Number(object.metadata?.resourceVersion) })

describe('DiffBuffer', () => {
  it('sends an object added then updated within one frame once, as added, in its latest version', () => {
    const b = new DiffBuffer()
    b.push(ev('ADDED', pod('a', '1')))
    b.push(ev('MODIFIED', pod('a', '2')))
    const d = b.drain()
    expect(d.added.map((o) => o.metadata?.resourceVersion)).toEqual(['2'])
    expect(d.updated).toEqual([])
  })

  it('does not send an object added then removed within one frame', () => {
    const b = new DiffBuffer()
    b.push(ev('ADDED', pod('a', '1')))
    b.push(ev('DELETED', pod('a', '2')))
    expect(b.drain()).toEqual({ added: [], updated: [], removed: [] })
  })

  it('sends updates of a known object as one update, and a removal as a reference', () => {
    const b = new DiffBuffer()
    b.push(ev('MODIFIED', pod('a', '3')))
    b.push(ev('MODIFIED', pod('a', '4')))
    b.push(ev('DELETED', pod('b', '5')))
    const d = b.drain()
    expect(d.updated.map((o) => o.metadata?.resourceVersion)).toEqual(['4'])
    expect(d.removed).toEqual([{ kind: 'Pod', namespace: 'default', name: 'p-b', uid: 'b' }])
    expect(b.size).toBe(0)
  })
})
