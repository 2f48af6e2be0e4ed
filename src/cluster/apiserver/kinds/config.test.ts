import { describe, expect, it } from 'vitest'
import { base64ErrorOffset, base64Size, configKeyErrors, decodeBase64, encodeBase64 } from './config'

describe('base64 as the API server decodes []byte fields (Go encoding/base64 StdEncoding)', () => {
  it('accepts padded input and line breaks', () => {
    for (const ok of ['', 'YWRtaW4=', 'YQ==', 'YWJj', 'YWJj\nZGVm']) expect(base64ErrorOffset(ok)).toBe(-1)
  })
  it('reports the byte Go reports: a short last quantum, a bad character, bad padding, data after padding', () => {
    expect(base64ErrorOffset('YWRtaW4')).toBe(4)
    expect(base64ErrorOffset('YW!t')).toBe(2)
    expect(base64ErrorOffset('Y===')).toBe(1)
    expect(base64ErrorOffset('YW=x')).toBe(2)
    expect(base64ErrorOffset('YQ==YQ==')).toBe(4)
  })
  it('round-trips UTF-8 text and counts decoded bytes', () => {
    expect(encodeBase64('t0p-Secret')).toBe('dDBwLVNlY3JldA==')
    expect(decodeBase64(encodeBase64('héllo'))).toBe('héllo')
    expect(base64Size('dDBwLVNlY3JldA==')).toBe(10)
  })
})

describe('config keys (kube: validation.IsConfigMapKey)', () => {
  it('allows alphanumerics, -, _ and . but not `.`, `..` or a `..` prefix', () => {
    expect(configKeyErrors('game.properties')).toEqual([])
    expect(configKeyErrors('..data')).toEqual(["must not start with '..'"])
    expect(configKeyErrors('.')).toEqual(["must not be '.'"])
    expect(configKeyErrors('a/b')[0]).toMatch(/^a valid config key must consist of alphanumeric characters, '-', '_' or '.'/)
  })
})
