/**
 * Cron schedules as Kubernetes reads them (github.com/robfig/cron/v3 ParseStandard): five fields
 * `minute hour day-of-month month day-of-week` with `*`, `?`, ranges `a-b`, steps `/n`, lists
 * `a,b`, names (`JAN`..`DEC`, `SUN`..`SAT`, any case), and the descriptors `@yearly`,
 * `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly` and `@every <duration>`.
 * Errors carry robfig's texts, which the API server quotes in its validation message.
 */
import { wallToUtc, zoneOffsetMs } from './timezone'

export interface Schedule {
  /** The first activation strictly after `utcMs`, or undefined if none within five years. */
  next(utcMs: number): number | undefined
}

interface Bounds { min: number; max: number; names?: Record<string, number> }

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DOW_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

const MINUTE: Bounds = { min: 0, max: 59 }
const HOUR: Bounds = { min: 0, max: 23 }
const DOM: Bounds = { min: 1, max: 31 }
const MONTH: Bounds = { min: 1, max: 12, names: Object.fromEntries(MONTH_NAMES.map((n, i) => [n, i + 1])) }
const DOW: Bounds = { min: 0, max: 6, names: Object.fromEntries(DOW_NAMES.map((n, i) => [n, i])) }

// robfig: the descriptors are shorthands for five-field specs.
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
}

export class CronParseError extends Error {}

/** A field as a set of allowed values, and whether it was `*` or `?` (robfig's starBit). */
interface Field { values: Set<number>; star: boolean }

/** robfig's getRange for one comma-separated part. */
function parseRange(expr: string, b: Bounds, into: Field): void {
  const rangeAndStep = expr.split('/')
  const lowAndHigh = rangeAndStep[0].split('-')
  const single = lowAndHigh.length === 1
  let start: number
  let end: number
  let star = false
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min
    end = b.max
    star = true
  } else {
    start = parseIntOrName(lowAndHigh[0], b)
    if (lowAndHigh.length === 1) end = start
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], b)
    else throw new CronParseError(`too many hyphens: ${expr}`)
  }
  let step = 1
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1])
    // "N/step" means "N-max/step".
    if (single) end = b.max
    if (step > 1) star = false
  } else if (rangeAndStep.length > 2) throw new CronParseError(`too many slashes: ${expr}`)
  if (start < b.min) throw new CronParseError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`)
  if (end > b.max) throw new CronParseError(`end of range (${end}) above maximum (${b.max}): ${expr}`)
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`)
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`)
  for (let v = start; v <= end; v += step) into.values.add(v)
  if (star) into.star = true
}

function parseIntOrName(s: string, b: Bounds): number {
  const named = b.names?.[s.toLowerCase()]
  return named !== undefined ? named : mustParseInt(s)
}

function mustParseInt(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new CronParseError(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`)
  const n = Number(s)
  if (n < 0) throw new CronParseError(`negative number (${n}) not allowed: ${s}`)
  return n
}

function parseField(text: string, b: Bounds): Field {
  const f: Field = { values: new Set(), star: false }
  for (const part of text.split(',')) parseRange(part, b, f)
  return f
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** Go's time.ParseDuration, in milliseconds. */
export function parseGoDuration(s: string): number {
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y
  let i = 0
  let total = 0
  let sign = 1
  if (s[0] === '-' || s[0] === '+') { sign = s[0] === '-' ? -1 : 1; i = 1 }
  if (s === '0') return 0
  if (i >= s.length) throw new CronParseError(`time: invalid duration ${JSON.stringify(s)}`)
  while (i < s.length) {
    re.lastIndex = i
    const m = re.exec(s)
    if (!m) throw new CronParseError(`time: invalid duration ${JSON.stringify(s)}`)
    total += Number(m[1]) * DURATION_UNITS[m[2]]
    i = re.lastIndex
  }
  return sign * total
}

/** robfig's Parse with the standard options: five fields or a descriptor, optional `CRON_TZ=`/`TZ=` prefix. */
export function parseSchedule(spec: string, zone?: string): Schedule {
  if (spec.length === 0) throw new CronParseError('empty spec string')
  let loc = zone
  let text = spec
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) {
    const sp = text.indexOf(' ')
    loc = text.slice(text.indexOf('=') + 1, sp < 0 ? undefined : sp)
    text = sp < 0 ? '' : text.slice(sp).trim()
  }
  if (text.startsWith('@')) {
    if (text.startsWith('@every ')) {
      let ms = parseEveryDuration(text.slice('@every '.length))
      // robfig: at least one second, whole seconds only.
      if (ms < 1000) ms = 1000
      ms -= ms % 1000
      return { next: (t) => t + ms - (((t % 1000) + 1000) % 1000) }
    }
    const expanded = DESCRIPTORS[text]
    if (!expanded) throw new CronParseError(`unrecognized descriptor: ${text}`)
    text = expanded
  }
  const fields = text.split(/\s+/).filter(Boolean)
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`)
  return new SpecSchedule(
    parseField(fields[0], MINUTE), parseField(fields[1], HOUR), parseField(fields[2], DOM),
    parseField(fields[3], MONTH), parseField(fields[4], DOW), loc,
  )
}

function parseEveryDuration(s: string): number {
  try {
    return parseGoDuration(s)
  } catch (e) {
    throw new CronParseError(`failed to parse duration ${s}: ${(e as Error).message}`)
  }
}

const MINUTE_MS = 60_000
// robfig gives up after five years without a match (e.g. `0 0 30 2 *`).
const SEARCH_YEARS = 5

class SpecSchedule implements Schedule {
  constructor(
    private readonly minute: Field, private readonly hour: Field, private readonly dom: Field,
    private readonly month: Field, private readonly dow: Field, private readonly zone: string | undefined,
  ) {}

  next(utcMs: number): number | undefined {
    // Wall-clock milliseconds in the schedule's zone, on a UTC-based scale; seconds are always 0.
    const wallNow = utcMs + zoneOffsetMs(this.zone, utcMs)
    let w = Math.floor(wallNow / MINUTE_MS) * MINUTE_MS + MINUTE_MS
    const limit = new Date(w).getUTCFullYear() + SEARCH_YEARS
    for (;;) {
      const d = new Date(w)
      const y = d.getUTCFullYear()
      if (y > limit) return undefined
      const mo = d.getUTCMonth()
      const day = d.getUTCDate()
      const h = d.getUTCHours()
      if (!this.month.values.has(mo + 1)) { w = Date.UTC(y, mo + 1, 1); continue }
      if (!this.dayMatches(d)) { w = Date.UTC(y, mo, day + 1); continue }
      if (!this.hour.values.has(h)) { w = Date.UTC(y, mo, day, h + 1); continue }
      if (!this.minute.values.has(d.getUTCMinutes())) { w += MINUTE_MS; continue }
      const utc = wallToUtc(this.zone, w)
      // A wall time skipped by a DST change maps before `utcMs` or repeats: keep searching.
      if (utc > utcMs) return utc
      w += MINUTE_MS
    }
  }

  /** robfig: day-of-month and day-of-week are ANDed if either is `*`, else ORed (as in Vixie cron). */
  private dayMatches(d: Date): boolean {
    const domMatch = this.dom.values.has(d.getUTCDate())
    const dowMatch = this.dow.values.has(d.getUTCDay())
    if (this.dom.star || this.dow.star) return domMatch && dowMatch
    return domMatch || dowMatch
  }
}
