// kubectl port-forward opens localhost:PORT on the learner's machine: curl (and the traffic view) reach the pod
// through the API server and kubelet, with no Service, kube-proxy or NetworkPolicy in the way.
import { describe, expect, it } from 'vitest'
import { run } from './run'

describe('kubectl port-forward', () => {
  it('localhost:8080 reaches the pod behind deploy/NAME, and a NetworkPolicy does not stop it', () => {
    const r = run(`kubectl apply -f controllers/nginx-deployment.yaml
kubectl apply -f service/networking/network-policy-default-deny-ingress.yaml
sleep 30`)
    expect(r.more('kubectl port-forward deploy/nginx-deployment 8080:80').stdout).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n')
    const out = r.more('curl -s http://localhost:8080')
    expect(out.stdout).toContain('<h1>Welcome to nginx!</h1>')
    const counts = Object.entries(r.cluster.traffic.pods())
    expect(counts).toEqual([[expect.stringMatching(/^default\/nginx-deployment-/), { ok: 1, failed: 0 }]])
  })

  it('a port nothing forwards is refused, and the forward ends with its pod', () => {
    const r = run(`kubectl run web --image=nginx:1.27.3
sleep 20
kubectl port-forward pod/web 9090:80`)
    expect(r.more('curl http://127.0.0.1:7070').stderr).toMatch(/^curl: \(7\) Failed to connect to 127\.0\.0\.1 port 7070 after \d+ ms: Could not connect to server\n$/)
    expect(r.more('curl -s http://localhost:9090').stdout).toContain('Welcome to nginx!')
    r.more('kubectl delete pod web\nsleep 5')
    expect(r.more('curl http://localhost:9090').stderr).toMatch(/^curl: \(7\) Failed to connect to localhost port 9090/)
  })
})
