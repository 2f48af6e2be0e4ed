/**
 * metrics-server: scrapes every kubelet's resource usage summary every 15 s (kube default
 * `--metric-resolution=15s`) and keeps only the latest PodMetrics and NodeMetrics
 * (metrics.k8s.io/v1beta1). It is an aggregated API, not objects in etcd: kubectl top and the
 * HorizontalPodAutoscaler read it directly. CPU is a rate computed, as metrics-server does, from two
 * readings of a cumulative counter; a container younger than one resolution is measured from its
 * start time once it is 10 s old, so a new pod has metrics 10-30 s after it starts.
 */
import type { ComponentContext } from '../component'
import type { PodStats, StatsSummary } from '../kubelet/usage'
import type { TimerId } from '../clock'
import { formatGoDuration } from '../kubelet/durations'

// kube default: metrics-server --metric-resolution=15s.
export const METRIC_RESOLUTION_MS = 15_000
export const METRICS_API_VERSION = 'metrics.k8s.io/v1beta1'
// metrics-server: freshContainerMinMetricsResolution, the youngest container it measures from its start.
const FRESH_CONTAINER_MIN_MS = 10_000

/** The kubelets metrics-server can reach (the NodeSimulator). */
export interface KubeletStatsSource {
  names(): string[]
  kubelet(name: string): { statsSummary(): StatsSummary | undefined } | undefined
}

/** Usage in numbers: cores (fractional) and bytes. */
export interface Usage {
  cpuCores: number
  memoryBytes: number
}

export interface ContainerUsage extends Usage {
  name: string
}

/** A pod's latest metrics, in numbers (for kubectl top and the HPA controller). */
export interface PodUsage {
  namespace: string
  name: string
  /** When the reading was taken (ms, virtual time), and over how long the rate was measured. */
  timestamp: number
  windowMs: number
  containers: ContainerUsage[]
}

export interface NodeUsage extends Usage {
  name: string
  timestamp: number
  windowMs: number
}

interface ContainerMetricsJson { name: string; usage: { cpu: string; memory: string } }

/** metrics.k8s.io/v1beta1 PodMetrics (no type in kubernetes-types: it is not a core API). */
export interface PodMetrics {
  apiVersion: typeof METRICS_API_VERSION
  kind: 'PodMetrics'
  metadata: { name: string; namespace: string; creationTimestamp: string }
  timestamp: string
  window: string
  containers: ContainerMetricsJson[]
}

export interface NodeMetrics {
  apiVersion: typeof METRICS_API_VERSION
  kind: 'NodeMetrics'
  metadata: { name: string; creationTimestamp: string }
  timestamp: string
  window: string
  usage: { cpu: string; memory: string }
}

/** What readers of resource metrics need (kubectl's host, the HPA controller). */
export interface ResourceMetrics {
  /** False until the first scrape that found anything. */
  available(): boolean
  pod(namespace: string, name: string): PodUsage | undefined
  pods(namespace?: string): PodUsage[]
  node(name: string): NodeUsage | undefined
  nodes(): NodeUsage[]
}

interface Reading { time: number; startTime: number; ns: number }

const cpuQuantity = (cores: number) => `${Math.round(cores * 1e9)}n`
const memoryQuantity = (bytes: number) => `${Math.round(bytes / 1024)}Ki`


export class MetricsServer implements ResourceMetrics {
  private readonly containerReadings = new Map<string, Reading>()
  private readonly systemReadings = new Map<string, Reading>()
  private podUsage = new Map<string, PodUsage>()
  private nodeUsage = new Map<string, NodeUsage>()
  private timer?: TimerId
  private started = false

  constructor(private readonly ctx: ComponentContext, private readonly source: KubeletStatsSource) {}

  /** Scrapes at once (after the current instant settles), then every METRIC_RESOLUTION_MS. */
  start(): void {
    if (this.started) return
    this.started = true
    const tick = () => {
      this.scrape()
      this.timer = this.ctx.clock.schedule(METRIC_RESOLUTION_MS, tick, 'metrics-server: scrape')
    }
    this.timer = this.ctx.clock.schedule(0, tick, 'metrics-server: scrape')
  }

  stop(): void {
    this.ctx.clock.cancel(this.timer)
    this.started = false
  }

  available(): boolean {
    return this.podUsage.size > 0 || this.nodeUsage.size > 0
  }

  pod(namespace: string, name: string): PodUsage | undefined {
    return this.podUsage.get(`${namespace}/${name}`)
  }

  pods(namespace?: string): PodUsage[] {
    const all = [...this.podUsage.values()]
    return namespace === undefined ? all : all.filter((p) => p.namespace === namespace)
  }

  node(name: string): NodeUsage | undefined {
    return this.nodeUsage.get(name)
  }

  nodes(): NodeUsage[] {
    return [...this.nodeUsage.values()]
  }

  /** The metrics.k8s.io/v1beta1 PodMetrics objects (what `kubectl get --raw` would show). */
  podMetrics(namespace?: string): PodMetrics[] {
    return this.pods(namespace).map((p) => ({
      apiVersion: METRICS_API_VERSION, kind: 'PodMetrics',
      metadata: { name: p.name, namespace: p.namespace, creationTimestamp: this.ctx.clock.timestamp() },
      timestamp: this.ctx.clock.timestamp(p.timestamp), window: formatGoDuration(p.windowMs),
      containers: p.containers.map((c) => ({ name: c.name, usage: { cpu: cpuQuantity(c.cpuCores), memory: memoryQuantity(c.memoryBytes) } })),
    }))
  }

  nodeMetrics(): NodeMetrics[] {
    return this.nodes().map((n) => ({
      apiVersion: METRICS_API_VERSION, kind: 'NodeMetrics',
      metadata: { name: n.name, creationTimestamp: this.ctx.clock.timestamp() },
      timestamp: this.ctx.clock.timestamp(n.timestamp), window: formatGoDuration(n.windowMs),
      usage: { cpu: cpuQuantity(n.cpuCores), memory: memoryQuantity(n.memoryBytes) },
    }))
  }

  /** One scrape of every reachable kubelet; what a node did not answer is dropped. */
  scrape(): void {
    const pods = new Map<string, PodUsage>()
    const nodes = new Map<string, NodeUsage>()
    const seen = new Set<string>()
    for (const name of this.source.names()) {
      const summary = this.source.kubelet(name)?.statsSummary()
      if (!summary) continue
      let cpu = 0
      let memory = summary.system.workingSetBytes
      for (const p of summary.pods) {
        const usage = this.podRate(p, summary.time, seen)
        if (!usage) continue
        pods.set(`${p.podRef.namespace}/${p.podRef.name}`, usage)
        for (const c of usage.containers) {
          cpu += c.cpuCores
          memory += c.memoryBytes
        }
      }
      const system = this.rate(`node/${name}`, this.systemReadings, summary.time, summary.system.startTime, summary.system.usageCoreNanoSeconds)
      if (system === undefined) continue
      nodes.set(name, {
        name, timestamp: summary.time, windowMs: system.windowMs,
        cpuCores: Math.min(summary.capacity.cores, cpu + system.cores), memoryBytes: Math.min(summary.capacity.bytes, memory),
      })
    }
    for (const key of this.containerReadings.keys()) if (!seen.has(key)) this.containerReadings.delete(key)
    this.podUsage = pods
    this.nodeUsage = nodes
  }

  /** A pod's usage when every one of its containers has a rate (metrics-server drops partial pods). */
  private podRate(p: PodStats, time: number, seen: Set<string>): PodUsage | undefined {
    const containers: ContainerUsage[] = []
    let windowMs = 0
    let complete = true
    for (const c of p.containers) {
      const key = `${p.podRef.uid}/${c.name}`
      seen.add(key)
      const r = this.rate(key, this.containerReadings, time, c.startTime, c.usageCoreNanoSeconds)
      if (r === undefined) {
        complete = false
        continue
      }
      windowMs = Math.max(windowMs, r.windowMs)
      containers.push({ name: c.name, cpuCores: r.cores, memoryBytes: c.workingSetBytes })
    }
    if (!complete || !containers.length) return undefined
    return { namespace: p.podRef.namespace, name: p.podRef.name, timestamp: time, windowMs, containers }
  }

  /**
   * The counter's rate between two readings of one instance (same start time). As metrics-server's
   * storage does, a container that started less than a resolution ago but at least 10 s ago is
   * measured from its start; a fresher one has no rate until the next scrape.
   */
  private rate(key: string, readings: Map<string, Reading>, time: number, startTime: number, ns: number): { cores: number; windowMs: number } | undefined {
    const last = readings.get(key)
    readings.set(key, { time, startTime, ns })
    const age = time - startTime
    let from: Reading | undefined
    if (age > 0 && age < METRIC_RESOLUTION_MS && age >= FRESH_CONTAINER_MIN_MS) from = { time: startTime, startTime, ns: 0 }
    else if (last && last.startTime === startTime && startTime < last.time) from = last
    if (!from || time <= from.time) return undefined
    return { cores: Math.max(0, ns - from.ns) / ((time - from.time) * 1e6), windowMs: time - from.time }
  }
}
