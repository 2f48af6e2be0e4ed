// Traffic generators through the cluster network while the cluster changes under them: a node dies
// (kube: its endpoints stay until the node lifecycle controller marks its pods not ready), a
// Deployment rolls out (kube: without a readiness probe a pod gets traffic before it listens; the
// docs' fix for the terminating side is a preStop sleep, since kube-proxy programs changes a moment
// later — minSyncPeriod 1 s).
import { describe, expect, it } from 'vitest'
import { NGINX, rows, run, type Run } from './run'

const counters = (r: Run, name: string) => {
  const g = r.cluster.traffic.list().find((x) => x.name === name)!
  return { sent: g.sent, ok: g.ok, failed: g.failed }
}

const app = (probe: boolean, preStop = probe) => `kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata: {name: hello}
spec:
  replicas: 3
  selector: {matchLabels: {app: hello}}
  template:
    metadata: {labels: {app: hello}}
    spec:
      containers:
      - name: hello
        image: springio/gs-spring-boot-docker
        ports: [{containerPort: 8080}]
${probe ? `        readinessProbe:
          httpGet: {path: /, port: 8080}
          periodSeconds: 2` : ''}
${preStop ? `        lifecycle:
          preStop:
            sleep: {seconds: 5}` : ''}
---
apiVersion: v1
kind: Service
metadata: {name: hello}
spec:
  selector: {app: hello}
  ports: [{port: 80, targetPort: 8080}]
EOF`

describe('traffic generators', () => {
  it('the runner: `traffic NAME --to URL --rps N` spreads 100 rps over the pods; `traffic`, `traffic pods`, `traffic stop`', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl expose deployment nginx-deployment --port 80\nsleep 30\ntraffic web --to http://nginx-deployment --rps 100`)
    expect(r.stdout).toContain('traffic/web started\n')
    r.more('sleep 10')
    const table = r.more('traffic').stdout
    expect(table.split('\n')[0]).toBe('NAME   URL                       RPS   SENT   OK     FAILED')
    expect(rows(table)).toEqual([['web', 'http://nginx-deployment', '100', '1001', '1001', '0']])
    const pods = rows(r.more('traffic pods').stdout)
    expect(pods).toHaveLength(3)
    for (const [, ok, failed] of pods) {
      expect(Math.abs(Number(ok) - 1001 / 3)).toBeLessThan(60)
      expect(failed).toBe('0')
    }
    expect(r.more('traffic stop web').stdout).toBe('traffic/web stopped\n')
    expect(r.more('traffic stop web').stderr).toBe('traffic: generator "web" not found\n')
    const snap = r.cluster.traffic.snapshot()
    expect(snap.recent.length).toBe(500)
    expect(snap.recent[0]).toMatchObject({ source: 'web', url: 'http://nginx-deployment', ok: true, status: 200, service: 'default/nginx-deployment' })
    expect(r.cluster.traffic.snapshot().recent).toEqual([])
  })

  it("the HPA walkthrough's load generator (busybox `while sleep 0.01; do wget -q -O- http://php-apache; done`) really sends its requests", () => {
    const r = run(`kubectl apply -f application/php-apache.yaml
sleep 30
kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"
sleep 60`)
    expect(r.stderr).toBe('')
    const [[pod, ok, failed]] = rows(r.more('traffic pods').stdout)
    expect(pod).toMatch(/^default\/php-apache-/)
    // Each round: 10 ms of sleep, then the request's round trip (plus the shell's own time).
    expect(Number(ok)).toBeGreaterThan(3000)
    expect(failed).toBe('0')
    expect(r.more('kubectl logs load-generator --tail 2').stdout).toBe('OK!\nOK!\n')
  })

  it('a node dies: requests to its pod time out until the node lifecycle controller marks it not ready, then all succeed', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl expose deployment nginx-deployment --port 80\nsleep 30\ntraffic web --to http://nginx-deployment --rps 100\nsleep 10`)
    expect(counters(r, 'web').failed).toBe(0)
    r.more('node kill node-2')
    r.more('sleep 20')
    const during = counters(r, 'web')
    // About a third of the requests go to the dead node's pod and time out.
    expect(during.failed / (during.sent - 1001)).toBeGreaterThan(0.2)
    expect(during.failed / (during.sent - 1001)).toBeLessThan(0.45)
    const dead = r.cluster.traffic.snapshot().recent.filter((x) => !x.ok)
    expect(new Set(dead.map((x) => `${x.node} ${x.error}`))).toEqual(new Set(['node-2 timed out']))
    // kube: nodeMonitorGracePeriod, then Ready=False on its pods, then the endpoint leaves the slice.
    r.more('sleep 60')
    const after = counters(r, 'web')
    r.more('sleep 60')
    const later = counters(r, 'web')
    expect(later.sent - after.sent).toBe(6000)
    expect(later.failed).toBe(after.failed)
  })

  it('rollout WITHOUT a readiness probe: a new Spring Boot pod gets traffic before it listens — requests are refused', () => {
    const r = run(`${app(false)}\nsleep 60\ntraffic hello --to http://hello --rps 100\nsleep 5`)
    expect(counters(r, 'hello').failed).toBe(0)
    r.more('kubectl rollout restart deployment/hello')
    const errors = new Set<string>()
    for (let i = 0; i < 24; i++) {
      r.more('sleep 5')
      for (const x of r.cluster.traffic.snapshot().recent) if (x.error) errors.add(x.error)
    }
    const c = counters(r, 'hello')
    expect(c.failed).toBeGreaterThan(20)
    expect(errors.has('connection refused')).toBe(true)
  })

  it('rollout with a readiness probe but no preStop: old pods stop before kube-proxy has dropped them (minSyncPeriod) — a few requests fail', () => {
    const r = run(`${app(true, false)}\nsleep 60\ntraffic hello --to http://hello --rps 100\nsleep 5`)
    r.more('kubectl rollout restart deployment/hello')
    r.more('sleep 120')
    const c = counters(r, 'hello')
    expect(c.failed).toBeGreaterThan(0)
    expect(c.failed).toBeLessThan(100)
  })

  it('rollout WITH a readiness probe and a preStop sleep: no request is dropped', () => {
    const r = run(`${app(true)}\nsleep 60\ntraffic hello --to http://hello --rps 100\nsleep 5`)
    r.more('kubectl rollout restart deployment/hello')
    r.more('sleep 120')
    const c = counters(r, 'hello')
    expect(c.sent).toBeGreaterThan(12_000)
    expect(c.failed).toBe(0)
    expect(rows(r.more('kubectl get deploy hello').stdout)[0][1]).toBe('3/3')
  })

  it('100 rps for 10 virtual minutes stays cheap (60,000 requests)', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl expose deployment nginx-deployment --port 80\nsleep 30\ntraffic web --to http://nginx-deployment --rps 100`)
    const cpu = process.cpuUsage()
    r.more('sleep 10m')
    const used = process.cpuUsage(cpu)
    expect(counters(r, 'web')).toEqual({ sent: 60_001, ok: 60_001, failed: 0 })
    // About 1 s of CPU on a laptop; the bound leaves room for a busy CI machine.
    expect((used.user + used.system) / 1000).toBeLessThan(3000)
  })
})
