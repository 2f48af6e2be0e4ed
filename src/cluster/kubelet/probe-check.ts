/**
 * One probe of a container (kube: pkg/kubelet/prober and pkg/probe/{exec,http,tcp,grpc}): run the
 * command in the container, GET the URL from the node, or open the TCP port, and say whether it
 * passed with the output the `Unhealthy` event quotes.
 */
import type { Container, Probe } from 'kubernetes-types/core/v1'

/** What a probe can reach: the pod's network namespace and the container's processes. */
export interface ProbeTarget {
  podIP: string
  container: Container
  /** Runs argv in the container; the output is stdout and stderr together. */
  exec(argv: string[], timeoutMs: number): { code: number; output: string; timedOut: boolean }
  /** The HTTP status a process of the pod answers on `port` (0: not HTTP), undefined when none listens. */
  http(port: number, path: string): number | undefined
  listens(port: number): boolean
}

export interface ProbeResult {
  ok: boolean
  output: string
}

// kube defaults (core/v1 SetDefaults_Probe): timeoutSeconds 1, periodSeconds 10, thresholds 1 and 3.
export const probeTimeoutMs = (p: Probe) => 1000 * (p.timeoutSeconds || 1)
export const probePeriodMs = (p: Probe) => 1000 * (p.periodSeconds || 10)
export const successThreshold = (p: Probe) => p.successThreshold || 1
export const failureThreshold = (p: Probe) => p.failureThreshold || 3

/** A port by number or by the name of one of the container's ports. */
function resolvePort(port: number | string | undefined, c: Container): number | undefined {
  if (typeof port === 'number') return port
  if (port === undefined) return undefined
  if (/^\d+$/.test(port)) return Number(port)
  return c.ports?.find((p) => p.name === port)?.containerPort
}

export function checkProbe(probe: Probe, t: ProbeTarget): ProbeResult {
  if (probe.exec) {
    const argv = probe.exec.command ?? []
    const r = t.exec(argv, probeTimeoutMs(probe))
    if (r.timedOut) return { ok: false, output: `command ${JSON.stringify(argv.join(' '))} timed out` }
    return { ok: r.code === 0, output: r.output }
  }
  if (probe.httpGet) {
    const g = probe.httpGet
    const port = resolvePort(g.port, t.container)
    const scheme = (g.scheme ?? 'HTTP').toLowerCase()
    const host = g.host || t.podIP
    let path = g.path ?? '/'
    if (!path.startsWith('/')) path = `/${path}`
    const url = `${scheme}://${host}:${port ?? g.port}${path}`
    if (port === undefined) return { ok: false, output: `unable to find port ${JSON.stringify(g.port)} in container` }
    const status = t.http(port, path)
    if (status === undefined) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` }
    if (status === 0) return { ok: false, output: `Get "${url}": net/http: HTTP/1.x transport connection broken: malformed HTTP response` }
    // kube: 2xx and 3xx pass; 3xx to another host passes with a warning.
    if (status >= 200 && status < 400) return { ok: true, output: '' }
    return { ok: false, output: `HTTP probe failed with statuscode: ${status}` }
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, t.container)
    const host = probe.tcpSocket.host || t.podIP
    if (port !== undefined && t.listens(port)) return { ok: true, output: '' }
    return { ok: false, output: `dial tcp ${host}:${port ?? probe.tcpSocket.port}: connect: connection refused` }
  }
  if (probe.grpc) {
    const port = probe.grpc.port
    if (t.listens(port)) return { ok: true, output: '' }
    return { ok: false, output: `timeout: failed to connect service "${t.podIP}:${port}" within ${probeTimeoutMs(probe) / 1000}s: context deadline exceeded` }
  }
  return { ok: true, output: '' }
}
