/** metav1.Time strings (RFC 3339) to virtual milliseconds; undefined when absent or unparseable. */
export function parseTime(t: string | undefined): number | undefined {
  if (!t) return undefined
  const ms = Date.parse(t)
  return Number.isNaN(ms) ? undefined : ms
}
