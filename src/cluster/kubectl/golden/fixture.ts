/**
 * The cluster the golden get/describe/events tests share: the default four nodes and three bare
 * pods with fixed names, images and nodes (no random suffixes), created 30 s before the commands.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { createCluster } from '../../cluster'
import { runKubectl } from '../kubectl'
import type { KubectlResult } from '../host'

const ACTOR = { actor: 'kubectl' }

export function podManifest(name: string, node: string, images: string[], labels: Record<string, string>): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: { nodeName: node, containers: images.map((image, i) => ({ name: `c${i}`, image })) },
  }
}

export function bootFixture() {
  const cluster = createCluster({ seed: 1 })
  cluster.clock.advance(5_000)
  cluster.api.create(podManifest('web-10', 'node-2', ['nginx:1.14.2'], { app: 'web', tier: 'frontend' }), ACTOR)
  cluster.api.create(podManifest('web-2', 'node-1', ['nginx:1.14.2', 'redis:7'], { app: 'web', tier: 'frontend' }), ACTOR)
  cluster.api.create(podManifest('db-0', 'node-3', ['redis:7'], { app: 'db' }), ACTOR)
  cluster.clock.advance(30_000)
  const run = (line: string): KubectlResult => runKubectl(cluster, line)
  return { cluster, run }
}
