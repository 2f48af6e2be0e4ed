/**
 * What a simulated container does once started: a sequence of steps (print a line, sleep, take
 * memory, exit), read lazily so a server that runs forever costs nothing after its startup lines.
 * A program may also listen on TCP ports and answer HTTP, which is what the kubelet's probes and
 * hooks talk to.
 */
import type { Random } from '../random'
import type { DnsAnswer, NetResponse, RequestOptions } from '../network/types'

export type Step =
  /** A line of output; `stderr` lines are not captured by a shell redirection `>`. */
  | { kind: 'log'; line: string; stream?: 'stderr' }
  /** `Infinity` sleeps forever (`sleep infinity`, `tail -f /dev/null`). */
  | { kind: 'sleep'; ms: number }
  /** The process now uses `bytes` of memory in all (the runtime compares it with the limit). */
  | { kind: 'memory'; bytes: number }
  | { kind: 'exit'; code: number }

/** The process table of the container, for `kill`, `killall -0` and `nginx -s quit` in hooks. */
export interface MainProcess {
  /** The name `killall` matches: `nginx`, `sh`. */
  readonly name: string
  alive(): boolean
  /** Asks the main process to stop as it would on SIGTERM (or at once on KILL). */
  signal(signal: 'TERM' | 'QUIT' | 'KILL'): void
}

export interface ProgramContext {
  /** Virtual time in ms, for programs that print the time. */
  now(): number
  env: Record<string, string>
  /** The container's hostname: the pod name. */
  hostname: string
  podIP: string
  /** The container's writable files, path → content (a new container instance starts afresh). */
  fs?: Map<string, string>
  /** Cluster DNS: the address of `name` (a Service name, short or fully qualified), if any. */
  resolve?(name: string): string | undefined
  /** The container's PID 1, for commands run beside it (probes, hooks). */
  main?: MainProcess
  /** An HTTP GET through the cluster network from this pod (absent before the network runs). */
  http?(url: string, options?: RequestOptions): NetResponse
  /** Cluster DNS in full (every address, CNAMEs), for nslookup. */
  lookup?(name: string): DnsAnswer | undefined
  /** The container's image reference (which binaries it ships: curl is not in busybox). */
  image?: string
}

export interface HttpRequest {
  port: number
  path: string
  /** Milliseconds since the process started. */
  uptimeMs: number
  /** The Host header (an ingress controller routes by it); the pod's own address when absent. */
  host?: string
}

export interface Program {
  /** What the process does. An iterator that ends without an `exit` step leaves the process running. */
  steps(ctx: ProgramContext): Iterator<Step>
  /**
   * Milliseconds the process takes to exit after SIGTERM, or undefined when it ignores SIGTERM
   * (a shell as PID 1 does) and is only killed at the end of the grace period.
   */
  stopAfterSigterm(random: Random): number | undefined
  /** Exit code when it stops by itself after SIGTERM (default 0; a Go binary dies of it: 143). */
  sigtermExitCode?: number
  /** The process name (`killall`, `pgrep`). */
  name?: string
  /** Whether the running process accepts TCP connections on `port`. */
  listens?(port: number): boolean
  /** The HTTP status it answers a GET with; undefined when nothing listens there. */
  http?(req: HttpRequest): number | undefined
  /** The body of its answer to a GET (what `curl` prints); empty when not given. */
  body?(req: HttpRequest, status: number): string
  /**
   * CPU time one request costs the process, in milliseconds: what drives its CPU usage (and so
   * `kubectl top` and the HorizontalPodAutoscaler) under traffic.
   */
  cpuMsPerRequest?: number
}

export interface ServerOptions {
  /** TCP ports it listens on; `'any'` answers on every port (a generic server). */
  ports?: number[] | 'any'
  /** HTTP status per request (default: 200 on the listening ports, for HTTP servers). */
  http?: (req: HttpRequest) => number
  /** Not an HTTP server (redis, postgres): an HTTP probe gets a malformed answer. */
  plainTcp?: boolean
  name?: string
  sigtermExitCode?: number
  /** The page it serves (default: none). */
  body?: (req: HttpRequest, status: number) => string
  /** CPU milliseconds per request (see Program.cpuMsPerRequest). */
  cpuMsPerRequest?: number
  /** Milliseconds after start before it accepts connections (a server loading its modules). */
  listenAfterMs?: number
}

/** A process that prints `lines` at start and then serves until stopped. */
export function server(lines: (ctx: ProgramContext) => string[], stopMs: [number, number] = [100, 1000], options: ServerOptions = {}): Program {
  const ports = options.ports ?? []
  const listens = (port: number) => ports === 'any' || ports.includes(port)
  const ready = (req: HttpRequest) => req.uptimeMs >= (options.listenAfterMs ?? 0)
  return {
    *steps(ctx) {
      for (const line of lines(ctx)) yield { kind: 'log', line }
    },
    stopAfterSigterm: (random) => Math.round(random.between(stopMs[0], stopMs[1])),
    sigtermExitCode: options.sigtermExitCode,
    name: options.name,
    listens,
    http: (req) => {
      if (!listens(req.port) || !ready(req)) return undefined
      if (options.plainTcp) return 0
      return options.http ? options.http(req) : 200
    },
    body: options.body,
    cpuMsPerRequest: options.cpuMsPerRequest,
  }
}

/** A process that exits at once with `code` (busybox's default `sh` without a terminal exits 0). */
export function exitsImmediately(code = 0, lines: string[] = []): Program {
  return {
    *steps() {
      for (const line of lines) yield { kind: 'log', line }
      yield { kind: 'exit', code }
    },
    stopAfterSigterm: () => 0,
  }
}
