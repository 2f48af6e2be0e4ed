// DESIGN.md rule 4: the same seed and the same inputs give the same cluster, byte for byte.
import { describe, expect, it } from 'vitest'
import { NGINX, run } from './run'

const script = `kubectl apply -f ${NGINX}
sleep 20
node kill node-2
sleep 7m
kubectl get pods -o wide
kubectl get events
kubectl get deploy,rs -o yaml`

describe('determinism', () => {
  it('the same seed and script print the same bytes', () => {
    const a = run(script, 42)
    const b = run(script, 42)
    expect(a.stdout).toBe(b.stdout)
    expect(a.stdout.length).toBeGreaterThan(1000)
    expect(a.cluster.api.revision()).toBe(b.cluster.api.revision())
  })

  it('another seed gives other names', () => {
    expect(run(script, 1).stdout).not.toBe(run(script, 2).stdout)
  })
})
