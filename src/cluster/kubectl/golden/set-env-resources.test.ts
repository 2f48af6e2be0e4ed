/** kubectl set env and kubectl set resources on a Deployment's pod template. */
import type { Deployment } from 'kubernetes-types/apps/v1'
import { describe, expect, it } from 'vitest'
import { boot } from './mutation-fixture'

const container = (c: ReturnType<typeof boot>['cluster']) => c.api.get<Deployment>('Deployment', 'default', 'nginx-deployment').spec!.template.spec!.containers[0]

describe('kubectl set env', () => {
  it('sets, lists and removes variables; no change prints nothing', () => {
    const { run, cluster } = boot()
    expect(run('kubectl set env deployment/nginx-deployment STORAGE_DIR=/local MODE=dev').stdout).toBe('deployment.apps/nginx-deployment env updated\n')
    expect(run('kubectl set env deployment/nginx-deployment MODE=dev').stdout).toBe('')
    expect(run('kubectl set env deployment/nginx-deployment --list').stdout).toBe('# deployments nginx-deployment, container nginx\nSTORAGE_DIR=/local\nMODE=dev\n')
    expect(run('kubectl set env deployment/nginx-deployment MODE-').stdout).toBe('deployment.apps/nginx-deployment env updated\n')
    expect(container(cluster).env).toEqual([{ name: 'STORAGE_DIR', value: '/local' }])
  })

  it('imports a ConfigMap\'s keys as references with --from', () => {
    const { run, cluster } = boot()
    run('kubectl create configmap cfg --from-literal=log.level=debug --from-literal=mode=x')
    expect(run('kubectl set env deploy/nginx-deployment --from=configmap/cfg').stdout).toBe('deployment.apps/nginx-deployment env updated\n')
    expect(container(cluster).env).toEqual([
      { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { key: 'log.level', name: 'cfg' } } },
      { name: 'MODE', valueFrom: { configMapKeyRef: { key: 'mode', name: 'cfg' } } },
    ])
    expect(run('kubectl set env deploy/nginx-deployment --list').stdout)
      .toBe('# deployments nginx-deployment, container nginx\n# LOG_LEVEL from configmap cfg, key log.level\n# MODE from configmap cfg, key mode\n')
  })

  it('refuses what kubectl refuses', () => {
    const { run } = boot()
    expect(run('kubectl set env deploy/nginx-deployment').stderr).toBe('error: at least one environment variable must be provided\n')
    expect(run('kubectl set env FOO=bar').stderr).toMatch(/^error: one or more resources must be specified as <resource> <name> or <resource>\/<name>\n/)
    expect(run('kubectl set env deploy/nginx-deployment A=1 --dry-run=client').stdout).toBe('deployment.apps/nginx-deployment env updated (dry run)\n')
  })
})

describe('kubectl set resources', () => {
  it('sets limits and requests; the same again prints nothing', () => {
    const { run, cluster } = boot()
    const line = 'kubectl set resources deployment nginx-deployment -c=nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi'
    expect(run(line).stdout).toBe('deployment.apps/nginx-deployment resource requirements updated\n')
    expect(run(line).stdout).toBe('')
    expect(container(cluster).resources).toEqual({ limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } })
  })

  it('refuses an empty update and a bad quantity', () => {
    const { run } = boot()
    expect(run('kubectl set resources deploy/nginx-deployment').stderr).toBe('error: you must specify an update to requests or limits (in the form of --requests/--limits)\n')
    expect(run('kubectl set resources deploy/nginx-deployment --limits=cpu=lots').stderr)
      .toBe("error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n")
  })
})
