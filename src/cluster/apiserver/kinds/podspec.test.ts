import { describe, expect, it } from 'vitest'
import type { PodSpec } from 'kubernetes-types/core/v1'
import { defaultPodSpec } from './podspec'

describe('defaultPodSpec: quantities', () => {
  it('stores requests, limits and overhead in canonical form (kube: resource.Quantity serialization)', () => {
    const spec = {
      containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '0.5', memory: '1.5Gi' }, limits: { cpu: 1, memory: '1024Mi' } } }],
      initContainers: [{ name: 'i', image: 'busybox', resources: { limits: { cpu: '1000m' } } }],
      overhead: { cpu: '0.25' },
    } as unknown as PodSpec
    defaultPodSpec(spec)
    expect(spec.containers[0].resources).toEqual({ requests: { cpu: '500m', memory: '1536Mi' }, limits: { cpu: '1', memory: '1Gi' } })
    // kube: requests default to limits, and are canonical as well.
    expect(spec.initContainers![0].resources).toEqual({ requests: { cpu: '1' }, limits: { cpu: '1' } })
    expect(spec.overhead).toEqual({ cpu: '250m' })
  })

  it('leaves a malformed quantity for validation', () => {
    const spec = { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: 'lots' } } }] } as PodSpec
    defaultPodSpec(spec)
    expect(spec.containers[0].resources!.requests).toEqual({ cpu: 'lots' })
  })
})
