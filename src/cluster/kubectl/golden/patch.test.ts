/** kubectl patch: strategic (default), merge and JSON patches, subresources, dry runs and kubectl's errors. */
import type { Deployment } from 'kubernetes-types/apps/v1'
import { describe, expect, it } from 'vitest'
import { boot } from './mutation-fixture'

const get = (c: ReturnType<typeof boot>['cluster']) => c.api.get<Deployment>('Deployment', 'default', 'nginx-deployment')

describe('kubectl patch', () => {
  it('prints `patched`, then `patched (no change)` when the object stays the same', () => {
    const { run, cluster } = boot()
    expect(run(`kubectl patch deployment nginx-deployment -p '{"spec":{"replicas":5}}'`).stdout).toBe('deployment.apps/nginx-deployment patched\n')
    expect(run(`kubectl patch deploy/nginx-deployment -p '{"spec":{"replicas":5}}'`).stdout).toBe('deployment.apps/nginx-deployment patched (no change)\n')
    expect(get(cluster).spec!.replicas).toBe(5)
  })

  it('merges containers by name with a strategic merge patch, as the docs\' patch-demo shows (new container first)', () => {
    const { run, cluster } = boot()
    run(`kubectl patch deployment nginx-deployment --patch '{"spec":{"template":{"spec":{"containers":[{"name":"redis","image":"redis"}]}}}}'`)
    expect(get(cluster).spec!.template.spec!.containers.map((c) => `${c.name}=${c.image}`)).toEqual(['redis=redis', 'nginx=nginx:1.14.2'])
  })

  it('replaces the list with a merge patch and edits by position with a JSON patch', () => {
    const { run, cluster } = boot()
    run(`kubectl patch deployment nginx-deployment --type merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"redis","image":"redis"}]}}}}'`)
    expect(get(cluster).spec!.template.spec!.containers.map((c) => c.name)).toEqual(['redis'])
    expect(run(`kubectl patch deployment nginx-deployment --type=json -p='[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"redis:7"}]'`).stdout)
      .toBe('deployment.apps/nginx-deployment patched\n')
    expect(get(cluster).spec!.template.spec!.containers[0].image).toBe('redis:7')
  })

  it('accepts YAML in -p and a --patch-file', () => {
    const { run, cluster, files } = boot()
    files['patch.yaml'] = 'spec:\n  replicas: 1\n'
    expect(run('kubectl patch deploy nginx-deployment --patch-file patch.yaml').stdout).toBe('deployment.apps/nginx-deployment patched\n')
    run("kubectl patch deploy nginx-deployment -p $'spec:\\n  replicas: 2'")
    expect(get(cluster).spec!.replicas).toBe(1)
    run('kubectl patch deploy nginx-deployment -p "spec: {replicas: 2}"')
    expect(get(cluster).spec!.replicas).toBe(2)
  })

  it('patches through the scale subresource', () => {
    const { run, cluster } = boot()
    expect(run(`kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'`).stdout).toBe('deployment.apps/nginx-deployment patched\n')
    expect(get(cluster).spec!.replicas).toBe(2)
  })

  it('changes nothing with --dry-run and prints the patched object with -o yaml', () => {
    const { run, cluster } = boot()
    expect(run(`kubectl patch deploy nginx-deployment -p '{"spec":{"replicas":7}}' --dry-run=client`).stdout).toBe('deployment.apps/nginx-deployment patched (dry run)\n')
    const r = run(`kubectl patch deploy nginx-deployment -p '{"spec":{"replicas":7}}' --dry-run=server -o yaml`)
    expect(r.stdout).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n[\s\S]*\n  replicas: 7\n/)
    expect(get(cluster).spec!.replicas).toBe(3)
    expect(run(`kubectl patch deploy nginx-deployment -p '{"spec":{"replicas":7}}' -o name`).stdout).toBe('deployment.apps/nginx-deployment\n')
  })

  it('refuses what kubectl refuses, with its texts', () => {
    const { run } = boot()
    const err = (line: string) => run(line).stderr
    expect(err('kubectl patch deploy nginx-deployment')).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n')
    expect(err(`kubectl patch deploy nginx-deployment --type=foo -p '{}'`)).toBe('error: --type must be one of [json merge strategic], not "foo"\n')
    expect(err(`kubectl patch deploy nginx-deployment --subresource=spec -p '{}'`)).toBe('error: invalid subresource value: "spec". Must be one of [status scale]\n')
    expect(err(`kubectl patch deploy nope -p '{"spec":{}}'`)).toBe('Error from server (NotFound): deployments.apps "nope" not found\n')
    expect(err(`kubectl patch deploy nginx-deployment -p '{"spec":{"replicas":-1}}'`))
      .toBe('The Deployment "nginx-deployment" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n')
    expect(err(`kubectl patch deploy nginx-deployment -p '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}'`))
      .toBe('Error from server (BadRequest): map: {"image":"x"} does not contain declared merge key: name\n')
    expect(err(`kubectl patch deploy nginx-deployment -p '{bad'`)).toMatch(/^error: unable to parse "\{bad": error converting YAML to JSON: yaml: line 1: /)
  })
})

describe('kubectl patch --subresource=status and -f', () => {
  it('changes only status through the status subresource, and finds the object from a file', () => {
    const { run, cluster } = boot()
    expect(run(`kubectl patch deploy nginx-deployment --subresource=status --type=merge -p '{"status":{"collisionCount":2}}'`).stdout)
      .toBe('deployment.apps/nginx-deployment patched\n')
    expect(get(cluster).status!.collisionCount).toBe(2)
    expect(run(`kubectl patch -f nginx.yaml -p '{"metadata":{"labels":{"tier":"web"}}}'`).stdout).toBe('deployment.apps/nginx-deployment patched\n')
    expect(get(cluster).metadata!.labels).toEqual({ app: 'nginx', tier: 'web' })
  })
})
