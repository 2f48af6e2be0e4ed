/** kubectl's short human durations (kube: duration.HumanDuration): 5s, 3m20s, 2d4h. */
export function humanAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000))
  if (s < 120) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`
  if (m < 180) return `${m}m`
  const h = Math.floor(m / 60)
  if (h < 8) return m % 60 ? `${h}h${m % 60}m` : `${h}h`
  if (h < 48) return `${h}h`
  const d = Math.floor(h / 24)
  return h % 24 && d < 8 ? `${d}d${h % 24}h` : `${d}d`
}

export const ageSince = (timestamp: string | undefined, now: number): string =>
  timestamp ? humanAge(now - Date.parse(timestamp)) : '<unknown>'
