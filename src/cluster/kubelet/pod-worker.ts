/**
 * One pod on one kubelet (kube: the pod worker and kuberuntime's SyncPod): create the sandbox, run
 * the init containers in order, then start the app containers one at a time; probe them; restart
 * them by restartPolicy with back-off; stop everything when the pod is deleted. Every status change
 * is written to the API by the kubelet, as the kubelet's status manager does.
 *
 * The pieces: image-puller.ts (pulls and their back-off), container-runtime.ts (the process, its
 * files, hooks and signals), prober.ts (probes), init-actions.ts (what to start next),
 * pod-status.ts and pod-phase.ts (what is reported).
 */
import type { Container, Pod, PodStatus, Service } from 'kubernetes-types/core/v1'
import { programFor } from '../images'
import { isNotFound } from '../apiserver/types'
import { deepEqual } from '../apiserver/objects'
import { qosClass } from '../apiserver/kinds/qos'
import {
  CONTAINER_CREATE_MS, CONTAINER_START_MS, CRASH_LOOP_INITIAL_BACKOFF_MS, CRASH_LOOP_MAX_BACKOFF_MS,
  CRASH_LOOP_RESET_AFTER_MS, RESYNC_MS, SANDBOX_CREATE_MS,
} from './constants'
import { LogBuffer } from './container-logs'
import { lastExit, newRun, refreshFlags, restoreAfterReboot, type ContainerRun } from './container-run'
import { ContainerRuntime, type ExecResult, type ServedResponse } from './container-runtime'
import { formatGoDuration } from './durations'
import { ensureImage, type FoundImage } from './image-puller'
import type { ImageStore } from './image-store'
import { nextAction } from './init-actions'
import { podPhase } from './pod-phase'
import { containerConfig } from './container-env'
import { linkableServices } from './service-env'
import { CONFIG_ERROR_RETRY_MS, claimTree, dataSource, hostPathTree, nodeAllocatable } from './pod-config'
import { waitForMounts } from './volume-mounts'
import { PodVolumes } from './pod-volumes'
import { buildPodStatus } from './pod-status'
import { startProbes, type ProbeType } from './prober'
import type { ProbeTarget } from './probe-check'
import type { ComponentContext } from '../component'
import type { DnsAnswer, NetResponse, PodNetwork, RequestOptions } from '../network/types'
import type { NodeUsage } from './usage'

/** What a pod worker needs from its kubelet. */
export interface KubeletHost {
  readonly nodeName: string
  readonly actor: string
  readonly ctx: ComponentContext
  readonly images: ImageStore
  readonly hostIP: string
  alive(): boolean
  allocateIP(): string
  releaseIP(ip: string): void
  /** The network learns where the pod's IP lives (the CNI's host-local IPAM and routes). */
  podIPAssigned?(ip: string, worker: PodWorker): void
  /** The cluster network, when it runs: the pods' requests and DNS go through it. */
  readonly network?: PodNetwork
  record(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, container?: string): void
  /** The node's resource usage counters (kubelet/usage.ts). */
  readonly usage?: NodeUsage
  /** RFC 3339 at second precision (memoized: status writes format the same seconds again and again). */
  timestamp(ms: number): string
}

// kube default: terminationGracePeriodSeconds 30.
const DEFAULT_GRACE_S = 30

export class PodWorker {
  readonly uid: string
  readonly initContainers: ContainerRun[]
  readonly containers: ContainerRun[]
  /** Init containers first, then app containers. */
  readonly all: ContainerRun[]
  pod: Pod
  podIP?: string
  private sandboxReady = false
  private startTime?: number
  private terminating = false
  private initialized: boolean
  /** The container being started: SyncPod starts one container at a time. */
  private busyWith?: ContainerRun
  private epoch = 0
  private flushScheduled = false
  private lastWritten?: PodStatus
  /** The QoS class of the spec last reported (specs are immutable: same object, same class). */
  private qosSpec?: Pod['spec']
  private qos = ''
  private readonly stamp = (ms: number): string => this.host.timestamp(ms)
  private readonly runtime: ContainerRuntime
  /** The pod's volumes on this node: they outlive its containers' restarts. */
  readonly volumes: PodVolumes

  constructor(readonly host: KubeletHost, pod: Pod, private readonly rebooted = false) {
    this.pod = pod
    this.volumes = new PodVolumes({
      pod: () => this.pod,
      facts: () => this.facts(),
      data: dataSource(host.ctx),
      hostPath: (path) => hostPathTree(host, path),
      claim: (name) => claimTree(host.ctx, host, pod.metadata?.namespace ?? 'default', name),
      now: () => this.now(),
    })
    this.uid = pod.metadata!.uid!
    const status = pod.status
    this.initContainers = (pod.spec!.initContainers ?? []).map((spec) => newRun(spec, true, status?.initContainerStatuses?.find((s) => s.name === spec.name)))
    this.containers = pod.spec!.containers.map((spec) => newRun(spec, false, status?.containerStatuses?.find((s) => s.name === spec.name)))
    this.all = [...this.initContainers, ...this.containers]
    this.initialized = this.initContainers.length === 0
    if (rebooted) {
      for (const c of this.all) {
        const s = (c.init ? status?.initContainerStatuses : status?.containerStatuses)?.find((x) => x.name === c.name)
        if (s) restoreAfterReboot(c, s, this.now(), (x) => this.shouldRestart(x))
      }
      this.initialized ||= status?.conditions?.some((x) => x.type === 'Initialized' && x.status === 'True') ?? false
    }
    this.runtime = new ContainerRuntime(this)
    this.runtime.peers = () => this.all
  }

  get key(): string {
    return `${this.pod.metadata!.namespace}/${this.pod.metadata!.name}`
  }

  get isTerminating(): boolean {
    return this.terminating
  }

  /** Admits the pod: reports it Pending, then creates its sandbox. */
  start(): void {
    if (this.rebooted) this.host.record(this.pod, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.')
    this.startTime = this.startTime ?? this.parseTime(this.pod.status?.startTime) ?? this.now()
    this.markDirty()
    // Volumes: the sandbox waits for every volume to mount (kube: WaitForAttachAndMount).
    waitForMounts({
      mountFailure: () => this.volumes.mountFailure(),
      warn: (reason, message) => this.host.record(this.pod, 'Warning', reason, message),
      after: (ms, fn) => this.after(ms, () => { if (!this.terminating) fn() }),
    }, () => this.after(this.between(SANDBOX_CREATE_MS), () => {
      this.podIP = this.host.allocateIP()
      this.host.podIPAssigned?.(this.podIP, this)
      this.sandboxReady = true
      this.next()
    }))
  }

  /** A newer version of the pod from the informer. */
  update(pod: Pod): void {
    const old = this.pod
    this.pod = pod
    if (pod.metadata?.deletionTimestamp) return this.terminate()
    if (this.terminating) return
    const changed = (specs: Container[] | undefined, before: Container[] | undefined, runs: ContainerRun[]) =>
      specs?.forEach((spec, i) => {
        const c = runs[i]
        if (c && spec.image !== before?.[i]?.image) this.imageChanged(c, spec)
      })
    changed(pod.spec!.initContainers, old.spec!.initContainers, this.initContainers)
    changed(pod.spec!.containers, old.spec!.containers, this.containers)
  }

  /**
   * The pod has a deletionTimestamp: stop the app containers (preStop, SIGTERM, SIGKILL at the
   * grace deadline), then the sidecars in reverse order, then remove the pod for good.
   */
  terminate(): void {
    if (this.terminating) return
    this.terminating = true
    this.busyWith = undefined
    const meta = this.pod.metadata!
    const graceMs = 1000 * (meta.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_S)
    const deadline = this.now() + graceMs
    for (const c of this.all) {
      if (c.state === 'running') continue
      // Pulls, creations and back-offs in flight are dropped.
      c.epoch++
    }
    for (const c of this.containers) if (c.state === 'running') this.killContainer(c, `Stopping container ${c.name}`, graceMs)
    this.terminationDeadline = deadline
    this.terminationProgress()
  }

  private terminationDeadline = 0

  /** The next step of a termination: sidecars after the app containers, the pod after all. */
  private terminationProgress(): void {
    if (this.containers.some((c) => c.state === 'running')) return
    const sidecars = this.initContainers.filter((c) => c.state === 'running')
    if (sidecars.some((c) => c.stopping)) return
    const last = sidecars[sidecars.length - 1]
    if (last) return this.killContainer(last, `Stopping container ${last.name}`, Math.max(0, this.terminationDeadline - this.now()))
    this.after(0, () => this.remove())
  }

  /** The node went down: every process is gone and nothing more is reported. */
  kill(): void {
    this.epoch++
    this.terminating = true
    for (const c of this.all) c.epoch++
  }

  /** Called when the pod is gone from the API. */
  release(): void {
    this.kill()
    if (this.podIP) this.host.releaseIP(this.podIP)
    this.podIP = undefined
  }

  logs(container: string, previous: boolean): LogBuffer | undefined {
    const c = this.container(container)
    return previous ? c?.previousLogs : c?.logs
  }

  container(name: string): ContainerRun | undefined {
    return this.all.find((x) => x.name === name)
  }

  // ---- the sync loop ------------------------------------------------------------------------

  /** Starts the next container that is due, one at a time, as SyncPod does. */
  next(): void {
    if (this.busyWith || this.terminating || !this.sandboxReady) return
    const phase = this.phase()
    if (phase === 'Succeeded' || phase === 'Failed' || this.appsDone()) {
      // kube: once the regular containers are done for good, the sidecars are stopped, last first.
      const sidecar = this.initContainers.filter((c) => c.state === 'running').pop()
      if (sidecar) {
        if (!sidecar.stopping) this.killContainer(sidecar, `Stopping container ${sidecar.name}`, this.graceMs())
        return
      }
      if (phase === 'Succeeded' || phase === 'Failed') return this.finish()
    }
    const now = this.now()
    for (const c of this.initContainers) refreshFlags(c)
    const decision = nextAction({
      initContainers: this.initContainers,
      containers: this.containers,
      initialized: this.initialized,
      due: (c) => c.state !== 'running' && !c.stopping && c.blockedUntil <= now && this.wantsStart(c),
    })
    if (decision.initialized !== this.initialized) {
      this.initialized = decision.initialized
      this.markDirty()
    }
    const c = decision.start
    if (!c) return this.markDirty()
    this.busyWith = c
    ensureImage(this, c, (image) => this.create(c, image))
  }

  /** Every app container has exited and will not be restarted (a Job's pod is done). */
  private appsDone(): boolean {
    return this.containers.every((c) => c.state === 'terminated' && !this.shouldRestart(c))
  }

  private wantsStart(c: ContainerRun): boolean {
    if (c.state === 'waiting' && !c.last) return true
    return this.shouldRestart(c)
  }

  /** kube: sidecars always restart; init containers on failure unless Never; others by restartPolicy. */
  private shouldRestart(c: ContainerRun): boolean {
    if (c.sidecar) return true
    const policy = this.pod.spec?.restartPolicy ?? 'Always'
    const exit = lastExit(c)
    if (c.init) return policy !== 'Never' && exit !== 0
    return policy === 'Always' || (policy === 'OnFailure' && exit !== 0)
  }

  private create(c: ContainerRun, image: FoundImage): void {
    // kube: generateContainerConfig — env and `$(VAR)` in command/args, before the runtime creates it.
    const config = containerConfig(this.pod, c.spec, this.facts(), dataSource(this.host.ctx))
    if (!config.ok) {
      this.host.record(this.pod, 'Warning', 'Failed', `Error: ${config.error}`, c.name)
      const retry = this.now() + this.between(CONFIG_ERROR_RETRY_MS)
      this.wait(c, 'CreateContainerConfigError', config.error, retry)
      return this.afterFor(c, retry - this.now(), () => this.next())
    }
    c.env = config.env
    c.runSpec = { ...c.spec, command: config.command, args: config.args }
    this.afterFor(c, this.between(CONTAINER_CREATE_MS), () => {
      if (c.state === 'terminated') this.archive(c)
      // kube: a new instance of a container that ran before is a restart.
      if (c.containerID) c.restartCount++
      c.containerID = `containerd://${this.hex64()}`
      c.image = image.ref.normalized
      c.imageID = image.imageID
      // kube v1.35 (#134043): the container is named by the event's fieldPath, not the message.
      this.host.record(this.pod, 'Normal', 'Created', 'Container created', c.name)
      this.afterFor(c, this.between(CONTAINER_START_MS), () => this.started(c, image))
    })
  }

  private started(c: ContainerRun, image: FoundImage): void {
    this.host.record(this.pod, 'Normal', 'Started', 'Container started', c.name)
    Object.assign(c, {
      state: 'running', reason: undefined, message: undefined, exitCode: undefined, finishedAt: undefined,
      startedAt: this.now(), fs: undefined, memoryBytes: 0, stopping: false,
      startupOk: !c.spec.startupProbe, readinessOk: !c.spec.readinessProbe,
    })
    c.program = programFor(c.runSpec ?? c.spec, image)
    if (c.logs) c.previousLogs = c.logs
    c.logs = new LogBuffer()
    c.steps = c.program.steps(this.runtime.context(c))
    startProbes(this, c, this.startTime ?? this.now())
    this.markDirty()
    this.runtime.advance(c)
    const hook = c.spec.lifecycle?.postStart
    if (!hook || c.state !== 'running') {
      this.releaseBusy(c)
      return this.next()
    }
    // kube: the pod worker waits for the postStart hook before starting the next container.
    this.runtime.runHook(c, hook, this.graceMs(), (error) => {
      this.releaseBusy(c)
      if (error && c.state === 'running') {
        this.host.record(this.pod, 'Warning', 'FailedPostStartHook', error, c.name)
        this.killContainer(c, `FailedPostStartHook`, this.graceMs())
      }
      this.next()
    })
  }

  /** The terminated run becomes lastState; its id stays until a new instance is created. */
  private archive(c: ContainerRun): void {
    c.last = { exitCode: c.exitCode ?? 0, reason: c.reason ?? 'Completed', startedAt: c.startedAt, finishedAt: c.finishedAt ?? this.now(), containerID: c.containerID }
    c.state = 'waiting'
    c.exitCode = undefined
    c.finishedAt = undefined
  }

  private releaseBusy(c: ContainerRun): void {
    if (this.busyWith === c) this.busyWith = undefined
  }

  private killContainer(c: ContainerRun, message: string, graceMs: number): void {
    this.host.record(this.pod, 'Normal', 'Killing', message, c.name)
    this.markDirty()
    this.runtime.kill(c, graceMs, (error) => this.host.record(this.pod, 'Warning', 'FailedPreStopHook', error, c.name))
  }

  /** The process of `c` ended (exit, OOM kill, signal). */
  exited(c: ContainerRun, code: number, reason: string): void {
    if (c.state !== 'running') return
    c.state = 'terminated'
    c.exitCode = code
    c.reason = reason
    c.finishedAt = this.now()
    c.steps = undefined
    c.stopping = false
    c.epoch++
    this.releaseBusy(c)
    if (this.terminating) return this.terminationProgress()
    this.markDirty()
    if (!this.shouldRestart(c)) return this.next()
    // kube: the first restart is immediate; later ones wait the back-off, 10 s doubling to 5 min,
    // forgotten after a run of 10 minutes. The next sync (PLEG) decides.
    if (c.finishedAt - (c.startedAt ?? 0) >= CRASH_LOOP_RESET_AFTER_MS) c.crashBackoffMs = 0
    c.blockedUntil = Infinity
    this.afterFor(c, this.between(RESYNC_MS), () => {
      if (c.crashBackoffMs === 0) {
        c.crashBackoffMs = CRASH_LOOP_INITIAL_BACKOFF_MS
        c.blockedUntil = 0
        return this.next()
      }
      const backoff = c.crashBackoffMs
      const until = c.finishedAt! + backoff
      const pod = this.pod.metadata!
      const podRef = `${pod.name}_${pod.namespace}(${pod.uid})`
      this.host.record(this.pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef}`, c.name)
      c.crashBackoffMs = Math.min(backoff * 2, CRASH_LOOP_MAX_BACKOFF_MS)
      this.wait(c, 'CrashLoopBackOff', `back-off ${formatGoDuration(backoff)} restarting failed container=${c.name} pod=${podRef}`, until)
      this.afterFor(c, until - this.now(), () => this.next())
    })
    this.next()
  }

  /** The container waits (ErrImagePull, CrashLoopBackOff…) until `until`; the sync moves on. */
  wait(c: ContainerRun, reason: string, message: string, until: number): void {
    if (c.state === 'terminated') this.archive(c)
    c.state = 'waiting'
    c.reason = reason
    c.message = message
    c.blockedUntil = until
    this.releaseBusy(c)
    this.markDirty()
    this.next()
  }

  private imageChanged(c: ContainerRun, spec: Container): void {
    c.epoch++
    if (c.state === 'running') {
      this.host.record(this.pod, 'Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`, c.name)
      c.state = 'terminated'
      c.exitCode = 0
      c.reason = 'Completed'
      c.finishedAt = this.now()
    }
    c.spec = spec
    c.pullBackoffMs = 0
    c.blockedUntil = 0
    c.stopping = false
    if (c.state === 'terminated') this.archive(c)
    c.state = 'waiting'
    c.reason = undefined
    c.message = undefined
    c.image = spec.image ?? ''
    c.imageID = ''
    this.releaseBusy(c)
    this.markDirty()
    this.next()
  }

  /** The pod reached Succeeded or Failed: its sandbox goes away. */
  private finish(): void {
    this.sandboxReady = false
    this.markDirty()
  }

  private remove(): void {
    const meta = this.pod.metadata!
    try {
      this.host.ctx.api.delete('Pod', meta.namespace, meta.name!, { actor: this.host.actor }, { gracePeriodSeconds: 0, uid: meta.uid })
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }

  // ---- probes (ProberHost) ------------------------------------------------------------------

  target(c: ContainerRun): ProbeTarget {
    return {
      podIP: this.podIP ?? '',
      container: c.spec,
      exec: (argv, timeoutMs) => this.runtime.exec(c, argv, timeoutMs),
      http: (port, path) => this.runtime.http(port, path),
      listens: (port) => this.runtime.listens(port),
    }
  }

  unhealthy(c: ContainerRun, type: ProbeType, output: string): void {
    // kube: prober.go records every failed probe; the output loses its trailing newline.
    this.host.record(this.pod, 'Warning', 'Unhealthy', `${type} probe failed: ${output.replace(/\n+$/, '')}`, c.name)
  }

  result(c: ContainerRun, type: ProbeType, ok: boolean): void {
    if (type === 'Readiness') c.readinessOk = ok
    else if (type === 'Startup' && ok) c.startupOk = true
    else {
      // kube: computePodActions kills a container that failed its liveness or startup probe.
      const probe = type === 'Liveness' ? c.spec.livenessProbe : c.spec.startupProbe
      const restart = (this.pod.spec?.restartPolicy ?? 'Always') !== 'Never'
      const message = `Container ${c.name} failed ${type.toLowerCase()} probe${restart ? ', will be restarted' : ''}`
      const graceS = probe?.terminationGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_S
      this.killContainer(c, message, graceS * 1000)
    }
    this.markDirty()
    this.next()
  }

  /** A request from the network to this pod's IP (the container network delivers it here). */
  serve(req: { port: number; path: string; host?: string }): ServedResponse | undefined {
    return this.sandboxReady ? this.runtime.serve(req) : undefined
  }

  /** A container answered a request that cost `cpuMs` of CPU: the kubelet's usage counters (usage.ts). */
  requestServed(c: ContainerRun, cpuMs: number): void {
    this.host.usage?.served(c, cpuMs)
  }

  /**
   * Cluster DNS through the pod's resolv.conf (network/dns.ts); before the network runs, Service
   * names only: `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local` → the cluster IP.
   */
  resolve(name: string): string | undefined {
    const ns = this.pod.metadata!.namespace ?? 'default'
    const net = this.host.network
    if (net) return net.lookup(name, ns)?.addresses[0]?.ip
    const parts = name.replace(/\.$/, '').split('.')
    const fq = parts.length >= 3 && parts[2] === 'svc'
    if (parts.length > 2 && !fq) return undefined
    const svc = this.host.ctx.informers.for<Service>('Service').get(parts[1] ?? ns, parts[0])
    const ip = svc?.spec?.clusterIP
    return ip && ip !== 'None' ? ip : undefined
  }

  hasNetwork(): boolean {
    return this.host.network !== undefined
  }

  /** DNS answers in full, for nslookup. */
  lookup(name: string): DnsAnswer | undefined {
    return this.host.network?.lookup(name, this.pod.metadata!.namespace ?? 'default')
  }

  /** An HTTP GET from this pod's network namespace (wget, curl); undefined without a network. */
  request(url: string, options?: RequestOptions): NetResponse | undefined {
    const meta = this.pod.metadata!
    return this.host.network?.request({ pod: { namespace: meta.namespace ?? 'default', name: meta.name! } }, url, options)
  }

  /** Runs argv in container `name` at once, as `kubectl exec` does (see ContainerRuntime.exec). */
  exec(name: string, argv: string[], timeoutMs: number): ExecResult | undefined {
    const c = this.container(name)
    return c ? this.runtime.exec(c, argv, timeoutMs) : undefined
  }

  // ---- status -------------------------------------------------------------------------------

  private phase() {
    return podPhase({ pod: this.pod, initContainers: this.initContainers, containers: this.containers, initialized: this.initialized })
  }

  markDirty(): void {
    if (this.flushScheduled || this.terminating) return
    this.flushScheduled = true
    const epoch = this.epoch
    this.host.ctx.clock.schedule(0, () => {
      this.flushScheduled = false
      if (epoch === this.epoch && this.host.alive() && !this.terminating) this.flush()
    }, `kubelet/${this.host.nodeName}: status ${this.key}`)
  }

  private flush(): void {
    const clock = this.host.ctx.clock
    const spec = this.pod.spec!
    if (spec !== this.qosSpec) {
      this.qosSpec = spec
      this.qos = qosClass(spec)
    }
    for (const c of this.all) refreshFlags(c)
    const status = buildPodStatus({
      pod: this.pod, hostIP: this.host.hostIP, podIP: this.podIP, sandboxReady: this.sandboxReady,
      startTime: this.startTime, containers: this.containers, qosClass: this.qos,
      initContainers: this.initContainers, initialized: this.initialized,
    }, this.stamp, clock.now())
    // Unchanged since the last write: nothing to send (a patch of equal values would be a no-op
    // write anyway, whatever the key order).
    if (deepEqual(status, this.lastWritten)) return
    this.lastWritten = status
    const meta = this.pod.metadata!
    try {
      // A merge patch of the whole status: the kubelet owns it (kube: the status manager's patch).
      this.host.ctx.api.patch('Pod', meta.namespace, meta.name!, { status }, { actor: this.host.actor, handOver: true }, { subresource: 'status' })
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** What the downward API reads from the running pod. */
  private facts() {
    const ns = this.pod.metadata?.namespace ?? 'default'
    return {
      podIP: this.podIP ?? '', hostIP: this.host.hostIP, allocatable: nodeAllocatable(this.host.ctx, this.host.nodeName),
      services: () => linkableServices(this.host.ctx, ns),
    }
  }

  private graceMs(): number {
    return 1000 * (this.pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_S)
  }

  private after(ms: number, fn: () => void): void {
    const epoch = this.epoch
    this.host.ctx.clock.schedule(ms, () => {
      if (this.host.alive() && epoch === this.epoch) fn()
    }, `kubelet/${this.host.nodeName}: ${this.key}`)
  }

  afterFor(c: ContainerRun, ms: number, fn: () => void): void {
    const epoch = c.epoch
    this.after(ms, () => {
      if (epoch === c.epoch) fn()
    })
  }

  between([a, b]: [number, number]): number {
    return Math.round(this.host.ctx.clock.random.between(a, b))
  }

  private hex64(): string {
    const r = this.host.ctx.clock.random
    let s = ''
    for (let i = 0; i < 8; i++) s += r.int(0x1_0000_0000).toString(16).padStart(8, '0')
    return s
  }

  now(): number {
    return this.host.ctx.clock.now()
  }

  private parseTime(t: string | undefined): number | undefined {
    return t ? Date.parse(t) : undefined
  }
}
