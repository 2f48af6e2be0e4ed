// `npm run bench [-- PODS NODES]`: a Deployment of PODS replicas on NODES worker nodes, from
// `kubectl apply` to every pod Running, with every API write, event and status update included.
// Prints one JSON line of figures per size; with no arguments, 1,000 pods on 100 nodes and then
// 10,000 pods on 5,000 nodes (the budget in DESIGN.md), one after the other in this process.
// Wall time is noisy: run it more than once and compare medians.
import type { Pod } from 'kubernetes-types/core/v1'
import { createCluster, type NodeSpec } from '../src/cluster/cluster'
import type { KubeObject } from '../src/cluster/apiserver/types'

interface Figures {
  benchmark: string
  pods: number
  nodes: number
  running: number
  wallSeconds: number
  /** CPU time of the process over the same span (GC threads included): steadier than wall time on a busy machine. */
  cpuSeconds: number
  podsPerSecond: number
  virtualSeconds: number
  apiWrites: number
  setupSeconds: number
}

export function deploymentToRunning(pods: number, nodeCount: number): Figures {
  const nodes: NodeSpec[] = Array.from({ length: nodeCount }, (_, i) => ({
    name: `node-${i + 1}`, cpu: '32', memory: '128Gi', pods: 110,
  }))

  const t0 = performance.now()
  const cluster = createCluster({ seed: 1, nodes, freeze: false })
  cluster.clock.advance(1_000)
  const setupMs = performance.now() - t0

  // Counted from the informer's events, so the loop below costs nothing per pod.
  const running = new Set<string>()
  const track = (pod: Pod) => {
    const key = pod.metadata!.uid!
    if (pod.metadata?.namespace === 'default' && pod.status?.phase === 'Running') running.add(key)
    else running.delete(key)
  }
  cluster.informers.for<Pod>('Pod').addEventHandler({
    add: track, update: (_old, pod) => track(pod), delete: (pod) => running.delete(pod.metadata!.uid!),
  })

  const revisionBefore = cluster.api.revision()
  const start = performance.now()
  const cpuStart = process.cpuUsage()
  cluster.api.create({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bench' },
    spec: {
      replicas: pods,
      selector: { matchLabels: { app: 'bench' } },
      template: {
        metadata: { labels: { app: 'bench' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
    },
  } as KubeObject, { actor: 'kubectl' })

  let virtualMs = 0
  while (virtualMs < 600_000) {
    cluster.clock.advance(1_000)
    virtualMs += 1_000
    if (running.size >= pods) break
  }
  const wallMs = performance.now() - start
  const cpu = process.cpuUsage(cpuStart)

  return {
    benchmark: 'deployment-to-running',
    pods, nodes: nodeCount, running: running.size,
    wallSeconds: +(wallMs / 1000).toFixed(3),
    cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(3),
    podsPerSecond: Math.round(pods / (wallMs / 1000)),
    virtualSeconds: virtualMs / 1000,
    apiWrites: cluster.api.revision() - revisionBefore,
    setupSeconds: +(setupMs / 1000).toFixed(3),
  }
}

const sizes: [number, number][] = process.argv[2] === undefined
  ? [[1_000, 100], [10_000, 5_000]]
  : [[Number(process.argv[2]), Number(process.argv[3] ?? 100)]]
let ok = true
for (const [pods, nodes] of sizes) {
  const figures = deploymentToRunning(pods, nodes)
  console.log(JSON.stringify(figures))
  ok &&= figures.running >= pods
}
if (!ok) process.exit(1)
