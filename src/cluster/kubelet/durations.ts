/** Go's time.Duration String(), as the kubelet prints pull times: `2.1s`, `856ms`, `1m3.2s`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s'
  if (ms < 1000) return `${trim(ms.toFixed(3))}ms`
  const totalSeconds = ms / 1000
  const h = Math.floor(totalSeconds / 3600)
  const m = Math.floor((totalSeconds % 3600) / 60)
  const s = totalSeconds - h * 3600 - m * 60
  const sec = `${trim(s.toFixed(3))}s`
  if (h) return `${h}h${m}m${sec}`
  if (m) return `${m}m${sec}`
  return sec
}

function trim(n: string): string {
  return n.includes('.') ? n.replace(/0+$/, '').replace(/\.$/, '') : n
}

/** RFC 3339 with nanoseconds, as the container runtime stamps log lines (`kubectl logs --timestamps`). */
export function nanoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')
}
