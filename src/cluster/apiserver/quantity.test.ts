import { describe, it, expect } from 'vitest'
import { isQuantity, parseBytes, parseCpuMillis, parseQuantity } from './quantity'

describe('parseCpuMillis', () => {
  it.each([
    ['100m', 100],
    ['0.5', 500],
    ['0.1', 100],
    ['1', 1000],
    ['2', 2000],
    ['1.5', 1500],
    ['250m', 250],
    ['1e3', 1_000_000],
    ['1k', 1_000_000],
    ['500u', 1], // kube: MilliValue rounds up
    ['0.0001', 1],
    [4, 4000],
    [0.25, 250],
  ] as const)('%s cores is %d millicores', (q, want) => {
    expect(parseCpuMillis(q)).toBe(want)
  })
})

describe('parseBytes', () => {
  it.each([
    ['128Mi', 128 * 1024 ** 2],
    ['8Gi', 8 * 1024 ** 3],
    ['2Gi', 2 * 1024 ** 3],
    ['1G', 1e9],
    ['1M', 1e6],
    ['64Ki', 65536],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1.5Gi', 1.5 * 1024 ** 3],
    ['129M', 129e6],
    ['100m', 1], // a tenth of a byte rounds up to one
    [110, 110],
  ] as const)('%s is %d', (q, want) => {
    expect(parseBytes(q)).toBe(want)
  })
})

describe('parseQuantity', () => {
  it('gives the value in base units as a float', () => {
    expect(parseQuantity('100m')).toBeCloseTo(0.1)
    expect(parseQuantity('2Gi')).toBe(2 * 1024 ** 3)
    expect(parseQuantity('-1')).toBe(-1)
  })

  it.each(['', 'abc', '1Gb', '1 Gi', 'Mi', '1.2.3'])('rejects the malformed quantity %j', (q) => {
    expect(isQuantity(q)).toBe(false)
    expect(() => parseQuantity(q)).toThrow()
    expect(() => parseCpuMillis(q)).toThrow()
  })
})
