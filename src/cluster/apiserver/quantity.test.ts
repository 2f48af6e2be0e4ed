import { describe, it, expect } from 'vitest'
import { canonicalQuantity, isQuantity, parseBytes, parseCpuMillis, parseQuantity } from './quantity'

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

describe('canonicalQuantity (kube: resource.Quantity String(), CanonicalizeBytes)', () => {
  // Inputs of apimachinery's TestQuantityParse with the String() of the quantity each must equal.
  const cases: [string, string][] = [
    ['1Ki', '1Ki'], ['7Mi', '7Mi'], ['6Gi', '6Gi'], ['5Ti', '5Ti'], ['4Pi', '4Pi'], ['3Ei', '3Ei'], ['100Ti', '100Ti'],
    ['5n', '5n'], ['4u', '4u'], ['3m', '3m'], ['9', '9'], ['8k', '8k'], ['50k', '50k'], ['7M', '7M'],
    ['6G', '6G'], ['40T', '40T'], ['300T', '300T'], ['2P', '2P'], ['1E', '1E'], ['12E', '12E'],
    ['1E-3', '1e-3'], ['1e3', '1e3'], ['1E6', '1e6'], ['1e9', '1e9'], ['1E12', '1e12'], ['1E18', '1e18'],
    ['1e14', '100e12'], ['1e13', '10e12'], ['100.035k', '100035'],
    ['0.001', '1m'], ['0.0005k', '500m'], ['0.005', '5m'], ['0.05', '50m'], ['0.5', '500m'], ['0.00050k', '500m'],
    ['0.00500', '5m'], ['0.50000', '500m'], ['0.5e0', '500e-3'], ['0.5e-1', '50e-3'], ['0.5e-2', '5e-3'],
    ['10.035M', '10035k'], ['1.2e3', '1200'], ['1.3E+6', '1300e3'], ['1.40e9', '1400e6'], ['1.53E12', '1530e9'],
    ['1.7E18', '1700e15'], ['9.01', '9010m'], ['8.1k', '8100'], ['7.123456M', '7123456'],
    ['6.987654321G', '6987654321'], ['5.444T', '5444G'], ['40.1T', '40100G'], ['2.5P', '2500T'], ['1.01E', '1010P'],
    // rounded up to the nano
    ['3.001n', '4n'], ['1.1E-9', '2e-9'], ['0.0000000001', '1n'], ['0.9n', '1n'], ['0.00000012345', '124n'],
    // binary: capped at int64, printed as decimal SI when fractional or under 1024
    ['9Ei', '9223372036854775807'], ['100.035Ki', '102435840m'], ['0.5Mi', '512Ki'], ['0.05Gi', '53687091200m'],
    ['0.025Ti', '27487790694400m'], ['0.000000000001Ki', '2n'], ['1.5Gi', '1536Mi'], ['1024Mi', '1Gi'],
    ['1000Mi', '1000Mi'], ['1025', '1025'], ['0.5Ki', '512'],
    // "things written by trolls"
    ['.001', '1m'], ['.0001k', '100m'], ['1.', '1'], ['1.G', '1G'],
    // TestQuantityString, TestQuantityNeg
    ['1000m', '1'], ['1080m', '1080m'], ['1000', '1k'], ['0', '0'], ['0Gi', '0'], ['-9.01', '-9010m'], ['1000E', '1e21'],
  ]
  it.each(cases)('%s → %s', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected)
  })

  it('reads a YAML number as its decimal text: 1 → "1", 0.5 → "500m"', () => {
    expect(canonicalQuantity(1)).toBe('1')
    expect(canonicalQuantity(0.5)).toBe('500m')
  })

  it('leaves a malformed quantity for validation to report', () => {
    expect(canonicalQuantity('1.1.M')).toBe('1.1.M')
    expect(canonicalQuantity('0.1mi')).toBe('0.1mi')
  })
})
