/**
 * When a CronJob should run (kube: pkg/controller/cronjob/utils.go mostRecentScheduleTime,
 * nextScheduleTime, nextScheduleTimeDuration): the most recent unmet scheduled time since the last
 * schedule (or creation), bounded by startingDeadlineSeconds, and when to look again.
 */
import type { CronJob } from 'kubernetes-types/batch/v1'
import { parseTime } from '../util/time'
import type { Schedule } from './schedule'

// kube: nextScheduleDelta — the controller wakes this long after a scheduled time.
export const NEXT_SCHEDULE_DELTA_MS = 100
// kube: more than 100 missed start times is reported as TooManyMissedTimes.
export const TOO_MANY_MISSED = 100

export interface MostRecent {
  earliest: number
  mostRecent?: number
  missed: 'none' | 'few' | 'many'
  error?: string
}

export function mostRecentScheduleTime(cj: CronJob, now: number, schedule: Schedule, withStartingDeadline: boolean): MostRecent {
  let earliest = parseTime(cj.status?.lastScheduleTime) ?? parseTime(cj.metadata?.creationTimestamp) ?? now
  const sds = cj.spec?.startingDeadlineSeconds
  if (withStartingDeadline && sds !== undefined) {
    // Nothing earlier than the deadline will be started anyway.
    earliest = Math.max(earliest, now - sds * 1000)
  }
  const t1 = schedule.next(earliest)
  const t2 = t1 === undefined ? undefined : schedule.next(t1)
  if (t1 === undefined || now < t1) return { earliest, missed: 'none' }
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, missed: 'none' }
  const between = Math.round((t2 - t1) / 1000)
  if (between < 1) return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' }
  const elapsed = Math.floor((now - t1) / 1000)
  const missedCount = Math.floor(elapsed / between) + 1
  // Jump close to now by whole intervals, then let the schedule walk the last steps exactly.
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000
  let mostRecent: number | undefined
  for (let t = schedule.next(potentialEarliest); t !== undefined && t <= now; t = schedule.next(t)) mostRecent = t
  const missed = missedCount > TOO_MANY_MISSED ? 'many' : 'few'
  return { earliest, mostRecent, missed }
}

/** The scheduled time to start a Job for now, if any. */
export function nextScheduleTime(cj: CronJob, now: number, schedule: Schedule): MostRecent {
  const r = mostRecentScheduleTime(cj, now, schedule, true)
  if (r.mostRecent !== undefined && r.mostRecent > now) return { ...r, mostRecent: undefined }
  return r
}

/** How long until the controller should look at the CronJob again. */
export function nextScheduleDelay(cj: CronJob, now: number, schedule: Schedule): number | undefined {
  const r = mostRecentScheduleTime(cj, now, schedule, false)
  let from: number
  if (r.error) from = now
  else if (r.mostRecent === undefined) from = r.missed === 'none' ? r.earliest : now
  else from = r.mostRecent
  const next = schedule.next(from)
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - now
}
