// Probes (kube v1.35 pkg/kubelet/prober): the docs' liveness and readiness examples
// (tasks/configure-pod-container/configure-liveness-readiness-startup-probes) behave as the page says.
import { describe, expect, it } from 'vitest'
import type { Event as KEvent, Pod } from 'kubernetes-types/core/v1'
import { rows, run, type Run } from './run'

const events = (r: Run, pod: string, reason: string) =>
  r.cluster.api.list<KEvent>('Event', { namespace: 'default' }).filter((e) => e.involvedObject.name === pod && e.reason === reason)
const pod = (r: Run, name: string) => r.cluster.api.get<Pod>('Pod', 'default', name)

describe('liveness and readiness probes', () => {
  it('exec liveness: cat /tmp/healthy passes for 30 s, then 3 failures (kube default failureThreshold 3) kill and restart the container', () => {
    for (const file of ['pods/probe/exec-liveness.yaml', '_kyaml/pods/probe/exec-liveness.yaml']) {
      const r = run(`kubectl apply -f ${file}\nsleep 25`)
      expect(events(r, 'liveness-exec', 'Unhealthy')).toEqual([])
      expect(rows(r.more('kubectl get pod liveness-exec').stdout)[0].slice(1, 4)).toEqual(['1/1', 'Running', '0'])
      r.more('sleep 25')
      const unhealthy = events(r, 'liveness-exec', 'Unhealthy')
      expect(unhealthy[0].message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory")
      expect(unhealthy[0].count).toBe(3)
      const killing = events(r, 'liveness-exec', 'Killing')
      expect(killing.map((e) => e.message)).toEqual(['Container liveness failed liveness probe, will be restarted'])
      // A shell as PID 1 ignores SIGTERM: killed at the end of terminationGracePeriodSeconds (kube default 30).
      r.more('sleep 35')
      const s = pod(r, 'liveness-exec').status!.containerStatuses![0]
      expect(s.restartCount).toBe(1)
      expect(s.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' })
      expect(rows(r.more('kubectl get pod liveness-exec').stdout)[0][3]).toMatch(/^1 \(\d+s ago\)$/)
    }
  })

  it('http liveness: agnhost liveness answers /healthz 200 for 10 s, then 500; the kubelet restarts it', () => {
    const r = run('kubectl apply -f _kyaml/pods/probe/http-liveness.yaml\nsleep 30')
    expect(events(r, 'liveness-http', 'Unhealthy')[0].message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 500')
    expect(events(r, 'liveness-http', 'Killing')[0].message).toBe('Container liveness failed liveness probe, will be restarted')
    expect(pod(r, 'liveness-http').status!.containerStatuses![0].restartCount).toBeGreaterThanOrEqual(1)
  })

  it('the older k8s.gcr.io/liveness /server of the docs copy behaves the same', () => {
    const r = run('kubectl apply -f pods/probe/http-liveness.yaml\nsleep 30')
    expect(events(r, 'liveness-http', 'Unhealthy')[0].message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 500')
  })

  it('tcp readiness: goproxy is not Ready before initialDelaySeconds 15, Ready after, and never unhealthy', () => {
    const r = run('kubectl apply -f pods/probe/tcp-liveness-readiness.yaml\nsleep 10')
    expect(rows(r.more('kubectl get pod goproxy').stdout)[0].slice(1, 3)).toEqual(['0/1', 'Running'])
    expect(pod(r, 'goproxy').status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' })
    r.more('sleep 20')
    expect(rows(r.more('kubectl get pod goproxy').stdout)[0].slice(1, 3)).toEqual(['1/1', 'Running'])
    r.more('sleep 60')
    expect(events(r, 'goproxy', 'Unhealthy')).toEqual([])
  })

  it('a readiness probe on a port nothing listens on keeps the pod unready with connection refused', () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: web
    image: nginx:1.27
    readinessProbe:
      tcpSocket: {port: 8080}
      periodSeconds: 5
EOF
sleep 30`)
    const ip = pod(r, 'web').status!.podIP
    expect(events(r, 'web', 'Unhealthy')[0].message).toBe(`Readiness probe failed: dial tcp ${ip}:8080: connect: connection refused`)
    expect(rows(r.more('kubectl get pod web').stdout)[0].slice(1, 4)).toEqual(['0/1', 'Running', '0'])
  })

  it('a startup probe holds liveness back and `started` stays false until it passes', () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: slow}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'sleep 20; touch /tmp/started; sleep 3600']
    startupProbe:
      exec: {command: [cat, /tmp/started]}
      periodSeconds: 5
      failureThreshold: 10
    livenessProbe:
      exec: {command: [cat, /tmp/started]}
EOF
sleep 10`)
    expect(pod(r, 'slow').status!.containerStatuses![0]).toMatchObject({ started: false, ready: false })
    r.more('sleep 30')
    expect(pod(r, 'slow').status!.containerStatuses![0]).toMatchObject({ started: true, ready: true, restartCount: 0 })
    expect(events(r, 'slow', 'Unhealthy').every((e) => e.message!.startsWith('Startup probe failed:'))).toBe(true)
  })
})
