/** kubectl diff -f: live against the server's dry run of the apply, as `diff -u -N` prints it. */
import { describe, expect, it } from 'vitest'
import { boot, NGINX_YAML } from './mutation-fixture'

const HEADER = /^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.nginx-deployment \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.nginx-deployment\n--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.nginx-deployment\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000\n\+\+\+ \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.nginx-deployment\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000\n/

describe('kubectl diff', () => {
  it('exits 0 and prints nothing when the file matches the live object', () => {
    const { run } = boot()
    expect(run('kubectl diff -f nginx.yaml')).toEqual({ stdout: '', stderr: '', exitCode: 0 })
  })

  it('shows the changed fields and the generation bump, and exits 1', () => {
    const { run, files, cluster } = boot()
    files['new.yaml'] = NGINX_YAML.replace('replicas: 3', 'replicas: 5')
    const r = run('kubectl diff -f new.yaml')
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(HEADER)
    const hunks = r.stdout.replace(HEADER, '')
    expect(hunks).toContain('-  generation: 1\n+  generation: 2\n')
    expect(hunks).toContain(' spec:\n   progressDeadlineSeconds: 600\n-  replicas: 3\n+  replicas: 5\n   revisionHistoryLimit: 10\n')
    expect(hunks).toMatch(/^-      \{"apiVersion":"apps\/v1".*"replicas":3.*\n\+      \{"apiVersion".*"replicas":5/m)
    expect(cluster.api.get<{ spec: { replicas: number } }>('Deployment', 'default', 'nginx-deployment').spec.replicas).toBe(3)
  })

  it('shows a new object against an empty live side (diff -N)', () => {
    const { run } = boot({ apply: false })
    const r = run('kubectl diff -f nginx.yaml')
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/\t1970-01-01 00:00:00\.000000000 \+0000\n/)
    expect(r.stdout).toMatch(/\n@@ -0,0 \+1,\d+ @@\n\+apiVersion: apps\/v1\n\+kind: Deployment\n/)
  })

  it('gives the same temp dir names for the same seed', () => {
    const a = boot({ apply: false }).run('kubectl diff -f nginx.yaml').stdout
    const b = boot({ apply: false }).run('kubectl diff -f nginx.yaml').stdout
    expect(a).toBe(b)
  })
})
