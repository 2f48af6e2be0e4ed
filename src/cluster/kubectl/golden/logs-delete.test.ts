/** kubectl logs -l/--since/--timestamps/--prefix and kubectl delete -l/--all/--dry-run. */
import { describe, expect, it } from 'vitest'
import { boot } from './mutation-fixture'

function ticker() {
  const b = boot({ apply: false })
  b.run(`kubectl create deployment ticker --image=busybox --replicas=2 -- sh -c 'while true; do echo tick; sleep 10; done'`)
  b.cluster.clock.advance(65_000)
  return b
}

describe('kubectl logs', () => {
  it('reads every pod of a selector, 10 lines each by default, with --prefix naming pod and container', () => {
    const { run } = ticker()
    const lines = run('kubectl logs -l app=ticker --prefix').stdout.trim().split('\n')
    const pods = new Set(lines.map((l) => /^\[pod\/(ticker-[a-z0-9]+-[a-z0-9]{5})\/busybox\] tick$/.exec(l)?.[1]))
    expect(pods.size).toBe(2)
    expect(lines.length).toBeLessThanOrEqual(20)
  })

  it('prints RFC 3339 timestamps and keeps only what --since allows', () => {
    const { run } = ticker()
    const all = run('kubectl logs deploy/ticker --timestamps').stdout.trim().split('\n')
    for (const l of all) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z tick$/)
    const recent = run('kubectl logs deploy/ticker --since=25s').stdout.trim().split('\n')
    expect(recent.length).toBeLessThan(all.length)
    expect(recent.length).toBeGreaterThan(0)
    const cut = all[all.length - 2].split(' ')[0]
    expect(run(`kubectl logs deploy/ticker --since-time=${cut}`).stdout.trim().split('\n').length).toBeGreaterThanOrEqual(2)
  })

  it('refuses what kubectl refuses', () => {
    const { run } = ticker()
    expect(run('kubectl logs -l app=ticker -f --max-log-requests=1').stderr)
      .toBe('error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n')
    expect(run('kubectl logs deploy/ticker --since=1h --since-time=2026-01-01T00:00:00Z').stderr).toBe('error: at most one of `sinceTime` or `sinceSeconds` may be specified\n')
    expect(run('kubectl logs -l app=ticker ticker').stderr).toBe('error: only a selector (-l) or a POD name is allowed\n')
    expect(run('kubectl logs -l app=none').stderr).toBe('No resources found in default namespace.\n')
  })
})

describe('kubectl delete', () => {
  it('with --dry-run names what would go and deletes nothing', () => {
    const { run, cluster } = boot()
    expect(run('kubectl delete deploy --all --dry-run=client').stdout).toBe('deployment.apps "nginx-deployment" deleted (dry run) from default namespace\n')
    expect(run('kubectl delete deploy nginx-deployment --dry-run=server').stdout).toBe('deployment.apps "nginx-deployment" deleted (server dry run) from default namespace\n')
    expect(cluster.api.find('Deployment', 'default', 'nginx-deployment')).toBeDefined()
  })

  it('by label selector, by --all and by field selector', () => {
    const { run } = boot()
    run('kubectl create configmap a --from-literal=k=v')
    run('kubectl label configmap a tier=x')
    run('kubectl create configmap b --from-literal=k=v')
    expect(run('kubectl delete cm -l tier=x').stdout).toBe('configmap "a" deleted from default namespace\n')
    expect(run('kubectl delete cm --field-selector metadata.name=b').stdout).toBe('configmap "b" deleted from default namespace\n')
    expect(run('kubectl delete deploy --all').stdout).toBe('deployment.apps "nginx-deployment" deleted from default namespace\n')
    expect(run('kubectl delete deploy --all').stderr).toBe('No resources found in default namespace.\n')
  })
})

describe('kubectl delete --field-selector', () => {
  it('refuses a field the kind does not support, as the server does', () => {
    const { run } = boot()
    expect(run('kubectl delete pods --field-selector foo=bar').stderr)
      .toMatch(/^Error from server \(BadRequest\): Unable to find "\/v1, Resource=pods" that match label selector "", field selector "foo=bar": /)
    expect(run('kubectl delete pods --field-selector status.phase=Running --dry-run=client').stdout.split('\n').filter(Boolean)).toHaveLength(3)
  })
})
