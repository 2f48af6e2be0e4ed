// `npm run bench [-- PODS NODES]`: a Deployment of PODS replicas on NODES worker nodes, from
// `kubectl apply` to every pod Running, with every API write, event and status update included.
// Prints one JSON line of figures (wall time is noisy: run it more than once and compare medians).
import type { Pod } from 'kubernetes-types/core/v1'
import { createCluster, type NodeSpec } from '../src/cluster/cluster'
import type { KubeObject } from '../src/cluster/apiserver/types'

const pods = Number(process.argv[2] ?? 1000)
const nodeCount = Number(process.argv[3] ?? 100)

const nodes: NodeSpec[] = Array.from({ length: nodeCount }, (_, i) => ({
  name: `node-${i + 1}`, cpu: '32', memory: '128Gi', pods: 110,
}))

const t0 = performance.now()
const cluster = createCluster({ seed: 1, nodes, freeze: false })
cluster.clock.advance(1_000)
const setupMs = performance.now() - t0

const revisionBefore = cluster.api.revision()
const start = performance.now()
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

let running = 0
let virtualMs = 0
while (virtualMs < 600_000) {
  cluster.clock.advance(1_000)
  virtualMs += 1_000
  running = cluster.informers.for<Pod>('Pod').list('default').filter((p) => p.status?.phase === 'Running').length
  if (running >= pods) break
}
const wallMs = performance.now() - start
const scheduledPerSec = pods / (wallMs / 1000)

console.log(JSON.stringify({
  benchmark: 'deployment-to-running',
  pods, nodes: nodeCount, running,
  wallSeconds: +(wallMs / 1000).toFixed(3),
  podsPerSecond: Math.round(scheduledPerSec),
  virtualSeconds: virtualMs / 1000,
  apiWrites: cluster.api.revision() - revisionBefore,
  setupSeconds: +(setupMs / 1000).toFixed(3),
}))
if (running < pods) process.exit(1)
