/**
 * The container runtime's side of a container (kube: kuberuntime_container.go with containerd
 * beneath): play the program on the virtual clock, run commands in it (exec probes and hooks),
 * answer the network for its ports, enforce the memory limit (the cgroup's OOM killer), and stop
 * it — preStop hook, SIGTERM, SIGKILL at the end of the grace period.
 */
import type { LifecycleHandler, Pod } from 'kubernetes-types/core/v1'
import type { MainProcess, ProgramContext, Step } from '../images'
import { commandProgram } from '../images'
import { parseQuantity } from '../apiserver/quantity'
import type { ContainerRun } from './container-run'
import { podHostname } from './downward-api'
import type { PodVolumes } from './pod-volumes'
import type { KubeletHost } from './pod-worker'
import type { DnsAnswer, NetResponse, RequestOptions } from '../network/types'

// kube: after a preStop hook the container still gets at least 2 s (minimumGracePeriodInSeconds).
const MIN_GRACE_AFTER_HOOK_MS = 2000
// Killed by SIGKILL: 128 + 9, as containerd reports it.
const SIGKILL_EXIT = 137

export interface RuntimeHost {
  readonly host: KubeletHost
  readonly pod: Pod
  readonly podIP?: string
  readonly volumes: PodVolumes
  afterFor(c: ContainerRun, ms: number, fn: () => void): void
  /** The process of `c` ended with `code` (the kubelet decides what happens next). */
  exited(c: ContainerRun, code: number, reason: string): void
  /** Cluster DNS for the pod's namespace. */
  resolve(name: string): string | undefined
  /** DNS in full (nslookup), when the cluster network runs. */
  lookup?(name: string): DnsAnswer | undefined
  /** An HTTP GET from the pod through the cluster network; undefined before it runs. */
  request?(url: string, options?: RequestOptions): NetResponse | undefined
  hasNetwork?(): boolean
  /** A process of `c` answered a request that cost it `cpuMs` of CPU (resource usage accounting). */
  requestServed?(c: ContainerRun, cpuMs: number): void
}

export interface ExecResult {
  code: number
  /** Both streams, interleaved as written (what an exec probe reports). */
  output: string
  stdout: string
  stderr: string
  timedOut: boolean
}

/** A pod's answer to an HTTP request, and which of its containers gave it. */
export interface ServedResponse {
  status: number
  body: string
  container: string
}

// A process that does not say what a request costs it: a static page, about a millisecond of CPU.
const DEFAULT_CPU_MS_PER_REQUEST = 1

export class ContainerRuntime {
  constructor(private readonly w: RuntimeHost) {}

  private now(): number {
    return this.w.host.ctx.clock.now()
  }

  /** The context a process of `c` (its PID 1, an exec, a hook) runs in. */
  context(c: ContainerRun): ProgramContext {
    c.fs ??= this.w.volumes.containerFs(c.spec)
    return {
      now: () => this.now(),
      env: c.env ?? Object.fromEntries((c.spec.env ?? []).map((e) => [e.name, e.value ?? ''])),
      hostname: podHostname(this.w.pod),
      podIP: this.w.podIP ?? '',
      fs: c.fs,
      resolve: (name) => this.w.resolve(name),
      main: this.mainProcess(c),
      image: c.spec.image,
      ...this.network(),
    }
  }

  /** The pod's network calls, present only once the cluster network runs. */
  private network(): Pick<ProgramContext, 'http' | 'lookup'> {
    const w = this.w
    if (!w.hasNetwork?.()) return {}
    return {
      http: (url, options) => w.request!(url, options)!,
      lookup: (name) => w.lookup?.(name),
    }
  }

  private mainProcess(c: ContainerRun): MainProcess {
    const epoch = c.epoch
    return {
      name: c.program?.name ?? c.spec.command?.[0]?.split('/').pop() ?? 'sh',
      alive: () => c.state === 'running' && c.epoch >= epoch,
      signal: (sig) => {
        if (c.state !== 'running') return
        if (sig === 'KILL') return this.w.exited(c, SIGKILL_EXIT, 'Error')
        const stop = c.program?.stopAfterSigterm(this.w.host.ctx.clock.random)
        if (stop === undefined) return
        this.w.afterFor(c, stop, () => this.stoppedByItself(c))
      },
    }
  }

  /** Plays the container's program until it sleeps, runs forever, or exits. */
  advance(c: ContainerRun): void {
    for (;;) {
      const r = c.steps!.next()
      if (r.done) return
      const step = r.value
      if (step.kind === 'log') c.logs!.append(this.now(), step.line)
      else if (step.kind === 'sleep') {
        if (step.ms !== Infinity) this.w.afterFor(c, step.ms, () => this.advance(c))
        return
      } else if (step.kind === 'memory') {
        c.memoryBytes = step.bytes
        // kube: the cgroup's OOM killer ends the container as soon as it passes its memory limit.
        if (c.memoryBytes > memoryLimit(c)) return this.w.exited(c, SIGKILL_EXIT, 'OOMKilled')
      } else return this.w.exited(c, step.code, step.code === 0 ? 'Completed' : 'Error')
    }
  }

  /**
   * Runs argv in the container at once (an exec probe, `kubectl exec`): exit code and output, both
   * streams together in `output` (what a probe reports) and apart in stdout/stderr.
   */
  exec(c: ContainerRun, argv: string[], timeoutMs: number): ExecResult {
    const program = argv.length ? commandProgram(argv, true) : undefined
    // The image's own binary (a health checker we do not know): it answers yes.
    if (!program) return { code: 0, output: '', stdout: '', stderr: '', timedOut: false }
    const steps = program.steps(this.context(c))
    const lines: string[] = []
    const out: string[] = []
    const errs: string[] = []
    const result = (code: number, timedOut: boolean): ExecResult => ({
      code, timedOut, output: lines.join('\n'), stdout: out.map((l) => `${l}\n`).join(''), stderr: errs.map((l) => `${l}\n`).join(''),
    })
    let elapsed = 0
    for (let i = 0; i < 10_000; i++) {
      const r = steps.next()
      if (r.done) break
      const s: Step = r.value
      if (s.kind === 'log') {
        lines.push(s.line)
        ;(s.stream === 'stderr' ? errs : out).push(s.line)
      } else if (s.kind === 'sleep') {
        elapsed += s.ms
        if (elapsed > timeoutMs) return result(-1, true)
      } else if (s.kind === 'exit') return result(s.code, false)
    }
    return result(0, false)
  }

  /** Runs a lifecycle hook on the clock, within `deadlineMs`; done(error?) when it ends. */
  runHook(c: ContainerRun, handler: LifecycleHandler, deadlineMs: number, done: (error?: string) => void): void {
    if (handler.httpGet) {
      const port = typeof handler.httpGet.port === 'number' ? handler.httpGet.port : Number(handler.httpGet.port)
      const status = this.http(port, handler.httpGet.path ?? '/')
      return done(status !== undefined && status >= 200 && status < 400 ? undefined : `HTTP lifecycle hook (${handler.httpGet.path ?? ''}) for Container "${c.name}" in Pod "${this.w.pod.metadata!.name}_${this.w.pod.metadata!.namespace}(${this.w.pod.metadata!.uid})" failed`)
    }
    if (handler.sleep) return this.w.afterFor(c, Math.min(deadlineMs, handler.sleep.seconds * 1000), () => done())
    const argv = handler.exec?.command ?? []
    const program = argv.length ? commandProgram(argv, true) : undefined
    if (!program) return done()
    const steps = program.steps(this.context(c))
    const end = this.now() + deadlineMs
    const output: string[] = []
    const step = () => {
      for (let i = 0; i < 10_000; i++) {
        const r = steps.next()
        if (r.done) return done()
        const s = r.value
        if (s.kind === 'log') output.push(s.line)
        else if (s.kind === 'exit') return done(s.code === 0 ? undefined : `command '${argv.join(' ')}' exited with ${s.code}: ${output.join('\n')}`)
        else if (s.kind === 'sleep') {
          if (this.now() + s.ms > end) return this.w.afterFor(c, Math.max(0, end - this.now()), () => done())
          return this.w.afterFor(c, s.ms, step)
        }
      }
      done()
    }
    step()
  }

  /**
   * Stops the running container: its preStop hook first, then SIGTERM; a process that ignores it
   * is killed at the end of the grace period. The container's timers of its run are invalidated.
   */
  kill(c: ContainerRun, graceMs: number, hookFailed: (message: string) => void): void {
    c.epoch++
    c.stopping = true
    const start = this.now()
    const sigterm = () => {
      if (c.state !== 'running') return
      const used = this.now() - start
      const remaining = hook ? Math.max(graceMs - used, MIN_GRACE_AFTER_HOOK_MS) : graceMs - used
      const stop = c.program?.stopAfterSigterm(this.w.host.ctx.clock.random)
      if (stop !== undefined && stop < remaining) {
        return this.w.afterFor(c, stop, () => this.stoppedByItself(c))
      }
      this.w.afterFor(c, Math.max(0, remaining), () => this.w.exited(c, SIGKILL_EXIT, 'Error'))
    }
    const hook = c.spec.lifecycle?.preStop
    if (!hook) return sigterm()
    this.runHook(c, hook, graceMs, (error) => {
      if (error) hookFailed(error)
      sigterm()
    })
  }

  /** The process exits on the signal: a clean exit for servers, 143 for a Go binary. */
  private stoppedByItself(c: ContainerRun): void {
    const code = c.program?.sigtermExitCode ?? 0
    this.w.exited(c, code, code === 0 ? 'Completed' : 'Error')
  }

  /** The HTTP status a process of the pod answers (containers share the pod's network). */
  http(port: number, path: string, runs: ContainerRun[] = this.peers()): number | undefined {
    for (const c of runs) {
      if (c.state !== 'running' || !c.program?.http) continue
      const status = c.program.http({ port, path, uptimeMs: this.now() - (c.startedAt ?? this.now()) })
      if (status !== undefined) return status
    }
    return undefined
  }

  /**
   * A request from the network to the pod's `port`: the first running container listening there
   * answers (containers share the pod's network namespace), and the request's CPU is accounted to it.
   * Undefined when nothing listens: the caller sees `connection refused`.
   */
  serve(req: { port: number; path: string; host?: string }): ServedResponse | undefined {
    for (const c of this.peers()) {
      const p = c.program
      if (c.state !== 'running' || !p?.http) continue
      const full = { ...req, uptimeMs: this.now() - (c.startedAt ?? this.now()) }
      const status = p.http(full)
      if (status === undefined) continue
      this.w.requestServed?.(c, p.cpuMsPerRequest ?? DEFAULT_CPU_MS_PER_REQUEST)
      return { status, body: p.body?.(full, status) ?? '', container: c.name }
    }
    return undefined
  }

  listens(port: number, runs: ContainerRun[] = this.peers()): boolean {
    return runs.some((c) => c.state === 'running' && c.program?.listens?.(port) === true)
  }

  /** Set by the pod worker: every container of the pod. */
  peers: () => ContainerRun[] = () => []
}

/** The container's memory limit in bytes (Infinity without one). */
function memoryLimit(c: ContainerRun): number {
  const limit = c.spec.resources?.limits?.memory
  if (limit === undefined) return Infinity
  return parseQuantity(String(limit))
}
