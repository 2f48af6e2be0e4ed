/**
 * What the containers of one node use (kube: cAdvisor's cgroup counters, which the kubelet serves
 * as resource usage on /stats/summary for metrics-server). CPU is a cumulative counter of core
 * nanoseconds, as cgroups keep it: a small idle rate per image plus the CPU time of the requests the
 * container served. Work beyond the container's CPU limit (or the node's cores) waits in a bounded
 * backlog, which is CFS throttling: the counter never grows faster than the limit. Memory is a
 * working set per image plus what the program says it allocated. Each request costs O(1).
 */
import type { Container } from 'kubernetes-types/core/v1'
import { parseBytes, parseCpuMillis } from '../apiserver/quantity'
import type { ContainerRun } from './container-run'

/** One container's counters, as /stats/summary's ContainerStats carries them. */
export interface ContainerStats {
  name: string
  /** When the current instance started (ms, virtual time). */
  startTime: number
  usageCoreNanoSeconds: number
  workingSetBytes: number
}

export interface PodStats {
  podRef: { name: string; namespace: string; uid: string }
  containers: ContainerStats[]
}

/**
 * kube: the kubelet's stats Summary, taken at `time`. `system` is the node's own daemons since the
 * kubelet booted; the node's usage is that plus its pods' (metrics-server adds them up).
 */
export interface StatsSummary {
  nodeName: string
  time: number
  system: { startTime: number; usageCoreNanoSeconds: number; workingSetBytes: number }
  capacity: { cores: number; bytes: number }
  pods: PodStats[]
}

/** Idle CPU (millicores) and working set (bytes) of an image's process when nothing calls it. */
interface Footprint { idleMillicores: number; memoryBytes: number }

const Mi = 1024 * 1024
// Figures as `kubectl top` shows these images idle on a kind cluster.
const FOOTPRINTS: [RegExp, Footprint][] = [
  [/(^|\/)hpa-example(:|$)/, { idleMillicores: 1, memoryBytes: 11 * Mi }],
  [/(^|\/)nginx(:|@|$)/, { idleMillicores: 0.5, memoryBytes: 4 * Mi }],
  [/(^|\/)httpd(:|@|$)/, { idleMillicores: 1, memoryBytes: 7 * Mi }],
  [/(^|\/)(busybox|alpine)(:|@|$)/, { idleMillicores: 0, memoryBytes: 1.2 * Mi }],
  [/(^|\/)redis(:|@|$)/, { idleMillicores: 2, memoryBytes: 3 * Mi }],
  [/(^|\/)(postgres|mysql|mariadb)(:|@|$)/, { idleMillicores: 3, memoryBytes: 30 * Mi }],
  [/(^|\/)pause(:|@|$)/, { idleMillicores: 0, memoryBytes: 0.3 * Mi }],
  [/(^|\/)(vish\/stress|polinux\/stress)(:|@|$)/, { idleMillicores: 0, memoryBytes: 0.8 * Mi }],
]
const GENERIC: Footprint = { idleMillicores: 1, memoryBytes: 8 * Mi }
// A shell looping on `sleep` and a client (`while sleep 0.01; do wget ...; done`) keeps a few
// millicores busy forking.
const SHELL_LOOP_MILLICORES = 6
// Throttled work older than this is dropped: the callers' requests time out rather than queue forever.
const MAX_BACKLOG_MS = 2000
// kube: a node's own daemons (kubelet, containerd, kube-proxy) and, on the control plane, its
// components; kind nodes idle at about these figures.
export const NODE_OVERHEAD = {
  worker: { idleMillicores: 25, memoryBytes: 180 * Mi },
  controlPlane: { idleMillicores: 150, memoryBytes: 620 * Mi },
}

export function footprint(c: Container): Footprint {
  const image = c.image ?? ''
  const base = FOOTPRINTS.find(([re]) => re.test(image))?.[1] ?? GENERIC
  const argv = [...(c.command ?? []), ...(c.args ?? [])]
  // CPU burners of the docs: vish/stress `-cpus N` and polinux/stress `--cpu N` spin N workers.
  if (/(^|\/)(vish\/stress|polinux\/stress)(:|@|$)/.test(image)) {
    const i = argv.findIndex((a) => a === '-cpus' || a === '--cpus' || a === '--cpu' || a === '-c')
    const workers = i >= 0 ? Number(argv[i + 1]) : 0
    if (workers > 0) return { ...base, idleMillicores: workers * 1000 }
  }
  const loops = /\bwhile\b|\bfor\b/.test(argv.join(' '))
  return loops ? { ...base, idleMillicores: base.idleMillicores + SHELL_LOOP_MILLICORES } : base
}

/** A stable figure in [0.9, 1.1) per name, so that replicas of one template do not print equal. */
function jitter(seed: string): number {
  let h = 2166136261
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619)
  return 0.9 + ((h >>> 0) % 1000) / 5000
}

/** The CPU cgroup of one container instance. */
class CpuAccount {
  private done = 0
  private backlog = 0
  private at: number
  readonly idleCores: number
  readonly memoryBytes: number

  constructor(readonly startedAt: number, readonly capCores: number, fp: Footprint, seed: string) {
    this.at = startedAt
    const j = jitter(seed)
    this.idleCores = Math.min(capCores, (fp.idleMillicores * j) / 1000)
    this.memoryBytes = Math.round(fp.memoryBytes * j)
  }

  add(now: number, cpuMs: number): void {
    this.drain(now)
    this.backlog = Math.min(this.backlog + cpuMs, this.workCores() * MAX_BACKLOG_MS)
  }

  /** Cumulative CPU time in core nanoseconds up to `now`. */
  usageNs(now: number): number {
    this.drain(now)
    return Math.round((this.done + this.idleCores * (now - this.startedAt)) * 1e6)
  }

  private workCores(): number {
    return Math.max(0, this.capCores - this.idleCores)
  }

  private drain(now: number): void {
    const can = (now - this.at) * this.workCores()
    const d = Math.min(can, this.backlog)
    this.done += d
    this.backlog -= d
    this.at = now
  }
}

/** The usage counters of every container instance on one node. */
export class NodeUsage {
  private readonly accounts = new WeakMap<ContainerRun, CpuAccount>()

  constructor(private readonly nodeCores: number, private readonly now: () => number) {}

  /** A process of `c` served a request costing `cpuMs` of CPU. */
  served(c: ContainerRun, cpuMs: number): void {
    this.account(c)?.add(this.now(), cpuMs)
  }

  /** The container's counters now; undefined when it is not running (it uses nothing). */
  stats(c: ContainerRun): ContainerStats | undefined {
    const a = this.account(c)
    if (!a) return undefined
    return { name: c.name, startTime: a.startedAt, usageCoreNanoSeconds: a.usageNs(this.now()), workingSetBytes: a.memoryBytes + c.memoryBytes }
  }

  private account(c: ContainerRun): CpuAccount | undefined {
    if (c.state !== 'running' || c.startedAt === undefined) return undefined
    let a = this.accounts.get(c)
    // A restarted container is a new cgroup: its counters start again at zero.
    if (!a || a.startedAt !== c.startedAt) {
      const limit = c.spec.resources?.limits?.cpu
      const cap = Math.min(this.nodeCores, limit === undefined ? Infinity : parseCpuMillis(String(limit)) / 1000)
      a = new CpuAccount(c.startedAt, cap, footprint(c.spec), `${c.containerID ?? c.name}`)
      this.accounts.set(c, a)
    }
    return a
  }
}

/** Capacity figures of a node spec (`cpu: "4"`, `memory: "8Gi"`). */
export function nodeCapacity(cpu: string | undefined, memory: string | undefined): { cores: number; bytes: number } {
  return { cores: parseCpuMillis(cpu ?? '4') / 1000, bytes: parseBytes(memory ?? '8Gi') }
}
