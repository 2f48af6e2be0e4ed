import { describe, expect, it } from 'vitest'
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1'
import { type DesiredGroup, planSlices, portsKey } from './reconciler'

const PORTS: EndpointPort[] = [{ name: '', port: 80, protocol: 'TCP' }]
const ep = (i: number, ready = true): Endpoint => ({
  addresses: [`10.244.1.${i}`], conditions: { ready, serving: ready, terminating: false }, targetRef: { kind: 'Pod', uid: `u${i}` },
})
const group = (ports: EndpointPort[], ids: number[]): Map<string, DesiredGroup> =>
  new Map([[portsKey(ports), { ports, endpoints: new Map(ids.map((i) => [`u${i}`, ep(i)])) }]])
const slice = (name: string, ports: EndpointPort[], ids: number[]): EndpointSlice =>
  ({ metadata: { name }, addressType: 'IPv4', ports, endpoints: ids.map((i) => ep(i)) })

describe('EndpointSlice packing (kube: endpointslice reconciler)', () => {
  it('a Service without endpoints gets one placeholder slice, kept as it is on the next sync', () => {
    const first = planSlices([], new Map([[portsKey([]), { ports: [], endpoints: new Map() }]]))
    expect(first.create).toEqual([{ ports: [], endpoints: [] }])
    const again = planSlices([slice('s-a', [], [])], new Map([[portsKey([]), { ports: [], endpoints: new Map() }]]))
    expect(again).toMatchObject({ create: [], update: [], delete: [], keep: [{ metadata: { name: 's-a' } }] })
  })

  it('new endpoints fill existing slices up to the maximum, then open new slices', () => {
    const plan = planSlices([slice('s-a', PORTS, [1, 2])], group(PORTS, [1, 2, 3, 4, 5]), 3)
    expect(plan.update.map((u) => u.endpoints.map((e) => e.targetRef!.uid))).toEqual([['u1', 'u2', 'u3']])
    expect(plan.create.map((c) => c.endpoints.map((e) => e.targetRef!.uid))).toEqual([['u4', 'u5']])
  })

  it('an unchanged slice is not rewritten; a slice whose endpoints all left is deleted; other ports move to their own slices', () => {
    expect(planSlices([slice('s-a', PORTS, [1])], group(PORTS, [1])).keep).toHaveLength(1)
    const other: EndpointPort[] = [{ name: '', port: 8080, protocol: 'TCP' }]
    const plan = planSlices([slice('s-a', PORTS, [1])], group(other, [1]))
    expect(plan.delete.map((s) => s.metadata!.name)).toEqual(['s-a'])
    expect(plan.create).toEqual([{ ports: other, endpoints: [ep(1)] }])
  })
})
