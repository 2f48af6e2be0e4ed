/**
 * One pod on one kubelet (kube: the pod worker and kuberuntime's SyncPod): create the sandbox,
 * then for each container in turn ensure its image, create and start it; play its program; restart
 * it by restartPolicy with back-off; stop everything when the pod is deleted. Every status change
 * is written to the API by the kubelet, as the kubelet's status manager does.
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1'
import type { Program, Step } from '../images'
import { lookupImage, programFor, type ImageLookup } from '../images'
import { isNotFound } from '../apiserver/types'
import {
  CONTAINER_CREATE_MS, CONTAINER_START_MS, CRASH_LOOP_INITIAL_BACKOFF_MS, CRASH_LOOP_MAX_BACKOFF_MS,
  CRASH_LOOP_RESET_AFTER_MS, IMAGE_PULL_INITIAL_BACKOFF_MS, IMAGE_PULL_MAX_BACKOFF_MS, RESYNC_MS, SANDBOX_CREATE_MS,
} from './constants'
import { LogBuffer } from './container-logs'
import { formatGoDuration } from './durations'
import type { ImageStore } from './image-store'
import { buildPodStatus, podPhase, type ContainerView } from './pod-status'
import type { ComponentContext } from '../component'

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
  record(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, container?: string): void
  /** RFC 3339 at second precision (memoized: status writes format the same seconds again and again). */
  timestamp(ms: number): string
}

interface ContainerRun extends ContainerView {
  spec: Container
  program?: Program
  steps?: Iterator<Step>
  logs?: LogBuffer
  previousLogs?: LogBuffer
  /** Next crash-loop back-off; 0 when the container has no back-off entry. */
  crashBackoffMs: number
  pullBackoffMs: number
  /** The container may not be started before this time (back-off), or never (Infinity). */
  blockedUntil: number
  /** Bumped to invalidate this container's pending timers. */
  epoch: number
}

export class PodWorker {
  readonly uid: string
  readonly containers: ContainerRun[]
  pod: Pod
  private sandboxReady = false
  private podIP?: string
  private startTime?: number
  private terminating = false
  /** The container being started: SyncPod starts one container at a time. */
  private busyWith?: ContainerRun
  private epoch = 0
  private flushScheduled = false
  private lastWritten = ''

  constructor(private readonly host: KubeletHost, pod: Pod, private readonly rebooted = false) {
    this.pod = pod
    this.uid = pod.metadata!.uid!
    this.containers = pod.spec!.containers.map((spec) => this.fromStatus(spec, pod.status?.containerStatuses?.find((s) => s.name === spec.name)))
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
    this.after(this.between(SANDBOX_CREATE_MS), () => {
      this.podIP = this.host.allocateIP()
      this.sandboxReady = true
      this.next()
    })
  }

  /** A newer version of the pod from the informer. */
  update(pod: Pod): void {
    const old = this.pod
    this.pod = pod
    if (pod.metadata?.deletionTimestamp) return this.terminate()
    if (this.terminating) return
    pod.spec!.containers.forEach((spec, i) => {
      const c = this.containers[i]
      if (c && spec.image !== old.spec!.containers[i]?.image) this.imageChanged(c, spec)
    })
  }

  /** The pod has a deletionTimestamp: stop its containers, then remove it for good. */
  terminate(): void {
    if (this.terminating) return
    this.terminating = true
    this.epoch++
    const meta = this.pod.metadata!
    const graceMs = 1000 * (meta.deletionGracePeriodSeconds ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30)
    let waitMs = 0
    for (const c of this.containers) {
      if (c.state !== 'running') continue
      this.host.record(this.pod, 'Normal', 'Killing', `Stopping container ${c.name}`, c.name)
      const stop = c.program?.stopAfterSigterm(this.host.ctx.clock.random)
      waitMs = Math.max(waitMs, stop === undefined ? graceMs : Math.min(stop, graceMs))
    }
    this.after(waitMs, () => this.remove(), true)
  }

  /** The node went down: every process is gone and nothing more is reported. */
  kill(): void {
    this.epoch++
    this.terminating = true
    for (const c of this.containers) c.epoch++
  }

  /** Called when the pod is gone from the API. */
  release(): void {
    this.kill()
    if (this.podIP) this.host.releaseIP(this.podIP)
    this.podIP = undefined
  }

  logs(container: string, previous: boolean): LogBuffer | undefined {
    const c = this.containers.find((x) => x.name === container)
    return previous ? c?.previousLogs : c?.logs
  }

  container(name: string): ContainerRun | undefined {
    return this.containers.find((x) => x.name === name)
  }

  // ---- the sync loop ------------------------------------------------------------------------

  /** Starts the first container that is due, one at a time, as SyncPod does. */
  private next(): void {
    if (this.busyWith || this.terminating || !this.sandboxReady) return
    if (this.phase() === 'Succeeded' || this.phase() === 'Failed') return this.finish()
    const now = this.now()
    const c = this.containers.find((x) => x.state !== 'running' && x.blockedUntil <= now && this.wantsStart(x))
    if (!c) return this.markDirty()
    this.busyWith = c
    this.ensureImage(c)
  }

  private wantsStart(c: ContainerRun): boolean {
    if (c.state === 'waiting') return true
    return this.shouldRestart(c)
  }

  private shouldRestart(c: ContainerRun): boolean {
    const policy = this.pod.spec?.restartPolicy ?? 'Always'
    const exit = c.state === 'terminated' ? c.exitCode : c.last?.exitCode
    return policy === 'Always' || (policy === 'OnFailure' && exit !== 0)
  }

  private ensureImage(c: ContainerRun): void {
    const image = c.spec.image ?? ''
    const lookup = lookupImage(image)
    if (!lookup.found && lookup.reason === 'InvalidImageName') {
      const message = `Failed to apply default image tag "${image}": ${lookup.message}`
      this.host.record(this.pod, 'Warning', 'InspectFailed', message, c.name)
      this.host.record(this.pod, 'Warning', 'Failed', 'Error: InvalidImageName', c.name)
      return this.wait(c, 'InvalidImageName', message, Infinity)
    }
    const policy = c.spec.imagePullPolicy ?? 'IfNotPresent'
    const present = lookup.found && this.host.images.has(lookup.ref.normalized)
    if (present && policy !== 'Always') {
      // kube v1.33+ (KubeletEnsureSecretPulledImages on by default) words it this way.
      this.host.record(this.pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine and can be accessed by the pod`, c.name)
      return this.create(c, lookup as Extract<ImageLookup, { found: true }>)
    }
    if (policy === 'Never') {
      const message = `Container image "${image}" is not present with pull policy of Never`
      this.host.record(this.pod, 'Warning', 'ErrImageNeverPull', message, c.name)
      this.host.record(this.pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', c.name)
      return this.wait(c, 'ErrImageNeverPull', message, Infinity)
    }
    this.pull(c, image, lookup)
  }

  private pull(c: ContainerRun, image: string, lookup: ImageLookup): void {
    const askedAt = this.now()
    this.host.record(this.pod, 'Normal', 'Pulling', `Pulling image "${image}"`, c.name)
    this.markDirty()
    const random = this.host.ctx.clock.random
    if (!lookup.found) {
      const plan = this.host.images.planFailure(askedAt, random)
      return this.afterFor(c, plan.doneAt - askedAt, () => this.pullFailed(c, image, lookup.message))
    }
    const stored = { normalized: lookup.ref.normalized, imageID: lookup.imageID, sizeBytes: lookup.sizeBytes }
    const plan = this.host.images.plan(stored, askedAt, random)
    this.afterFor(c, plan.doneAt - askedAt, () => {
      this.host.images.add(stored)
      c.pullBackoffMs = 0
      const total = formatGoDuration(this.now() - askedAt)
      this.host.record(this.pod, 'Normal', 'Pulled',
        `Successfully pulled image "${image}" in ${formatGoDuration(plan.pullMs)} (${total} including waiting). Image size: ${lookup.sizeBytes} bytes.`, c.name)
      this.create(c, lookup)
    })
  }

  /** kube: ErrImagePull now, ImagePullBackOff at the next sync, another pull when the back-off ends. */
  private pullFailed(c: ContainerRun, image: string, message: string): void {
    this.host.record(this.pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${message}`, c.name)
    this.host.record(this.pod, 'Warning', 'Failed', 'Error: ErrImagePull', c.name)
    const backoff = c.pullBackoffMs ? Math.min(c.pullBackoffMs * 2, IMAGE_PULL_MAX_BACKOFF_MS) : IMAGE_PULL_INITIAL_BACKOFF_MS
    c.pullBackoffMs = backoff
    const failedAt = this.now()
    this.wait(c, 'ErrImagePull', message, failedAt + backoff)
    this.afterFor(c, this.between(RESYNC_MS), () => {
      this.host.record(this.pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, c.name)
      this.host.record(this.pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', c.name)
      c.reason = 'ImagePullBackOff'
      c.message = `Back-off pulling image "${image}": ErrImagePull: ${message}`
      this.markDirty()
    })
    this.afterFor(c, backoff, () => this.next())
  }

  private create(c: ContainerRun, lookup: Extract<ImageLookup, { found: true }>): void {
    this.afterFor(c, this.between(CONTAINER_CREATE_MS), () => {
      if (c.state === 'terminated') this.archive(c)
      // kube: a new instance of a container that ran before is a restart.
      if (c.containerID) c.restartCount++
      c.containerID = `containerd://${this.hex64()}`
      c.image = lookup.ref.normalized
      c.imageID = lookup.imageID
      // kube v1.35 (#134043): the container is named by the event's fieldPath, not the message.
      this.host.record(this.pod, 'Normal', 'Created', 'Container created', c.name)
      this.afterFor(c, this.between(CONTAINER_START_MS), () => {
        this.host.record(this.pod, 'Normal', 'Started', 'Container started', c.name)
        c.state = 'running'
        c.reason = undefined
        c.message = undefined
        c.exitCode = undefined
        c.finishedAt = undefined
        c.startedAt = this.now()
        c.program = programFor(c.spec, lookup)
        if (c.logs) c.previousLogs = c.logs
        c.logs = new LogBuffer()
        c.steps = c.program.steps({
          now: () => this.now(),
          env: Object.fromEntries((c.spec.env ?? []).map((e) => [e.name, e.value ?? ''])),
          hostname: this.pod.metadata!.name!,
          podIP: this.podIP ?? '',
        })
        this.releaseBusy(c)
        this.markDirty()
        this.advance(c)
        this.next()
      })
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

  /** Plays the container's program until it sleeps, runs forever, or exits. */
  private advance(c: ContainerRun): void {
    for (;;) {
      const r = c.steps!.next()
      if (r.done) return
      const step = r.value
      if (step.kind === 'log') c.logs!.append(this.now(), step.line)
      else if (step.kind === 'sleep') {
        if (step.ms !== Infinity) this.afterFor(c, step.ms, () => this.advance(c))
        return
      } else return this.exited(c, step.code)
    }
  }

  private exited(c: ContainerRun, code: number): void {
    c.state = 'terminated'
    c.exitCode = code
    c.reason = code === 0 ? 'Completed' : 'Error'
    c.finishedAt = this.now()
    c.steps = undefined
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
  private wait(c: ContainerRun, reason: string, message: string, until: number): void {
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

  // ---- status -------------------------------------------------------------------------------

  private phase() {
    return podPhase(this.pod, this.containers)
  }

  private markDirty(): void {
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
    const status = buildPodStatus({
      pod: this.pod, hostIP: this.host.hostIP, podIP: this.podIP, sandboxReady: this.sandboxReady,
      startTime: this.startTime, containers: this.containers,
    }, (ms) => this.host.timestamp(ms), clock.now())
    const text = JSON.stringify(status)
    if (text === this.lastWritten) return
    this.lastWritten = text
    const meta = this.pod.metadata!
    try {
      // A merge patch of the whole status: the kubelet owns it (kube: the status manager's patch).
      this.host.ctx.api.patch('Pod', meta.namespace, meta.name!, { status }, { actor: this.host.actor }, { subresource: 'status' })
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private fromStatus(spec: Container, s: ContainerStatus | undefined): ContainerRun {
    const c: ContainerRun = {
      spec, name: spec.name, state: 'waiting', image: spec.image ?? '', imageID: '', restartCount: s?.restartCount ?? 0,
      crashBackoffMs: 0, pullBackoffMs: 0, blockedUntil: 0, epoch: 0,
    }
    if (!this.rebooted || !s) return c
    // After a reboot the runtime has lost every container: a running one died with the node
    // (containerd reports exit code 255, reason Unknown), and the kubelet's back-off is forgotten.
    const t = s.state?.terminated ?? s.lastState?.terminated
    if (s.state?.running) {
      c.last = { exitCode: 255, reason: 'Unknown', startedAt: this.parseTime(s.state.running.startedAt), finishedAt: this.now(), containerID: s.containerID }
    } else if (t) {
      c.last = { exitCode: t.exitCode, reason: t.reason ?? 'Error', startedAt: this.parseTime(t.startedAt), finishedAt: this.parseTime(t.finishedAt) ?? this.now(), containerID: t.containerID }
    }
    c.containerID = c.last?.containerID
    if (c.last && !this.shouldRestart(c)) {
      Object.assign(c, { state: 'terminated', exitCode: c.last.exitCode, reason: c.last.reason, startedAt: c.last.startedAt, finishedAt: c.last.finishedAt })
      c.last = undefined
    }
    return c
  }

  private after(ms: number, fn: () => void, evenIfTerminating = false): void {
    const epoch = this.epoch
    this.host.ctx.clock.schedule(ms, () => {
      if (!this.host.alive()) return
      if (evenIfTerminating ? epoch !== this.epoch : epoch !== this.epoch || this.terminating) return
      fn()
    }, `kubelet/${this.host.nodeName}: ${this.key}`)
  }

  private afterFor(c: ContainerRun, ms: number, fn: () => void): void {
    const epoch = c.epoch
    this.after(ms, () => {
      if (epoch === c.epoch) fn()
    })
  }

  private between([a, b]: [number, number]): number {
    return Math.round(this.host.ctx.clock.random.between(a, b))
  }

  private hex64(): string {
    const r = this.host.ctx.clock.random
    let s = ''
    for (let i = 0; i < 8; i++) s += r.int(0x1_0000_0000).toString(16).padStart(8, '0')
    return s
  }

  private now(): number {
    return this.host.ctx.clock.now()
  }

  private parseTime(t: string | undefined): number | undefined {
    return t ? Date.parse(t) : undefined
  }
}
