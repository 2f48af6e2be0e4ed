/** The parts of an http URL a client needs (curl and wget accept a bare `host[:port][/path]`). */
export interface ParsedUrl {
  scheme: string
  host: string
  port: number
  /** Path and query, at least `/`. */
  path: string
}

const URL_RE = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]*)(?::(\d*))?([^#]*)/

/** undefined when the URL has no host (curl: `(3) URL rejected: No host part in the URL`). */
export function parseUrl(url: string): ParsedUrl | undefined {
  const m = URL_RE.exec(url.trim())
  if (!m || !m[2]) return undefined
  const scheme = (m[1] ?? 'http').toLowerCase()
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80
  let path = m[4] || '/'
  if (!path.startsWith('/')) path = `/${path}`
  return { scheme, host: m[2].toLowerCase(), port, path }
}
