/**
 * The Web Worker host: the only file that touches the Worker global.
 *
 * It owns one simulated cluster, runs its virtual clock against wall time at the chosen speed,
 * streams object changes to the UI as at most one coalesced `diff` per frame, and answers every
 * Command with exactly one `reply`. A failing command never takes the worker down.
 */
import { createCoreCluster, type RunningCoreCluster } from './cluster/cluster-core'
import type { KubeConfig, KubectlOptions } from './cluster/kubectl/index'
import type { KubeObject, WatchEvent } from './cluster/apiserver/types'
import {
  PROTOCOL_VERSION,
  type ClockState,
  type Command,
  type CommandResult,
  type CronNext,
  type MachinesState,
  type NodeAction,
  type ObjectRef,
  type WorkerMessage,
} from './protocol/messages'
import { parseSchedule } from './cluster/controllers/cronjob/schedule'
import { TrafficRelay, asNetwork } from './worker-traffic'
import { StreamRelay, type WatchGet } from './worker-streams'
import { startSession } from './worker-exec'
import { fileOptions } from './worker-files'
import type { CronJob } from 'kubernetes-types/batch/v1'

type Cluster = RunningCoreCluster
type Kubectl = typeof import('./cluster/kubectl/index')
type Extras = typeof import('./cluster/cluster-extras')
interface Later { kubectl: Kubectl; extras: Extras }

/**
 * What is not needed to put the cluster on screen loads as separate chunks right after `hello`:
 * kubectl (commands, printers, describe, YAML: the largest part) and the controllers for the less
 * common kinds (cluster-extras.ts). This keeps the first-load budget (DESIGN.md) for what must be there.
 */
const loadLater = (): Promise<Later> =>
  Promise.all([import('./cluster/kubectl/index'), import('./cluster/cluster-extras')]).then(([kubectl, extras]) => ({ kubectl, extras }))

const FRAME_MS = 16
/** When nothing changed but time moved, the clock display needs no more than this. */
const CLOCK_ONLY_INTERVAL_MS = 100
/** After a stall (tab in background), don't try to catch up more than this much wall time. */
const MAX_WALL_STEP_MS = 250
const MIN_SPEED = 0.5
const MAX_SPEED = 100

/** Coalesces watch events between two flushes: one entry per uid, in first-seen order. */
export class DiffBuffer {
  private entries = new Map<string, { op: 'added' | 'updated' | 'removed'; object: KubeObject }>()

  push(event: WatchEvent): void {
    const uid = event.object.metadata?.uid
    if (!uid) return
    const prev = this.entries.get(uid)
    if (event.type === 'ADDED') {
      this.entries.set(uid, { op: prev?.op === 'removed' ? 'updated' : 'added', object: event.object })
    } else if (event.type === 'MODIFIED') {
      this.entries.set(uid, { op: prev?.op === 'added' ? 'added' : 'updated', object: event.object })
    } else if (prev?.op === 'added') {
      // Born and gone within one frame: the UI never needs to know.
      this.entries.delete(uid)
    } else {
      this.entries.set(uid, { op: 'removed', object: event.object })
    }
  }

  get size(): number {
    return this.entries.size
  }

  drain(): { added: KubeObject[]; updated: KubeObject[]; removed: ObjectRef[] } {
    const added: KubeObject[] = []
    const updated: KubeObject[] = []
    const removed: ObjectRef[] = []
    for (const [uid, { op, object }] of this.entries) {
      if (op === 'added') added.push(object)
      else if (op === 'updated') updated.push(object)
      else removed.push({ kind: object.kind ?? '', namespace: object.metadata?.namespace, name: object.metadata?.name ?? '', uid })
    }
    this.entries.clear()
    return { added, updated, removed }
  }
}

class Host {
  private cluster: Cluster
  private buffer = new DiffBuffer()
  private paused = false
  private speed = 1
  private carry = 0
  private lastWall = performance.now()
  private lastSent = 0
  private lastClockSent = 0
  private clockDirty = true
  /** Set by node commands: only they power machines off or on, so only then is the state re-read. */
  private machinesDirty = false
  /** The machines' power state last sent to the UI (a key to compare). */
  private machinesSent = ''
  /** kubectl, once its chunk has loaded; commands that arrive earlier wait for `ready`. */
  private kubectl: Kubectl | undefined
  private ready: Promise<void> | undefined
  /** The console's kubeconfig: `kubectl config set-context` holds for the session. */
  private kubeconfig: KubeConfig | undefined
  /** Traffic generators and kube-proxy's rules, once the network (in the extras chunk) runs. */
  private traffic = new TrafficRelay()
  /** The terminal's running watches. */
  private streams = new StreamRelay()

  constructor(private readonly post: (msg: WorkerMessage) => void) {
    this.cluster = createCoreCluster({ seed: 1 })
    this.cluster.api.watch('*', (e) => this.buffer.push(e))
    this.settle()
    this.buffer.drain()
    const objects = this.allObjects()
    this.post({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      revision: this.cluster.api.revision(),
      objects,
      clock: this.clockState(),
      machines: this.machines(),
      cronNext: cronNextRuns(objects, this.cluster.clock.now()),
    })
    this.machinesSent = this.machines().poweredOff.join(',')
    this.lastSent = performance.now()
    this.tick()
    // Load the rest now, not on the first command, so the first Apply does not pay for it; then
    // rehearse the learner's first steps on a scratch cluster.
    this.ready = loadLater().then((later) => {
      const running = later.extras.startExtraControllers(this.cluster)
      this.traffic.attach(asNetwork(running) ?? asNetwork(this.cluster))
      this.kubeconfig = new later.kubectl.KubeConfig()
      this.kubectl = later.kubectl
      setTimeout(() => warmUp(later), 0)
    })
  }

  /** Answers a command; one that arrives before kubectl has loaded waits for it, in arrival order. */
  handle(cmd: Command): void {
    if (this.kubectl || !this.ready) {
      this.answer(cmd)
      return
    }
    this.ready.then(
      () => this.answer(cmd),
      (e: unknown) => this.post({ type: 'reply', id: cmd.id, ok: false, error: `the cluster failed to load: ${describeError(e)}` }),
    )
  }

  private answer(cmd: Command): void {
    try {
      const result = this.run(cmd)
      this.settle()
      // What the command changed goes out now, before its reply, not at the next frame boundary:
      // the learner is looking for it (Apply → pods on screen), and the reply finds the mirror current.
      this.flush(true)
      this.post({ type: 'reply', id: cmd.id, ok: true, result })
    } catch (e) {
      this.flush(true)
      this.post({ type: 'reply', id: cmd.id, ok: false, error: describeError(e) })
    }
  }

  private runKubectl(line: string, opts?: KubectlOptions): CommandResult {
    if (!this.kubectl) throw new Error('kubectl is not loaded')
    return { kind: 'kubectl', result: this.kubectl.runKubectl(this.cluster, line, { portForwards: this.portForwards, ...opts }) }
  }

  /** `kubectl port-forward` opens localhost:PORT for the traffic view (Send traffic to http://localhost:8080). */
  private readonly portForwards: NonNullable<KubectlOptions['portForwards']> = {
    add: (f) => asNetwork(this.cluster)?.addPortForward?.(f),
  }

  private run(cmd: Command): CommandResult {
    switch (cmd.type) {
      case 'apply':
        return this.runKubectl('apply -f -', { stdin: cmd.text, waitForDeletion: false, kubeconfig: this.kubeconfig })
      case 'kubectl':
        return this.runKubectl(stripKubectl(cmd.line), { stdin: cmd.stdin, waitForDeletion: false, kubeconfig: this.kubeconfig, readExample })
      case 'delete': {
        const info = this.cluster.api.resolveKind(cmd.kind)
        const namespace = info?.namespaced ? (cmd.namespace ?? 'default') : undefined
        this.cluster.api.delete(info?.kind ?? cmd.kind, namespace, cmd.name, { actor: 'kubectl' })
        return { kind: 'ok', message: `${cmd.kind.toLowerCase()} "${cmd.name}" deleted` }
      }
      case 'node':
        return this.nodeCommand(cmd.action, cmd.name)
      case 'addNode': {
        const taken = new Set(this.cluster.nodes.names())
        let n = 1
        while (taken.has(`node-${n}`)) n++
        // The default machine size of the cluster's own nodes (4 CPU, 8Gi, 110 pods).
        this.cluster.nodes.addNode({ name: `node-${n}` })
        this.machinesDirty = true
        return { kind: 'ok', message: `node node-${n} added` }
      }
      case 'clock':
        return { kind: 'ok', message: this.clockCommand(cmd.action, cmd.value) }
      case 'explain':
        return { kind: 'explain', decision: this.cluster.scheduler.lastDecision(cmd.podUid) }
      case 'traffic':
        return { kind: 'ok', message: cmd.action === 'start' ? this.traffic.start(cmd.name, cmd.url, cmd.rps) : this.traffic.stop(cmd.name) }
      case 'serviceRules':
        return { kind: 'serviceRules', rules: this.traffic.rules(cmd.namespace, cmd.name), available: this.traffic.available }
      case 'watch': {
        const line = stripKubectl(cmd.line)
        // The terminal has an editor (the YAML tab, `kubectl edit`), a stdin (heredocs) and files.
        const opts: KubectlOptions = {
          waitForDeletion: false, kubeconfig: this.kubeconfig, readExample, editor: true, stdin: cmd.stdin, portForwards: this.portForwards,
          ...fileOptions(cmd.files ?? {}, { read: readExample, list: exampleIndex }),
        }
        const k = this.kubectl
        const stream: WatchGet<Cluster, KubectlOptions> | undefined = k && ((host, l, o, emit, end) => k.watchGet(host, l, o, emit) ?? k.followLogs(host, l, o, emit, end) ?? k.followRollout(host, l, o, emit, end))
        if (this.streams.start(cmd.stream, stream, this.cluster, line, opts)) return { kind: 'stream', stream: cmd.stream }
        return this.runKubectl(line, opts)
      }
      case 'execSession': {
        if (!this.kubectl) throw new Error('kubectl is not loaded')
        const started = startSession(this.kubectl.runKubectl, this.cluster, cmd.line, { waitForDeletion: false, kubeconfig: this.kubeconfig })
        if (!started) return this.runKubectl(stripKubectl(cmd.line), { waitForDeletion: false, kubeconfig: this.kubeconfig })
        return started.session ? { kind: 'session', session: started.session, result: started.result } : { kind: 'kubectl', result: started.result }
      }
      case 'editSave': {
        if (!this.kubectl) throw new Error('kubectl is not loaded')
        return { kind: 'kubectl', result: this.kubectl.applyEdit(this.cluster, { kubeconfig: this.kubeconfig }, cmd.ref, cmd.text) }
      }
      case 'stopWatch':
        return { kind: 'ok', message: this.streams.stop(cmd.stream) ? 'stopped' : 'not running' }
      case 'complete': {
        if (!this.kubectl) throw new Error('kubectl is not loaded')
        const { replaceFrom, candidates } = this.kubectl.complete(this.cluster, cmd.line, cmd.cursor, { kubeconfig: this.kubeconfig })
        return { kind: 'complete', replaceFrom, candidates }
      }
      default:
        throw new Error(`unknown command ${(cmd as { type?: string }).type}`)
    }
  }

  private nodeCommand(action: NodeAction, name: string): CommandResult {
    const nodes = this.cluster.nodes
    this.machinesDirty = true
    switch (action) {
      case 'kill':
        nodes.kill(name)
        return { kind: 'ok', message: `node ${name} powered off` }
      case 'restore':
        nodes.restore(name)
        return { kind: 'ok', message: `node ${name} restored` }
      case 'remove':
        nodes.removeNode(name)
        return { kind: 'ok', message: `node ${name} removed` }
      case 'cordon':
      case 'uncordon':
        return this.runKubectl(`${action} ${name}`)
      case 'drain':
        // Waiting for the evicted pods to go steps the virtual clock, as kubectl's own wait does.
        return this.runKubectl(`drain ${name} --ignore-daemonsets --delete-emptydir-data`)
      default:
        throw new Error(`unknown node action ${action as string}`)
    }
  }

  private clockCommand(action: 'pause' | 'play' | 'step' | 'speed' | 'jump', value?: number): string {
    const clock = this.cluster.clock
    this.clockDirty = true
    switch (action) {
      case 'pause':
        this.paused = true
        return 'paused'
      case 'play':
        this.paused = false
        this.lastWall = performance.now()
        return 'playing'
      case 'step': {
        this.paused = true
        const moved = clock.step()
        return moved ? `stepped to ${clock.timestamp()}` : 'nothing is scheduled'
      }
      case 'speed': {
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error('speed needs a number, e.g. 1 or 10')
        this.speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, value))
        return `speed ${this.speed}×`
      }
      case 'jump': {
        if (typeof value !== 'number' || !(value > 0)) throw new Error('jump needs a positive number of seconds')
        clock.advance(Math.round(value * 1000))
        return `jumped ${value} s to ${clock.timestamp()}`
      }
    }
  }

  private tick = (): void => {
    const wall = performance.now()
    const dt = Math.min(MAX_WALL_STEP_MS, wall - this.lastWall)
    this.lastWall = wall
    if (!this.paused) {
      this.carry += dt * this.speed
      const whole = Math.floor(this.carry)
      this.carry -= whole
      if (whole > 0) {
        try {
          this.cluster.clock.advance(whole)
        } catch (e) {
          console.warn('terrarium: a scheduled task failed:', describeError(e))
        }
      }
    }
    this.flush()
    setTimeout(this.tick, FRAME_MS)
  }

  private flush(force = false): void {
    const now = performance.now()
    if (!force && now - this.lastSent < FRAME_MS - 1) return
    const timeMoved = !this.paused && now - this.lastClockSent >= CLOCK_ONLY_INTERVAL_MS
    const machines = this.machinesChanged()
    const traffic = this.traffic.frame()
    for (const output of this.streams.drain()) this.post(output)
    if (this.buffer.size === 0 && !this.clockDirty && !timeMoved && !machines && !traffic) return
    const { added, updated, removed } = this.buffer.drain()
    const cronNext = this.cronNext(added, updated)
    this.post({ type: 'diff', revision: this.cluster.api.revision(), added, updated, removed, clock: this.clockState(), machines, cronNext, traffic })
    this.lastSent = now
    this.lastClockSent = now
    this.clockDirty = false
  }

  private cronNext(added: KubeObject[], updated: KubeObject[]): CronNext | undefined {
    if (!added.some(isCronJob) && !updated.some(isCronJob)) return undefined
    return cronNextRuns([...added, ...updated], this.cluster.clock.now())
  }

  private machines(): MachinesState {
    return { poweredOff: this.cluster.nodes.names().filter((n) => !this.cluster.nodes.isAlive(n)) }
  }

  private machinesChanged(): MachinesState | undefined {
    if (!this.machinesDirty) return undefined
    this.machinesDirty = false
    const state = this.machines()
    const key = state.poweredOff.join(',')
    if (key === this.machinesSent) return undefined
    this.machinesSent = key
    return state
  }

  private settle(): void {
    this.cluster.clock.settle()
  }

  private clockState(): ClockState {
    return { now: this.cluster.clock.now(), paused: this.paused, speed: this.speed }
  }

  private allObjects(): KubeObject[] {
    const out: KubeObject[] = []
    for (const info of this.cluster.api.kinds()) out.push(...this.cluster.api.list(info.kind))
    return out
  }
}

const WARM_UP_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: warm-up
spec:
  replicas: 3
  selector:
    matchLabels:
      app: warm-up
  template:
    metadata:
      labels:
        app: warm-up
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
`

/**
 * A fresh engine compiles code the first time it runs, which made the first Apply several times
 * slower than the next (≈100 ms of JIT in apply, the controllers and the scheduler). Running the
 * same paths once on a throwaway cluster moves that cost to idle time after start-up. The scratch
 * cluster has its own clock and random source, so the learner's cluster is untouched.
 */
function warmUp({ kubectl: { runKubectl }, extras }: Later): void {
  try {
    const scratch = extras.startExtraControllers(createCoreCluster({ seed: 2 }))
    runKubectl(scratch, 'apply -f -', { stdin: WARM_UP_MANIFEST, waitForDeletion: false })
    scratch.clock.settle()
    scratch.clock.advance(5_000)
    runKubectl(scratch, 'get pods', { waitForDeletion: false })
  } catch (e) {
    console.warn('terrarium: warm-up failed:', describeError(e))
  }
}

const isCronJob = (o: KubeObject): boolean => o.kind === 'CronJob'

/**
 * The next run of each CronJob, worked out here so the UI needs no cron parser. The schedule's
 * `next` is the CronJob controller's own (robfig/cron semantics, with the time zone).
 */
export function cronNextRuns(objects: KubeObject[], now: number): CronNext {
  const out: CronNext = {}
  for (const o of objects) {
    if (!isCronJob(o) || !o.metadata?.uid) continue
    const cj = o as CronJob
    out[o.metadata.uid] = cj.spec?.suspend ? null : nextRun(cj, now)
  }
  return out
}

function nextRun(cj: CronJob, now: number): number | null {
  try {
    return parseSchedule(cj.spec?.schedule ?? '', cj.spec?.timeZone ?? undefined).next(now) ?? null
  } catch {
    return null
  }
}

function stripKubectl(line: string): string {
  return line.trim().replace(/^(kubectl|k)(\s+|$)/, '')
}

function describeError(e: unknown): string {
  if (e instanceof Error) return e.message || e.name
  return String(e)
}

/** Starts the host when loaded as a Worker (importing this file elsewhere, e.g. in a test, does nothing). */
function main(): void {
  const scope = self as unknown as {
    postMessage(msg: WorkerMessage): void
    onmessage: ((ev: MessageEvent<Command>) => void) | null
  }
  let host: Host | undefined
  try {
    host = new Host((msg) => scope.postMessage(msg))
  } catch (e) {
    console.warn('terrarium: the cluster failed to start:', describeError(e))
  }
  scope.onmessage = (ev) => {
    const cmd = ev.data
    if (!host) {
      scope.postMessage({ type: 'reply', id: cmd?.id ?? -1, ok: false, error: 'The cluster failed to start; reload the page.' })
      return
    }
    host.handle(cmd)
  }
}

if (typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined') main()

/**
 * `kubectl apply -f https://k8s.io/examples/...`: the docs' examples are served with the app under
 * /examples/. A command must answer at once, and a worker may read a same-origin file synchronously.
 */
function readExample(path: string): string {
  const xhr = new XMLHttpRequest()
  xhr.open('GET', `/examples/${path}`, false)
  xhr.send()
  // The dev server answers a missing file with the app's index page.
  if (xhr.status !== 200 || (xhr.getResponseHeader('content-type') ?? '').includes('text/html')) throw new Error(`${xhr.status}`)
  return xhr.responseText
}

let examples: string[] | undefined

/** The docs' examples the terminal lists under `examples/` (provenance.json names every bundled file). */
function exampleIndex(): string[] {
  if (examples) return examples
  try {
    const index = JSON.parse(readExample('provenance.json')) as Record<string, unknown>
    // Folders starting with `_` hold the app's own variants, not the docs' tree.
    examples = Object.keys(index).filter((p) => !p.startsWith('_')).sort()
  } catch {
    examples = []
  }
  return examples
}
