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

export type CommandResult =
  | { kind: 'kubectl'; result: KubectlResult }
  | { kind: 'ok'; message: string }
  | { kind: 'explain'; decision?: SchedulingExplanation }

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
    }
  | { type: 'reply'; id: number; ok: true; result: CommandResult }
  | { type: 'reply'; id: number; ok: false; error: string }
