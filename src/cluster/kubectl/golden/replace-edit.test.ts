/** kubectl replace -f and kubectl edit (the core side: KubectlResult.edit out, applyEdit back). */
import type { Deployment } from 'kubernetes-types/apps/v1'
import { describe, expect, it } from 'vitest'
import { applyEdit, EDIT_HEADER } from '../commands/edit'
import { boot, NGINX_YAML } from './mutation-fixture'

const replicas = (c: ReturnType<typeof boot>['cluster']) => c.api.get<Deployment>('Deployment', 'default', 'nginx-deployment').spec!.replicas

describe('kubectl replace', () => {
  it('replaces the object from a file, and says NotFound for a missing one', () => {
    const { run, cluster, files } = boot()
    files['r.yaml'] = NGINX_YAML.replace('replicas: 3', 'replicas: 2')
    expect(run('kubectl replace -f r.yaml').stdout).toBe('deployment.apps/nginx-deployment replaced\n')
    expect(replicas(cluster)).toBe(2)
    files['other.yaml'] = NGINX_YAML.replace('name: nginx-deployment', 'name: other')
    expect(run('kubectl replace -f other.yaml').stderr).toBe('Error from server (NotFound): error when replacing "other.yaml": deployments.apps "other" not found\n')
  })

  it('is conditional when the file carries a resourceVersion (409 Conflict)', () => {
    const { run, files } = boot()
    files['stale.yaml'] = NGINX_YAML.replace('  name: nginx-deployment\n', '  name: nginx-deployment\n  resourceVersion: "1"\n')
    const r = run('kubectl replace -f stale.yaml')
    expect(r.stderr).toBe('Error from server (Conflict): error when replacing "stale.yaml": Operation cannot be fulfilled on deployments.apps "nginx-deployment": '
      + 'the object has been modified; please apply your changes to the latest version and try again\n')
    expect(r.exitCode).toBe(1)
  })

  it('deletes and recreates with --force', () => {
    const { run, cluster } = boot()
    const uid = cluster.api.get<Deployment>('Deployment', 'default', 'nginx-deployment').metadata!.uid
    expect(run('kubectl replace --force -f nginx.yaml').stdout)
      .toBe('deployment.apps "nginx-deployment" deleted from default namespace\ndeployment.apps/nginx-deployment replaced\n')
    expect(cluster.api.get<Deployment>('Deployment', 'default', 'nginx-deployment').metadata!.uid).not.toBe(uid)
  })
})

describe('kubectl edit', () => {
  it('hands the object under kubectl\'s header to the host\'s editor and prints nothing', () => {
    const { run } = boot()
    const r = run('kubectl edit deploy nginx-deployment', { editor: true })
    expect(r.stdout + r.stderr).toBe('')
    expect(r.edit).toMatchObject({ kind: 'Deployment', namespace: 'default', name: 'nginx-deployment' })
    expect(r.edit!.yaml.startsWith(`${EDIT_HEADER}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n`)).toBe(true)
    expect(EDIT_HEADER.split('\n')[0]).toBe("# Please edit the object below. Lines beginning with a '#' will be ignored,")
  })

  it('fails as kubectl does when no editor can run (the headless runner)', () => {
    const { run } = boot()
    const r = run('kubectl edit deploy/nginx-deployment')
    expect(r.stderr).toBe('error: unable to launch the editor "vi"\n')
    expect(r.edit).toBeUndefined()
  })

  it('saves an edit, cancels an unchanged or empty buffer, and reopens an invalid one with the errors', () => {
    const { run, cluster, opts } = boot()
    const opened = run('kubectl edit deploy nginx-deployment', { editor: true }).edit!
    expect(applyEdit(cluster, opts, opened, opened.yaml)).toEqual({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 })
    expect(applyEdit(cluster, opts, opened, '# all gone\n')).toEqual({ stdout: '', stderr: 'Edit cancelled, saved file was empty.\n', exitCode: 0 })
    const bad = applyEdit(cluster, opts, opened, opened.yaml.replace('  replicas: 3', '  replicas: -1'))
    expect(bad.exitCode).toBe(1)
    expect(bad.edit!.yaml).toContain('#\n# deployments.apps "nginx-deployment" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps/v1\n')
    expect(applyEdit(cluster, opts, opened, opened.yaml.replace('  replicas: 3', '  replicas: 4'))).toEqual({ stdout: 'deployment.apps/nginx-deployment edited\n', stderr: '', exitCode: 0 })
    expect(replicas(cluster)).toBe(4)
    expect(applyEdit(cluster, opts, opened, opened.yaml.replace('name: nginx-deployment\n  namespace', 'name: renamed\n  namespace')).stderr)
      .toBe('error: At least one of apiVersion, kind and name was changed\n')
  })
})
