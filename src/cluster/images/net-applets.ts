/**
 * The network commands a container runs: busybox `wget` and `nslookup`, and `curl` where the image
 * ships it (nginx's Debian and Alpine images, curlimages/curl; busybox, alpine and httpd do not).
 * Requests go through the cluster network (ctx.http) and take their simulated time; each command
 * prints what the real one prints, errors included.
 */
import type { NetResponse } from '../network/types'
import { INTERNET } from '../network/internet'
import { KUBE_DNS_IP, KUBE_DNS_NAME } from '../network/dns'
import type { ProgramContext, Step } from './program'

type Run = Generator<Step, number, undefined>
const out = (line: string): Step => ({ kind: 'log', line })
const err = (line: string): Step => ({ kind: 'log', line, stream: 'stderr' })

/** HTTP reason phrases (RFC 9110) for the status lines the tools print. */
const REASON: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
}
export const reasonPhrase = (status: number): string => REASON[status] ?? ''

const bodyLines = (body: string) => {
  const lines = body.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** Before the network runs (a bare core cluster): only the internet hosts and Service names resolve. */
function offline(url: string, ctx: ProgramContext): NetResponse {
  const m = /^(?:https?:\/\/)?([^/:]+)/.exec(url)
  const host = m?.[1] ?? url
  const site = INTERNET[host]
  if (site) return { status: 200, body: site.body, ip: site.ip, latencyMs: 300, route: [] }
  const ip = ctx.resolve?.(host)
  return ip ? { error: 'connection refused', ip, body: '', latencyMs: 1, route: [] } : { error: 'could not resolve host', body: '', latencyMs: 1, route: [] }
}

const hostOf = (url: string) => /^(?:[a-z]+:\/\/)?([^/:?#]+)/i.exec(url)?.[1] ?? url
const portOf = (url: string) => /^(?:([a-z]+):\/\/)?[^/:?#]+(?::(\d+))?/i.exec(url)

// ---- busybox wget ---------------------------------------------------------------------------------

export function* wget(args: string[], ctx: ProgramContext, fs: Map<string, string>): Run {
  let file: string | undefined
  let quiet = false
  let timeoutMs: number | undefined
  let spider = false
  const urls: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--spider') spider = true
    else if (a.startsWith('--timeout=')) timeoutMs = Number(a.slice(10)) * 1000
    else if (a === '--timeout') timeoutMs = Number(args[++i]) * 1000
    else if (a.startsWith('--output-document=')) file = a.slice(18)
    else if (a === '--quiet') quiet = true
    else if (a.startsWith('-') && a.length > 1 && !a.startsWith('--')) {
      // Short options cluster as getopt allows: `-qO-`, `-qO file`, `-T5`.
      for (let j = 1; j < a.length; j++) {
        const f = a[j]
        if (f === 'q') quiet = true
        else if (f === 'O' || f === 'T') {
          const v = a.slice(j + 1) || args[++i]
          if (f === 'O') file = v
          else timeoutMs = Number(v) * 1000
          break
        }
      }
    } else if (!a.startsWith('-')) urls.push(a)
  }
  const url = urls[0]
  if (!url) {
    yield err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.')
    return 1
  }
  const host = hostOf(url)
  const pm = portOf(url)
  const port = pm?.[2] ?? (pm?.[1]?.toLowerCase() === 'https' ? '443' : '80')
  const r = ctx.http ? ctx.http(url, { timeoutMs }) : offline(url, ctx)
  if (r.error === 'could not resolve host') {
    yield { kind: 'sleep', ms: r.latencyMs }
    yield err(`wget: bad address '${host}'`)
    return 1
  }
  if (!quiet) yield err(`Connecting to ${host} (${r.ip}:${port})`)
  yield { kind: 'sleep', ms: r.latencyMs }
  if (r.error) {
    // busybox: -T bounds the whole download; otherwise connect() gives up on its own.
    if (r.error === 'timed out' && timeoutMs !== undefined) yield err('wget: download timed out')
    else yield err(`wget: can't connect to remote host (${r.ip}): ${r.error === 'timed out' ? 'Connection timed out' : r.error === 'no route to host' ? 'No route to host' : 'Connection refused'}`)
    return 1
  }
  const status = r.status ?? 0
  if (status >= 400) {
    yield err(`wget: server returned error: HTTP/1.1 ${status} ${reasonPhrase(status)}`)
    return 1
  }
  if (spider) {
    if (!quiet) yield err('remote file exists')
    return 0
  }
  const target = file ?? (url.split('?')[0].replace(/^[a-z]+:\/\/[^/]*/i, '').split('/').pop() || 'index.html')
  const size = String(r.body.length).padStart(7)
  if (target === '-') {
    if (!quiet) yield err('writing to stdout')
    for (const line of bodyLines(r.body)) yield out(line)
    if (!quiet) {
      yield err(`-                    100% |********************************|${size}  0:00:00 ETA`)
      yield err('written to stdout')
    }
    return 0
  }
  fs.set(target, r.body)
  if (!quiet) {
    const name = target.slice(target.lastIndexOf('/') + 1).padEnd(20)
    yield err(`saving to '${target}'`)
    yield err(`${name} 100% |********************************|${size}  0:00:00 ETA`)
    yield err(`'${target}' saved`)
  }
  return 0
}

// ---- curl -----------------------------------------------------------------------------------------

/** Images that ship curl: nginx (Debian and Alpine variants), curlimages/curl. */
export function hasCurl(image: string | undefined): boolean {
  if (!image) return false
  const name = image.split('@')[0].replace(/:[^/:]*$/, '').replace(/^(docker\.io\/)?(library\/)?/, '')
  return name === 'nginx' || name === 'curlimages/curl'
}

const CURL_VERSION = '8.17.0'

export function* curl(args: string[], ctx: ProgramContext, fs: Map<string, string>): Run {
  let silent = false
  let showError = false
  let head = false
  let verbose = false
  let failOnError = false
  let include = false
  let file: string | undefined
  let maxTimeMs: number | undefined
  let hostHeader: string | undefined
  const urls: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '-o' || a === '--output') file = args[++i]
    else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') maxTimeMs = Number(args[++i]) * 1000
    else if (a === '-H' || a === '--header') {
      const h = /^host:\s*(.+)$/i.exec(args[++i] ?? '')
      if (h) hostHeader = h[1].trim()
    } else if (a === '--silent') silent = true
    else if (a === '--head') head = true
    else if (a === '--verbose') verbose = true
    else if (a === '--fail') failOnError = true
    else if (a === '--include') include = true
    else if (a === '--show-error') showError = true
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 's') silent = true
        else if (f === 'S') showError = true
        else if (f === 'I') head = true
        else if (f === 'v') verbose = true
        else if (f === 'f') failOnError = true
        else if (f === 'i') include = true
        else if (f === 'L' || f === 'k') continue
        else if (f === 'o') file = args[++i]
        else if (f === 'm') maxTimeMs = Number(args[++i]) * 1000
      }
    } else if (!a.startsWith('-')) urls.push(a)
  }
  const url = urls[0]
  if (!url) {
    yield err('curl: try \'curl --help\' or \'curl --manual\' for more information')
    return 2
  }
  const host = hostOf(url)
  const pm = portOf(url)
  const port = pm?.[2] ?? (pm?.[1]?.toLowerCase() === 'https' ? '443' : '80')
  const r = ctx.http ? ctx.http(url, { timeoutMs: maxTimeMs, host: hostHeader }) : offline(url, ctx)
  const quietErrors = silent && !showError
  yield { kind: 'sleep', ms: r.latencyMs }
  if (r.error) {
    if (verbose && r.ip) yield err(`*   Trying ${r.ip}:${port}...`)
    if (quietErrors) return r.error === 'could not resolve host' ? 6 : r.error === 'timed out' ? 28 : 7
    if (r.error === 'could not resolve host') {
      yield err(`curl: (6) Could not resolve host: ${host}`)
      return 6
    }
    if (r.error === 'timed out' && maxTimeMs !== undefined) {
      yield err(`curl: (28) Connection timed out after ${r.latencyMs + 1} milliseconds`)
      return 28
    }
    const code = r.error === 'timed out' ? 28 : 7
    yield err(`curl: (${code}) Failed to connect to ${host} port ${port} after ${r.latencyMs} ms: Could not connect to server`)
    return code
  }
  const status = r.status ?? 0
  const statusLine = `HTTP/1.1 ${status} ${reasonPhrase(status)}`.trimEnd()
  const headers = [statusLine, 'Content-Type: text/html', `Content-Length: ${r.body.length}`, '']
  if (verbose) {
    yield err(`*   Trying ${r.ip}:${port}...`)
    yield err(`* Connected to ${host} (${r.ip}) port ${port}`)
    yield err(`> ${head ? 'HEAD' : 'GET'} ${url.replace(/^[a-z]+:\/\/[^/]*/i, '') || '/'} HTTP/1.1`)
    yield err(`> Host: ${hostHeader ?? host}${port === '80' ? '' : `:${port}`}`)
    yield err(`> User-Agent: curl/${CURL_VERSION}`)
    yield err('> Accept: */*')
    yield err('> ')
    for (const h of headers) yield err(`< ${h}`)
  }
  if (failOnError && status >= 400) {
    if (!quietErrors) yield err(`curl: (22) The requested URL returned error: ${status}`)
    return 22
  }
  if (head) {
    for (const h of headers) yield out(h)
    return 0
  }
  if (include) for (const h of headers) yield out(h)
  if (file !== undefined && file !== '-') {
    fs.set(file, r.body)
    if (!silent) {
      const n = String(r.body.length).padStart(5)
      yield err('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current')
      yield err('                                 Dload  Upload   Total   Spent    Left  Speed')
      yield err(`100 ${n}  100 ${n}    0     0   ${String(r.body.length).padStart(4)}      0 --:--:-- --:--:-- --:--:--  ${String(r.body.length).padStart(4)}`)
    }
    return 0
  }
  for (const line of bodyLines(r.body)) yield out(line)
  return 0
}

// ---- busybox nslookup -------------------------------------------------------------------------------

/** busybox 1.28's nslookup against kube-dns (kube docs: dns-debugging-resolution). */
export function* nslookup(args: string[], ctx: ProgramContext): Run {
  const name = args.filter((a) => !a.startsWith('-'))[0] ?? ''
  yield out(`Server:    ${KUBE_DNS_IP}`)
  yield out(`Address 1: ${KUBE_DNS_IP} ${KUBE_DNS_NAME}`)
  yield out('')
  const answer = ctx.lookup ? ctx.lookup(name) : fallbackLookup(name, ctx)
  if (!answer || !answer.addresses.length) {
    yield err(`nslookup: can't resolve '${name}'`)
    return 1
  }
  yield out(`Name:      ${name}`)
  let n = 0
  for (const a of answer.addresses) yield out(`Address ${++n}: ${a.ip}${a.ptr ? ` ${a.ptr}` : ''}`)
  return 0
}

function fallbackLookup(name: string, ctx: ProgramContext) {
  const ip = ctx.resolve?.(name)
  return ip ? { name, addresses: [{ ip, ptr: name }] } : undefined
}
