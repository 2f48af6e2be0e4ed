/**
 * Messages between the UI (main thread) and the simulated cluster (Web Worker). No DOM and no
 * cluster internals here: only plain data that survives structured cloning.
 */
import type { KubeObject } from '../cluster/apiserver/types'

export const PROTOCOL_VERSION = 1

export interface ObjectRef {
  kind: string
  namespace?: string
  name: string
  uid: string
}

export interface ClockState {
  /** Virtual time, ms since the Unix epoch. */
  now: number
  paused: boolean
  /** Virtual seconds per wall second: 0.5 to 100. */
  speed: number
}

/**
 * When each CronJob (by uid) next creates a Job, as its controller computes it (ms since the epoch;
 * null when suspended or the schedule is invalid). The worker works it out so the UI needs no cron parser.
 */
export type CronNext = Record<string, number | null>

/** What only the simulated machines know: which nodes have their power off (kubelet stopped). */
export interface MachinesState {
  poweredOff: string[]
}

export interface KubectlResult {
  stdout: string
  stderr: string
  exitCode: number
  /** `kubectl edit`: the object to open in the editor (the host has one); nothing was written yet. */
  edit?: EditRequest
}

/** What `kubectl edit` hands to the editor: the object as YAML, and which object it is. */
export interface EditRequest {
  kind: string
  namespace?: string
  name: string
  yaml: string
}

/** The terminal's files (path → text), sent with each kubectl line for `-f PATH`; folders are the paths' prefixes. */
export type TerminalFiles = Record<string, string>

/** The container an interactive `kubectl exec -it` / `run -it` attached to. */
export interface ExecSession {
  namespace: string
  pod: string
  container: string
  /** The shell to run each line with (`sh`, `bash`). */
  shell: string
  /** How the image's shell draws its prompt: `ash` (busybox, alpine) `/ # `, `bash` (debian) `root@HOST:/# `. */
  style: 'ash' | 'bash'
  hostname: string
  /** Attached by `kubectl run -it` (not exec): leaving says how to attach again. */
  byRun: boolean
  /** `kubectl run --rm`: the pod is deleted when the session ends. */
  rm: boolean
}

/** One piece of a streaming command's output (`kubectl get pods -w`). */
export interface OutputChunk {
  stream: 'stdout' | 'stderr'
  text: string
}

/**
 * The scheduler's record of its last attempt for one pod (the shape of the scheduler's
 * SchedulingDecision, restated here so the protocol does not depend on scheduler internals).
 */
export interface SchedulingExplanation {
  time: number
  attempt: number
  /** The chosen node; absent while the pod is Pending. */
  node?: string
  filtered: { node: string; plugin: string; reason: string }[]
  filteredCount: number
  scores: { node: string; total: number; byPlugin: Record<string, number> }[]
  evaluatedNodes: number
  feasibleNodes: number
  message: string
}

/**
 * One click on a node. kill/restore/remove act on the simulated machine; cordon/uncordon/drain run
 * the kubectl command of that name (drain with --ignore-daemonsets --delete-emptydir-data) and
 * reply with its output.
 */
export type NodeAction = 'kill' | 'restore' | 'remove' | 'cordon' | 'uncordon' | 'drain'

/**
 * One request a traffic generator sent, as the network records it (the shape of the network's
 * RequestRecord, restated here so the protocol does not depend on cluster internals).
 */
export interface TrafficRequest {
  at: number
  source: string
  url: string
  ok: boolean
  status?: number
  error?: string
  /** `namespace/name` of the Service the request went through. */
  service?: string
  /** `namespace/name` of the pod that answered (or should have). */
  pod?: string
  node?: string
  /** `namespace/name` of the NetworkPolicy that dropped it. */
  deniedBy?: string
}

export interface TrafficGenerator {
  name: string
  url: string
  rps: number
  sent: number
  ok: number
  failed: number
}

/**
 * Traffic since the last frame: running totals of every generator and pod (small), and at most
 * TRAFFIC_RECENT_PER_FRAME of the requests sent since the last frame (for the animation).
 */
export interface TrafficFrame {
  generators: TrafficGenerator[]
  /** Totals per pod (`namespace/name`) since its first request; only pods whose totals changed. */
  pods: Record<string, { ok: number; failed: number }>
  recent: TrafficRequest[]
  /** Requests sent since the last frame that are not in `recent`. */
  dropped: number
}

/** The most requests one diff carries: each is ~150 bytes, which keeps a frame well under 10 KiB. */
export const TRAFFIC_RECENT_PER_FRAME = 24

/** One kube-proxy rule: a Service's address and port, and the endpoints it balances across. */
export interface ServiceRuleView {
  /** e.g. `10.96.0.12:80/TCP`, `172.18.0.3:30080/TCP` (node port), `172.18.255.200:80/TCP` (load balancer). */
  frontend: string
  kind?: string
  endpoints: { address: string; ready: boolean; pod?: string; node?: string }[]
}

/** UI → worker. Each carries an id; the worker answers each with exactly one `reply`. */
export type Command =
  | { type: 'apply'; id: number; text: string; source?: string }
  | { type: 'kubectl'; id: number; line: string; stdin?: string }
  | { type: 'delete'; id: number; kind: string; namespace?: string; name: string }
  | { type: 'node'; id: number; action: NodeAction; name: string }
  /** Boots a new machine named `node-N` (the first free N) with the default size. */
  | { type: 'addNode'; id: number }
  | { type: 'clock'; id: number; action: 'pause' | 'play' | 'step' | 'speed' | 'jump'; value?: number }
  | { type: 'explain'; id: number; podUid: string }
  /** Starts (or replaces) a traffic generator by name, or stops one. */
  | { type: 'traffic'; id: number; action: 'start'; name: string; url: string; rps: number }
  | { type: 'traffic'; id: number; action: 'stop'; name: string }
  /** kube-proxy's rules for one Service (VIP:port → endpoints), for the inspector. */
  | { type: 'serviceRules'; id: number; namespace: string; name: string }
  /**
   * The terminal's kubectl line. A watch (`get -w`) answers `stream` at once and then sends its
   * output as `output` messages with that stream id until `stopWatch`; any other line answers as `kubectl`.
   */
  | { type: 'watch'; id: number; stream: number; line: string; stdin?: string; files?: TerminalFiles }
  /**
   * `kubectl exec -it` / `kubectl run -it` in the terminal: answers `session` with the container to
   * attach to (and what kubectl printed first), or `kubectl` when the line is no interactive session.
   */
  | { type: 'execSession'; id: number; line: string }
  | { type: 'stopWatch'; id: number; stream: number }
  /** `kubectl edit`'s saved buffer: updates the object as kubectl does when the editor exits. */
  | { type: 'editSave'; id: number; ref: { kind: string; namespace?: string; name: string }; text: string }
  /** Tab completion of a kubectl line at the cursor (kubectl/complete.ts). */
  | { type: 'complete'; id: number; line: string; cursor: number }

export type CommandResult =
  | { kind: 'kubectl'; result: KubectlResult }
  | { kind: 'ok'; message: string }
  | { kind: 'explain'; decision?: SchedulingExplanation }
  | { kind: 'serviceRules'; rules: ServiceRuleView[]; available: boolean }
  | { kind: 'stream'; stream: number }
  | { kind: 'complete'; replaceFrom: number; candidates: string[] }
  | { kind: 'session'; session: ExecSession; result: KubectlResult }

/** Worker → UI. */
export type WorkerMessage =
  | {
      type: 'hello'
      protocol: number
      revision: number
      objects: KubeObject[]
      clock: ClockState
      machines: MachinesState
      cronNext: CronNext
    }
  | {
      type: 'diff'
      revision: number
      added: KubeObject[]
      updated: KubeObject[]
      removed: ObjectRef[]
      clock: ClockState
      /** Present only when a node was powered off or on since the last message. */
      machines?: MachinesState
      /** Next run of each CronJob sent in this diff (added or updated). */
      cronNext?: CronNext
      /** Present only while traffic flows (or in the frame after the last generator stopped). */
      traffic?: TrafficFrame
    }
  /** Output of a running watch since the last frame, in order. */
  /** `ended`: the command finished by itself (`logs -f` of a container that exited). */
  | { type: 'output'; stream: number; chunks: OutputChunk[]; ended?: boolean }
  | { type: 'reply'; id: number; ok: true; result: CommandResult }
  | { type: 'reply'; id: number; ok: false; error: string }
