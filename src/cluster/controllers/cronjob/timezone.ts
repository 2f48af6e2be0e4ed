/**
 * IANA time zones for CronJob `spec.timeZone`, through the Intl API that Node and browsers carry
 * (the tz database Go's time.LoadLocation reads). Offsets are computed per instant, so daylight
 * saving time is followed as Kubernetes follows it.
 */

const formatters = new Map<string, Intl.DateTimeFormat | null>()

function formatter(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone)
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23',
        year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      })
    } catch {
      f = null
    }
    formatters.set(zone, f)
  }
  return f
}

/**
 * Go's time.LoadLocation: the error text for a zone it cannot load, or undefined. Zone names are
 * case-sensitive there (the tz files are looked up by path), so `utc` is unknown while `UTC` is fine.
 */
export function loadLocationError(zone: string): string | undefined {
  if (zone === '' || zone === 'UTC') return undefined
  const f = formatter(zone)
  // Intl also accepts `america/new_york`; Go does not, so a name that resolves to a case-variant of itself is unknown.
  const resolved = f?.resolvedOptions().timeZone
  if (!f || (resolved !== zone && resolved?.toLowerCase() === zone.toLowerCase())) return `unknown time zone ${zone}`
  return undefined
}

/** Milliseconds to add to a UTC instant to get the wall-clock time in `zone`. */
export function zoneOffsetMs(zone: string | undefined, utcMs: number): number {
  if (!zone || zone === 'UTC') return 0
  const f = formatter(zone)
  if (!f) return 0
  const p: Record<string, number> = {}
  for (const part of f.formatToParts(new Date(utcMs))) if (part.type !== 'literal') p[part.type] = Number(part.value)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return wall - Math.floor(utcMs / 1000) * 1000
}

/**
 * The UTC instant of a wall-clock time in `zone` (as a UTC-based millisecond count). In a DST gap
 * the wall time does not exist and the later offset is used, which lands after the gap.
 */
export function wallToUtc(zone: string | undefined, wallMs: number): number {
  if (!zone || zone === 'UTC') return wallMs
  let utc = wallMs - zoneOffsetMs(zone, wallMs)
  const off = zoneOffsetMs(zone, utc)
  utc = wallMs - off
  return utc
}

/** Go's time.RFC3339 of an instant as seen in `zone`: `2026-01-01T09:00:00+01:00`, or `…Z` at offset 0. */
export function rfc3339In(zone: string | undefined, utcMs: number): string {
  const off = zoneOffsetMs(zone, utcMs)
  const wall = new Date(utcMs + off).toISOString().slice(0, 19)
  if (off === 0) return `${wall}Z`
  const sign = off < 0 ? '-' : '+'
  const m = Math.abs(off) / 60_000
  return `${wall}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}
