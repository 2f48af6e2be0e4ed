// The runner's `curl` is curl on the learner's machine: outside the cluster, as in the docs' tutorials.
import { describe, expect, it } from 'vitest'
import { run } from './run'

describe('curl from outside the cluster', () => {
  const r = run(`kubectl apply -f controllers/nginx-deployment.yaml
kubectl expose deployment nginx-deployment --type=NodePort --port=80 --name=web
sleep 30`)
  const nodePort = () => JSON.parse(r.more('kubectl get svc web -o json').stdout).spec.ports[0].nodePort as number

  it('reaches a NodePort on a node address (kube: every node forwards its node ports)', () => {
    const out = r.more(`curl -s http://172.18.0.3:${nodePort()}`)
    expect(out.stdout).toContain('<h1>Welcome to nginx!</h1>')
    expect(out.failed).toBe(0)
  })

  it('cannot resolve cluster DNS names: they exist only inside the cluster', () => {
    const out = r.more('curl http://web.default.svc.cluster.local')
    expect(out.stderr).toBe('curl: (6) Could not resolve host: web.default.svc.cluster.local\n')
    expect(out.failed).toBe(1)
  })

  it('cannot reach a ClusterIP from outside', () => {
    const ip = JSON.parse(r.more('kubectl get svc web -o json').stdout).spec.clusterIP as string
    const out = r.more(`curl -m 2 http://${ip}`)
    expect(out.stderr).toMatch(/^curl: \((7|28)\) /)
  })
})
