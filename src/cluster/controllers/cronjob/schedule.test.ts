import { describe, expect, it } from 'vitest'
import { parseSchedule } from './schedule'
import { loadLocationError, rfc3339In } from './timezone'

const at = (iso: string) => Date.parse(iso)
const iso = (ms: number | undefined) => (ms === undefined ? 'none' : new Date(ms).toISOString())

function nexts(spec: string, from: string, n: number, zone?: string): string[] {
  const s = parseSchedule(spec, zone)
  const out: string[] = []
  let t: number | undefined = at(from)
  for (let i = 0; i < n && t !== undefined; i++) out.push(iso((t = s.next(t))))
  return out
}

describe('cron schedules as robfig/cron ParseStandard reads them', () => {
  it('`* * * * *` fires at every whole minute strictly after the given time', () => {
    expect(nexts('* * * * *', '2026-01-01T09:00:03Z', 2)).toEqual(['2026-01-01T09:01:00.000Z', '2026-01-01T09:02:00.000Z'])
    expect(nexts('* * * * *', '2026-01-01T09:01:00Z', 1)).toEqual(['2026-01-01T09:02:00.000Z'])
  })

  it('steps, ranges and lists: `*/15 9-10 * * *` and `0,30 * * * *`', () => {
    expect(nexts('*/15 9-10 * * *', '2026-01-01T10:40:00Z', 2)).toEqual(['2026-01-01T10:45:00.000Z', '2026-01-02T09:00:00.000Z'])
    expect(nexts('0,30 * * * *', '2026-01-01T09:10:00Z', 2)).toEqual(['2026-01-01T09:30:00.000Z', '2026-01-01T10:00:00.000Z'])
  })

  it('`N/step` means N through the maximum by step', () => {
    expect(nexts('5/20 * * * *', '2026-01-01T09:00:00Z', 3)).toEqual(['2026-01-01T09:05:00.000Z', '2026-01-01T09:25:00.000Z', '2026-01-01T09:45:00.000Z'])
  })

  it('month and weekday names in any case: `0 8 * JAN mon` is 08:00 on Mondays in January', () => {
    // 2026-01-01 is a Thursday; the first Monday is the 5th.
    expect(nexts('0 8 * JAN mon', '2026-01-01T00:00:00Z', 2)).toEqual(['2026-01-05T08:00:00.000Z', '2026-01-12T08:00:00.000Z'])
  })

  it('day-of-month and day-of-week are ORed when both are restricted (Vixie cron)', () => {
    // the 10th (a Saturday) or any Tuesday
    expect(nexts('0 0 10 * 2', '2026-01-01T00:00:00Z', 3)).toEqual(['2026-01-06T00:00:00.000Z', '2026-01-10T00:00:00.000Z', '2026-01-13T00:00:00.000Z'])
  })

  it('descriptors: @hourly, @daily, @weekly, @monthly, @yearly and @every', () => {
    expect(nexts('@hourly', '2026-01-01T09:10:00Z', 1)).toEqual(['2026-01-01T10:00:00.000Z'])
    expect(nexts('@daily', '2026-01-01T09:10:00Z', 1)).toEqual(['2026-01-02T00:00:00.000Z'])
    expect(nexts('@weekly', '2026-01-01T09:10:00Z', 1)).toEqual(['2026-01-04T00:00:00.000Z'])
    expect(nexts('@monthly', '2026-01-01T09:10:00Z', 1)).toEqual(['2026-02-01T00:00:00.000Z'])
    expect(nexts('@yearly', '2026-01-01T09:10:00Z', 1)).toEqual(['2027-01-01T00:00:00.000Z'])
    expect(nexts('@every 90s', '2026-01-01T09:00:00.500Z', 1)).toEqual(['2026-01-01T09:01:30.000Z'])
  })

  it('a schedule that never matches has no next time (robfig gives up after five years)', () => {
    expect(nexts('0 0 30 2 *', '2026-01-01T00:00:00Z', 1)).toEqual(['none'])
  })

  it('evaluates in the time zone: `0 9 * * *` in Europe/Paris is 08:00Z in winter and 07:00Z in summer', () => {
    expect(nexts('0 9 * * *', '2026-01-10T00:00:00Z', 1, 'Europe/Paris')).toEqual(['2026-01-10T08:00:00.000Z'])
    expect(nexts('0 9 * * *', '2026-07-10T00:00:00Z', 1, 'Europe/Paris')).toEqual(['2026-07-10T07:00:00.000Z'])
  })

  it.each([
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
  ])('rejects %j with robfig\'s message', (spec, message) => {
    expect(() => parseSchedule(spec)).toThrow(message)
  })
})

describe('time zones (Go time.LoadLocation, through Intl)', () => {
  it('knows IANA names and refuses unknown ones and case variants', () => {
    expect(loadLocationError('America/New_York')).toBeUndefined()
    expect(loadLocationError('Etc/UTC')).toBeUndefined()
    expect(loadLocationError('Mars/Olympus')).toBe('unknown time zone Mars/Olympus')
    expect(loadLocationError('america/new_york')).toBe('unknown time zone america/new_york')
  })

  it('formats RFC 3339 with the zone offset, Z at offset 0', () => {
    expect(rfc3339In('Europe/Paris', at('2026-01-10T08:00:00Z'))).toBe('2026-01-10T09:00:00+01:00')
    expect(rfc3339In(undefined, at('2026-01-10T08:00:00Z'))).toBe('2026-01-10T08:00:00Z')
    expect(rfc3339In('America/New_York', at('2026-01-10T08:00:00Z'))).toBe('2026-01-10T03:00:00-05:00')
  })
})
