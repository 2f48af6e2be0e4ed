import { describe, expect, it } from 'vitest'
import { formatGoDuration, nanoTimestamp } from './durations'

describe('formatGoDuration (Go time.Duration.String)', () => {
  it('formats the kubelet pull times', () => {
    expect(formatGoDuration(2100)).toBe('2.1s')
    expect(formatGoDuration(2134)).toBe('2.134s')
    expect(formatGoDuration(856)).toBe('856ms')
    expect(formatGoDuration(63_200)).toBe('1m3.2s')
    expect(formatGoDuration(60_000)).toBe('1m0s')
    expect(formatGoDuration(3_600_000)).toBe('1h0m0s')
  })
  it('stamps logs with nanoseconds', () => {
    expect(nanoTimestamp(Date.UTC(2026, 0, 1, 9, 0, 3, 120))).toBe('2026-01-01T09:00:03.120000000Z')
  })
})
