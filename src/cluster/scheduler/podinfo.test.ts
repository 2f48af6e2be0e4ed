import { describe, it, expect } from 'vitest'
import type { PodSpec } from 'kubernetes-types/core/v1'
import { newPodInfo, DEFAULT_MEMORY_REQUEST } from './podinfo'
import { makePod } from './testutil'

const info = (spec: Partial<PodSpec>) => newPodInfo(makePod('p', spec))
const req = (cpu: string, memory: string) => ({ resources: { requests: { cpu, memory } } })

describe('pod resource requests (kube PodRequests)', () => {
  it('adds up app containers and takes the largest init container', () => {
    const p = info({
      initContainers: [{ name: 'i1', ...req('2', '1Gi') }, { name: 'i2', ...req('500m', '3Gi') }],
      containers: [{ name: 'a', ...req('1', '1Gi') }, { name: 'b', ...req('500m', '1Gi') }],
    })
    expect(p.requests).toEqual({ milliCPU: 2000, memory: 3 * 1024 ** 3 })
  })

  it('adds restartable (sidecar) init containers to everything started after them', () => {
    const p = info({
      initContainers: [
        { name: 'sidecar', restartPolicy: 'Always', ...req('500m', '100Mi') },
        { name: 'setup', ...req('1', '100Mi') },
      ],
      containers: [{ name: 'app', ...req('1', '100Mi') }],
    })
    // app + sidecar = 1500m; setup runs beside the sidecar = 1500m; max = 1500m
    expect(p.requests.milliCPU).toBe(1500)
    expect(p.requests.memory).toBe(200 * 1024 ** 2)
  })

  it('reads limits as requests when requests are missing, as API defaulting does', () => {
    expect(info({ containers: [{ name: 'a', resources: { limits: { cpu: '250m', memory: '64Mi' } } }] }).requests)
      .toEqual({ milliCPU: 250, memory: 64 * 1024 ** 2 })
  })

  it('adds the pod overhead', () => {
    expect(info({ overhead: { cpu: '250m' }, containers: [{ name: 'a', ...req('1', '0') }] }).requests.milliCPU).toBe(1250)
  })

  it('scores missing requests as 100m cpu and 200Mi memory, but keeps an explicit zero', () => {
    const p = info({ containers: [{ name: 'a' }, { name: 'b', resources: { requests: { cpu: '0' } } }] })
    expect(p.requests).toEqual({ milliCPU: 0, memory: 0 })
    expect(p.nonZeroRequests).toEqual({ milliCPU: 100, memory: 2 * DEFAULT_MEMORY_REQUEST })
  })

  it('keeps extended resources apart', () => {
    expect(info({ containers: [{ name: 'a', resources: { limits: { 'nvidia.com/gpu': '2' } } }] }).requests.scalar)
      .toEqual({ 'nvidia.com/gpu': 2 })
  })
})
