import { describe, expect, it } from 'vitest'
import type { Container } from 'kubernetes-types/core/v1'
import { qosClass } from './qos'

const spec = (...containers: Container['resources'][]) => ({
  containers: containers.map((resources, i) => ({ name: `c${i}`, image: 'nginx', resources })),
})

describe('qosClass (kube GetPodQOS)', () => {
  it('a pod without requests or limits is BestEffort', () => {
    expect(qosClass(spec({}, undefined))).toBe('BestEffort')
  })
  it('requests below limits make a pod Burstable', () => {
    expect(qosClass(spec({ requests: { cpu: '100m' }, limits: { cpu: '200m', memory: '64Mi' } }))).toBe('Burstable')
  })
  it('a container with nothing next to a limited one makes the pod Burstable', () => {
    expect(qosClass(spec({ limits: { cpu: '1', memory: '1Gi' } }, {}))).toBe('Burstable')
  })
  it('limits on cpu and memory with equal (or defaulted) requests make it Guaranteed', () => {
    expect(qosClass(spec({ limits: { cpu: '500m', memory: '128Mi' } }))).toBe('Guaranteed')
    expect(qosClass(spec({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } }))).toBe('Guaranteed')
  })
  it('a limit on cpu alone is not Guaranteed', () => {
    expect(qosClass(spec({ limits: { cpu: '1' } }))).toBe('Burstable')
  })
  it('only cpu and memory count: ephemeral-storage alone leaves a pod BestEffort', () => {
    expect(qosClass(spec({ requests: { 'ephemeral-storage': '1Gi' } }))).toBe('BestEffort')
  })
})
