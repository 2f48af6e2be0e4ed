/** kubectl port-forward: the target pod and port resolved and checked, the forward handed to the host. */
import { describe, expect, it } from 'vitest'
import { boot } from './mutation-fixture'

describe('kubectl port-forward', () => {
  it('forwards to a pod of a Deployment on both loopback addresses and records it', () => {
    const { run, forwards } = boot()
    expect(run('kubectl port-forward deployment/nginx-deployment 8080:80').stdout).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n')
    expect(forwards).toHaveLength(1)
    expect(forwards[0]).toMatchObject({ namespace: 'default', target: 'deployment/nginx-deployment', localPort: 8080, remotePort: 80 })
    expect(forwards[0].pod).toMatch(/^nginx-deployment-/)
  })

  it('turns a Service port into its target port', () => {
    const { run } = boot()
    run('kubectl expose deployment nginx-deployment --name=web --port=8000 --target-port=80')
    expect(run('kubectl port-forward svc/web 9000:8000').stdout).toBe('Forwarding from 127.0.0.1:9000 -> 80\nForwarding from [::1]:9000 -> 80\n')
    expect(run('kubectl port-forward svc/web 9000:81').stderr).toBe('error: Service web does not have a service port 81\n')
  })

  it('refuses what kubectl refuses', () => {
    const { run } = boot({ apply: false })
    expect(run('kubectl port-forward pod/x').stderr).toBe("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n")
    expect(run('kubectl port-forward nope 80').stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
    run('kubectl run waiting --image=nginx')
    expect(run('kubectl port-forward waiting 80').stderr).toBe('error: unable to forward port because pod is not running. Current status=Pending\n')
    expect(run('kubectl port-forward waiting abc:80').stderr).toBe(`error: Error parsing local port 'abc': strconv.ParseUint: parsing "abc": invalid syntax\n`)
  })
})
