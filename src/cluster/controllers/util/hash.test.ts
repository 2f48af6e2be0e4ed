import { describe, it, expect } from 'vitest'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import { canonicalJson, computeHash, fnv32a, safeEncodeString } from './hash'

const bytes = (s: string) => new TextEncoder().encode(s)

const nginx: PodTemplateSpec = {
  metadata: { labels: { app: 'nginx' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
}

describe('pod-template-hash', () => {
  it('FNV-32a matches the published test vectors', () => {
    expect(fnv32a(bytes(''))).toBe(0x811c9dc5)
    expect(fnv32a(bytes('a'))).toBe(0xe40c292c)
    expect(fnv32a(bytes('foobar'))).toBe(0xbf9cf968)
  })

  it('SafeEncodeString turns the decimal 3718868910 into the docs hash 7c5ddbdf54', () => {
    // kubernetes/website concepts/workloads/controllers/deployment: nginx-deployment-7c5ddbdf54
    expect(safeEncodeString('3718868910')).toBe('7c5ddbdf54')
  })

  it('a hash only uses the characters that decimal digits encode to', () => {
    expect(computeHash(nginx)).toMatch(/^[4-9bcdf]{1,10}$/)
  })

  it('the same template hashes the same however its keys are ordered', () => {
    const reordered: PodTemplateSpec = {
      spec: { containers: [{ ports: [{ containerPort: 80 }], image: 'nginx:1.14.2', name: 'nginx' }] },
      metadata: { labels: { app: 'nginx' } },
    }
    expect(computeHash(reordered)).toBe(computeHash(nginx))
  })

  it('a different image gives a different hash', () => {
    const changed = structuredClone(nginx)
    changed.spec!.containers[0].image = 'nginx:1.16.1'
    expect(computeHash(changed)).not.toBe(computeHash(nginx))
  })

  it('the collision count changes the hash, and 0 differs from no count at all', () => {
    const none = computeHash(nginx)
    const zero = computeHash(nginx, 0)
    const one = computeHash(nginx, 1)
    expect(new Set([none, zero, one]).size).toBe(3)
    expect(computeHash(nginx, 1)).toBe(one)
  })

  it('canonical JSON sorts keys and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}')
  })
})
