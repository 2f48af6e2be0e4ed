// The terminal's `kubectl rollout status`: progress lines as the rollout moves on the cluster's clock.
import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster'
import { runKubectl } from './kubectl'
import { followRollout } from './follow-rollout'
import type { WatchChunk } from './watch'

const NGINX = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: "nginx:1.14.2" }] }
`

function setup() {
  const cluster = createCluster()
  runKubectl(cluster, 'apply -f -', { stdin: NGINX })
  cluster.clock.advance(60_000)
  return cluster
}

describe('followRollout', () => {
  it('streams kubectl\'s progress lines while time runs, and ends by itself when the rollout is done', () => {
    const cluster = setup()
    runKubectl(cluster, 'set image deployment/web nginx=nginx:1.16.1')
    const chunks: WatchChunk[] = []
    let ended = false
    const start = cluster.clock.now()
    const handle = followRollout(cluster, 'kubectl rollout status deployment/web', {}, (c) => chunks.push(c), () => { ended = true })
    expect(handle).toBeDefined()
    // Nothing stepped the clock: the first line is the state right now.
    expect(cluster.clock.now()).toBe(start)
    // kube: right after the change the controller has not observed the new generation yet.
    expect(chunks[0].text).toBe('Waiting for deployment spec update to be observed...\n')
    expect(ended).toBe(false)
    cluster.clock.advance(120_000)
    const text = chunks.map((c) => c.text).join('')
    expect(text).toMatch(/out of 3 new replicas have been updated\.\.\.\n/)
    expect(text.endsWith('deployment "web" successfully rolled out\n')).toBe(true)
    expect(ended).toBe(true)
  })

  it('ends at once for a finished rollout, times out with kubectl\'s error, and leaves other lines to the one-shot command', () => {
    const cluster = setup()
    const done: string[] = []
    followRollout(cluster, 'rollout status deploy/web', {}, (c) => done.push(c.text))
    expect(done).toEqual(['deployment "web" successfully rolled out\n'])

    runKubectl(cluster, 'set image deployment/web nginx=nginx:1.161')
    const out: WatchChunk[] = []
    let ended = false
    followRollout(cluster, 'rollout status deploy/web --timeout=5s', {}, (c) => out.push(c), () => { ended = true })
    cluster.clock.advance(6_000)
    expect(out.at(-1)).toEqual({ stream: 'stderr', text: 'error: timed out waiting for the condition\n' })
    expect(ended).toBe(true)

    expect(followRollout(cluster, 'rollout status deploy/missing', {}, () => {})).toBeUndefined()
    expect(followRollout(cluster, 'rollout status deploy/web --watch=false', {}, () => {})).toBeUndefined()
    expect(followRollout(cluster, 'get pods', {}, () => {})).toBeUndefined()
  })
})
