// The everyday mutating commands as a learner types them in the runner (v1.35): patch, wait, set
// env/resources, diff, replace, create generators, and what a headless runner cannot do (edit).
import type { Deployment } from 'kubernetes-types/apps/v1'
import { describe, expect, it } from 'vitest'
import { NGINX, run } from './run'

const deploy = (r: ReturnType<typeof run>) => r.cluster.api.get<Deployment>('Deployment', 'default', 'nginx-deployment')

describe('changing a running Deployment in place', () => {
  it('patches, waits for the rollout, and the new pods carry the change', () => {
    const r = run([
      `kubectl apply -f ${NGINX}`,
      'kubectl wait --for=condition=Available deployment/nginx-deployment --timeout=60s',
      `kubectl patch deployment nginx-deployment -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.16.1"}]}}}}'`,
      'kubectl rollout status deployment/nginx-deployment --timeout=2m',
      "kubectl wait --for=jsonpath='{.status.updatedReplicas}'=3 deploy/nginx-deployment",
    ].join('\n'))
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('deployment.apps/nginx-deployment created\ndeployment.apps/nginx-deployment condition met\ndeployment.apps/nginx-deployment patched\n')
    expect(r.stdout).toContain('deployment "nginx-deployment" successfully rolled out\n')
    expect(r.stdout.endsWith('deployment.apps/nginx-deployment condition met\n')).toBe(true)
    expect(deploy(r).spec!.template.spec!.containers[0].image).toBe('nginx:1.16.1')
  })

  it('sets env and resources, which a diff of the applied file leaves alone (apply keeps what others set)', () => {
    const r = run([
      `kubectl apply -f ${NGINX}`,
      'kubectl set env deployment/nginx-deployment MODE=prod',
      'kubectl set resources deployment/nginx-deployment --limits=cpu=200m',
    ].join('\n'))
    expect(r.stdout).toBe('deployment.apps/nginx-deployment created\ndeployment.apps/nginx-deployment env updated\ndeployment.apps/nginx-deployment resource requirements updated\n')
    expect(r.more(`kubectl diff -f ${NGINX}`)).toEqual({ stdout: '', stderr: '', failed: 0 })
    const changed = r.cluster.api.get<Deployment>('Deployment', 'default', 'nginx-deployment')
    expect(changed.spec!.template.spec!.containers[0].env).toEqual([{ name: 'MODE', value: 'prod' }])
    expect(changed.spec!.template.spec!.containers[0].resources!.limits).toEqual({ cpu: '200m' })
  })

  it('says what kubectl says when the runner has no editor', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl edit deployment nginx-deployment`)
    expect(r.stderr).toBe('error: unable to launch the editor "vi"\n')
  })
})
