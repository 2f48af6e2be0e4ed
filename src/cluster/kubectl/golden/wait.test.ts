/** kubectl wait: the virtual clock runs until the condition holds or --timeout passes. */
import { describe, expect, it } from 'vitest'
import { boot } from './mutation-fixture'

describe('kubectl wait', () => {
  it('waits for a condition, advancing the virtual clock', () => {
    const { run, cluster } = boot({ apply: false })
    run('kubectl apply -f nginx.yaml')
    const start = cluster.clock.now()
    expect(run('kubectl wait --for=condition=Available deployment/nginx-deployment --timeout=2m').stdout).toBe('deployment.apps/nginx-deployment condition met\n')
    expect(cluster.clock.now()).toBeGreaterThan(start)
    const pods = run('kubectl wait --for=condition=Ready pod -l app=nginx').stdout.split('\n').filter(Boolean)
    expect(pods).toHaveLength(3)
    for (const l of pods) expect(l).toMatch(/^pod\/nginx-deployment-[a-z0-9]+-[a-z0-9]{5} condition met$/)
  })

  it('waits for a jsonpath value and for deletion', () => {
    const { run } = boot()
    expect(run("kubectl wait --for=jsonpath='{.status.readyReplicas}'=3 deploy/nginx-deployment").stdout).toBe('deployment.apps/nginx-deployment condition met\n')
    expect(run("kubectl wait --for=jsonpath='{.status.phase}'=Running pods --all").stdout.split('\n').filter(Boolean)).toHaveLength(3)
    run('kubectl delete deploy nginx-deployment --wait=false')
    const r = run('kubectl wait --for=delete pod -l app=nginx --timeout=60s')
    expect(r.stdout.split('\n').filter(Boolean).every((l) => l.endsWith(' condition met'))).toBe(true)
    expect(r.exitCode).toBe(0)
  })

  it('times out with kubectl\'s message, and names what is missing', () => {
    const { run, cluster } = boot({ apply: false })
    run('kubectl create deployment broken --image=doesnotexist/nothing:0')
    const start = cluster.clock.now()
    const r = run('kubectl wait --for=condition=Available deploy/broken --timeout=5s')
    expect(r.stderr).toBe('error: timed out waiting for the condition on deployments.apps/broken\n')
    expect(r.exitCode).toBe(1)
    expect(cluster.clock.now() - start).toBe(5_000)
    expect(run('kubectl wait --for=condition=Ready pod/nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
    expect(run('kubectl wait --for=condition=Ready pod -l app=none').stderr).toBe('error: no matching resources found\n')
    expect(run('kubectl wait --for=ready pod/x').stderr).toBe('error: unrecognized condition: "ready"\n')
  })
})
