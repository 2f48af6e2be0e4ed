// kube-proxy (v1.35, iptables mode) routing Service traffic: ClusterIP, NodePort on every node's
// InternalIP, LoadBalancer addresses, random spread over ready endpoints, REJECT without endpoints,
// sessionAffinity ClientIP, externalTrafficPolicy Local, NetworkPolicy drops; in-pod wget and curl.
import { describe, expect, it } from 'vitest'
import type { Pod, Service } from 'kubernetes-types/core/v1'
import { NGINX, run, type Run } from './run'
import type { NetResponse } from '../network/types'

const svcIP = (r: Run, name: string) => r.cluster.api.get<Service>('Service', 'default', name).spec!.clusterIP!
const podsOf = (r: Run, label: Record<string, string>) =>
  r.cluster.api.list<Pod>('Pod', { namespace: 'default', labelSelector: { matchLabels: label } }).map((p) => p.metadata!.name!).sort()

/** Sends `n` requests and counts answers per pod. */
function spread(r: Run, n: number, send: () => NetResponse): Record<string, number> {
  const counts: Record<string, number> = {}
  for (let i = 0; i < n; i++) {
    const res = send()
    expect(res.error ?? res.status).toBe(200)
    counts[res.pod!.name] = (counts[res.pod!.name] ?? 0) + 1
  }
  return counts
}

const expectEven = (counts: Record<string, number>, pods: string[], n: number) => {
  expect(Object.keys(counts).sort()).toEqual(pods)
  // iptables' statistic-mode random chain: each of k endpoints gets ~n/k.
  for (const c of Object.values(counts)) expect(Math.abs(c - n / pods.length)).toBeLessThan(n / pods.length * 0.2)
}

const BUSYBOX = 'kubectl run bb --image=busybox:1.28 -- sleep 3600'

describe('Service routing through kube-proxy', () => {
  it('ClusterIP: requests from a pod spread over all ready endpoints at random (seeded, ~even)', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl expose deployment nginx-deployment --port 80\n${BUSYBOX}\nsleep 30`)
    const pods = podsOf(r, { 'app.kubernetes.io/name': 'nginx' })
    expect(pods).toHaveLength(3)
    const counts = spread(r, 900, () => r.cluster.network.request({ pod: { namespace: 'default', name: 'bb' } }, 'http://nginx-deployment'))
    expectEven(counts, pods, 900)
    const res = r.cluster.network.request({ pod: { namespace: 'default', name: 'bb' } }, 'http://nginx-deployment')
    expect(res.service).toEqual({ namespace: 'default', name: 'nginx-deployment' })
    expect(res.route[0]).toBe(`DNS nginx-deployment.default.svc.cluster.local → ${svcIP(r, 'nginx-deployment')}`)
    expect(res.route[1]).toMatch(new RegExp(`^kube-proxy \\(node-\\d\\): ${svcIP(r, 'nginx-deployment').replace(/\./g, '\\.')}:80 → 10\\.244\\.\\d+\\.\\d+:80$`))
  })

  it('NodePort: any node\'s InternalIP:nodePort reaches every endpoint from outside the cluster (externalTrafficPolicy Cluster)', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl expose deployment nginx-deployment --port 80 --type NodePort\nsleep 30`)
    const nodePort = r.cluster.api.get<Service>('Service', 'default', 'nginx-deployment').spec!.ports![0].nodePort!
    const pods = podsOf(r, { 'app.kubernetes.io/name': 'nginx' })
    for (const nodeIP of ['172.18.0.2', '172.18.0.3']) {
      expectEven(spread(r, 600, () => r.cluster.network.request({ external: true }, `http://${nodeIP}:${nodePort}/`)), pods, 600)
    }
    // The ClusterIP itself is not routable from a laptop.
    expect(r.cluster.network.request({ external: true }, `http://${svcIP(r, 'nginx-deployment')}`, { timeoutMs: 5000 })).toMatchObject({ error: 'timed out', latencyMs: 5000 })
  })

  it('externalTrafficPolicy Local: a node keeps to its own endpoints and drops traffic when it has none', () => {
    const r = run(`kubectl apply -f ${NGINX}
kubectl scale deployment nginx-deployment --replicas 1
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata: {name: local}
spec:
  type: NodePort
  externalTrafficPolicy: Local
  selector: {app.kubernetes.io/name: nginx}
  ports: [{port: 80, nodePort: 30080}]
EOF
sleep 30`)
    const pods = r.cluster.api.list<Pod>('Pod', { namespace: 'default', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'nginx' } } })
    expect(pods).toHaveLength(1)
    const ipOf = (node: string) => `172.18.0.${Number(node.replace('node-', '')) + 2}`
    const home = pods[0].spec!.nodeName!
    const other = ['node-1', 'node-2', 'node-3'].find((n) => n !== home)!
    const ok = r.cluster.network.request({ external: true }, `http://${ipOf(home)}:30080`)
    expect(ok.status).toBe(200)
    expect(ok.route).toContain(`kube-proxy (${home}): ${ipOf(home)}:30080 (NodePort) → ${pods[0].status!.podIP}:80`)
    const dropped = r.cluster.network.request({ external: true }, `http://${ipOf(other)}:30080`, { timeoutMs: 3000 })
    expect(dropped).toMatchObject({ error: 'timed out', latencyMs: 3000, service: { namespace: 'default', name: 'local' } })
  })

  it('LoadBalancer (tutorial expose-external-ip-address): the external IP spreads over the 5 hello-world pods', () => {
    const r = run('kubectl apply -f service/load-balancer-example.yaml\nkubectl expose deployment hello-world --type=LoadBalancer --name=my-service\nsleep 40')
    const lb = r.cluster.api.get<Service>('Service', 'default', 'my-service').status!.loadBalancer!.ingress![0].ip!
    expect(lb).toBe('172.18.255.200')
    const pods = podsOf(r, { 'app.kubernetes.io/name': 'load-balancer-example' })
    expect(pods).toHaveLength(5)
    expectEven(spread(r, 1000, () => r.cluster.network.request({ external: true }, `http://${lb}:8080`)), pods, 1000)
  })

  it('no endpoints: kube-proxy REJECTs — wget and curl print connection refused at once', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl create service clusterip nobody --tcp=80:80\nkubectl expose deployment nginx-deployment --name nobody2 --port 80 --selector app=none\n${BUSYBOX}\nsleep 30`)
    const name = r.cluster.api.find<Service>('Service', 'default', 'nobody') ? 'nobody' : 'nobody2'
    const ip = svcIP(r, name)
    const w = r.more(`kubectl exec bb -- wget -q -O- http://${name}`)
    expect(w.stderr).toBe(`wget: can't connect to remote host (${ip}): Connection refused\ncommand terminated with exit code 1\n`)
    const c = r.more(`kubectl exec deploy/nginx-deployment -- curl http://${name}`)
    expect(c.stderr).toBe(`curl: (7) Failed to connect to ${name} port 80 after 1 ms: Could not connect to server\ncommand terminated with exit code 7\n`)
    // busybox ships no curl: the shell says so; run directly, the runtime cannot find the binary.
    expect(r.more(`kubectl exec bb -- sh -c "curl http://${name}"`).stderr).toBe('sh: curl: not found\ncommand terminated with exit code 127\n')
    expect(r.more(`kubectl exec bb -- curl http://${name}`).stderr).toMatch(/^error: Internal error occurred: .*OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown\n$/)
  })

  it('sessionAffinity ClientIP: one client sticks to one endpoint, still hours later (timeoutSeconds 10800)', () => {
    const r = run(`kubectl apply -f ${NGINX}
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata: {name: sticky}
spec:
  selector: {app.kubernetes.io/name: nginx}
  sessionAffinity: ClientIP
  ports: [{port: 80}]
EOF
${BUSYBOX}
kubectl run bb2 --image=busybox:1.28 -- sleep 3600
sleep 30`)
    const from = (name: string) => () => r.cluster.network.request({ pod: { namespace: 'default', name } }, 'http://sticky')
    expect(Object.keys(spread(r, 50, from('bb')))).toHaveLength(1)
    // kube default: timeoutSeconds 10800 — still stuck an hour later.
    const first = Object.keys(spread(r, 1, from('bb')))[0]
    r.more('sleep 1h')
    expect(Object.keys(spread(r, 20, from('bb')))).toEqual([first])
    expect(r.cluster.network.rules().find((x) => x.name === 'sticky')).toMatchObject({ affinityTimeoutMs: 10_800_000 })
  })

  it('wget and curl from a pod print what busybox and curl print', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl expose deployment nginx-deployment --port 80\n${BUSYBOX}\nsleep 30`)
    const ip = svcIP(r, 'nginx-deployment')
    const w = r.more('kubectl exec bb -- wget -O- http://nginx-deployment')
    expect(w.stdout).toContain('<title>Welcome to nginx!</title>')
    expect(w.stderr).toBe(`Connecting to nginx-deployment (${ip}:80)\nwriting to stdout\n-                    100% |********************************|    615  0:00:00 ETA\nwritten to stdout\n`)
    expect(r.more('kubectl exec bb -- wget -q -O- http://nginx-deployment/nope').stderr).toBe('wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n')
    expect(r.more('kubectl exec bb -- wget -q -O- http://nginx-deploymnt').stderr).toBe("wget: bad address 'nginx-deploymnt'\ncommand terminated with exit code 1\n")
    const head = r.more('kubectl exec deploy/nginx-deployment -- curl -sI http://nginx-deployment')
    expect(head.stdout).toBe('HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: 615\n\n')
    expect(r.more('kubectl exec deploy/nginx-deployment -- curl http://nope').stderr).toBe('curl: (6) Could not resolve host: nope\ncommand terminated with exit code 6\n')
  })

  it('a NetworkPolicy that denies ingress: the request times out and says which policy dropped it', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl expose deployment nginx-deployment --port 80\n${BUSYBOX}\nkubectl apply -f service/networking/network-policy-default-deny-ingress.yaml\nsleep 30`)
    const res = r.cluster.network.request({ pod: { namespace: 'default', name: 'bb' } }, 'http://nginx-deployment', { timeoutMs: 2000 })
    expect(res).toMatchObject({ error: 'timed out', latencyMs: 2000, deniedBy: { namespace: 'default', name: 'default-deny-ingress', direction: 'ingress' } })
    expect(r.more('kubectl exec bb -- wget -T 2 -q -O- http://nginx-deployment').stderr).toBe('wget: download timed out\ncommand terminated with exit code 1\n')
  })

  it('the ingress address: ingress-nginx routes by Host and path to the Service\'s endpoints; no rule is its own 404 page', () => {
    const r = run(`kubectl apply -f ${NGINX}
kubectl expose deployment nginx-deployment --port 80
kubectl apply -f - <<EOF
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: hello.172.18.0.2.nip.io
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: nginx-deployment, port: {number: 80}}}}
EOF
sleep 30`)
    const ok = r.cluster.network.request({ external: true }, 'http://hello.172.18.0.2.nip.io/')
    expect(ok).toMatchObject({ status: 200, ingress: { namespace: 'default', name: 'web' }, service: { namespace: 'default', name: 'nginx-deployment' } })
    expect(ok.body).toContain('Welcome to nginx!')
    const miss = r.cluster.network.request({ external: true }, 'http://172.18.0.2/', { host: 'other.example' })
    expect(miss.status).toBe(404)
    expect(miss.body).toContain('<center><h1>404 Not Found</h1></center>')
  })
})
