import { describe, expect, it } from 'vitest'
import type { CronJob } from 'kubernetes-types/batch/v1'
import { parseSchedule } from './schedule'
import { mostRecentScheduleTime, nextScheduleDelay, nextScheduleTime } from './scheduling'

const at = (iso: string) => Date.parse(iso)
const cj = (spec: Partial<NonNullable<CronJob['spec']>>, status: CronJob['status'] = {}): CronJob => ({
  metadata: { creationTimestamp: '2026-01-01T09:00:00Z' }, spec: { schedule: '* * * * *', jobTemplate: {}, ...spec }, status,
})
const everyMinute = parseSchedule('* * * * *')

describe('which scheduled time to start (kube: mostRecentScheduleTime)', () => {
  it('nothing is due before the first time after creation', () => {
    expect(nextScheduleTime(cj({}), at('2026-01-01T09:00:59Z'), everyMinute).mostRecent).toBeUndefined()
  })

  it('after missing several minutes only the most recent one starts', () => {
    const r = nextScheduleTime(cj({}), at('2026-01-01T09:05:30Z'), everyMinute)
    expect(new Date(r.mostRecent!).toISOString()).toBe('2026-01-01T09:05:00.000Z')
    expect(r.missed).toBe('few')
  })

  it('more than 100 missed start times are reported as many (TooManyMissedTimes)', () => {
    expect(nextScheduleTime(cj({}), at('2026-01-01T11:00:30Z'), everyMinute).missed).toBe('many')
  })

  it('startingDeadlineSeconds bounds how far back the controller looks', () => {
    const r = mostRecentScheduleTime(cj({ startingDeadlineSeconds: 200 }), at('2026-01-01T11:00:30Z'), everyMinute, true)
    expect(r.missed).toBe('few')
    expect(new Date(r.mostRecent!).toISOString()).toBe('2026-01-01T11:00:00.000Z')
  })

  it('the controller wakes 100 ms after the next scheduled time', () => {
    expect(nextScheduleDelay(cj({}, { lastScheduleTime: '2026-01-01T09:05:00Z' }), at('2026-01-01T09:05:00.100Z'), everyMinute)).toBe(60_000)
  })
})
