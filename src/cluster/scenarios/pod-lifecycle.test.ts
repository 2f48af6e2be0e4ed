// The pod lifecycle on the simulated kubelet (kube v1.35): init and sidecar containers, restart
// back-off, termination with grace periods and hooks, OOM kills, and `kubectl logs`.
import { describe, expect, it } from 'vitest'
import type { Event as KEvent, Pod } from 'kubernetes-types/core/v1'
import { rows, run, type Run } from './run'

const events = (r: Run, pod: string, reason: string, ns = 'default') =>
  r.cluster.api.list<KEvent>('Event', { namespace: ns }).filter((e) => e.involvedObject.name === pod && e.reason === reason)
const pod = (r: Run, name: string, ns = 'default') => r.cluster.api.get<Pod>('Pod', ns, name)
const status = (r: Run, name: string, ns = 'default') => rows(r.more(`kubectl get pod ${name} -n ${ns}`).stdout)[0]

const MYAPP = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app.kubernetes.io/name: MyApp
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
  - name: init-mydb
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"]
EOF`
const service = (name: string, port: number) => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
  ports: [{protocol: TCP, port: 80, targetPort: ${port}}]
EOF`

describe('init containers', () => {
  it('the docs example: Init:0/2 until myservice exists, Init:1/2 until mydb exists, then Running', () => {
    const r = run(`${MYAPP}\nsleep 10`)
    expect(status(r, 'myapp-pod').slice(1, 3)).toEqual(['0/1', 'Init:0/2'])
    expect(pod(r, 'myapp-pod').status!.conditions!.find((c) => c.type === 'Initialized')).toMatchObject({
      status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-myservice init-mydb]',
    })
    expect(r.more('kubectl logs myapp-pod -c init-myservice --tail 2').stdout).toBe("nslookup: can't resolve 'myservice.default.svc.cluster.local'\nwaiting for myservice\n")
    r.more(`${service('myservice', 9376)}\nsleep 5`)
    expect(status(r, 'myapp-pod').slice(1, 3)).toEqual(['0/1', 'Init:1/2'])
    r.more(`${service('mydb', 9377)}\nsleep 5`)
    expect(status(r, 'myapp-pod').slice(1, 3)).toEqual(['1/1', 'Running'])
    const p = pod(r, 'myapp-pod')
    expect(p.status!.initContainerStatuses!.map((s) => [s.name, s.state?.terminated?.reason, s.ready, s.started])).toEqual([
      ['init-myservice', 'Completed', true, false], ['init-mydb', 'Completed', true, false],
    ])
    expect(p.status!.conditions!.find((c) => c.type === 'Initialized')!.status).toBe('True')
    expect(r.more('kubectl logs myapp-pod').stdout).toBe('The app is running!\n')
  })

  it('the app container waits as PodInitializing while the init container runs (kube: convertToAPIContainerStatuses)', () => {
    const r = run('kubectl apply -f pods/init-containers.yaml\nsleep 1')
    expect(pod(r, 'init-demo').status!.containerStatuses![0].state?.waiting?.reason).toBe('PodInitializing')
    const logs = r.more('kubectl logs init-demo')
    expect(logs.stderr).toBe('Defaulted container "nginx" out of: nginx, install (init)\nError from server (BadRequest): container "nginx" in pod "init-demo" is waiting to start: PodInitializing\n')
    r.more('sleep 10')
    expect(status(r, 'init-demo').slice(1, 3)).toEqual(['1/1', 'Running'])
    expect(r.more('kubectl logs init-demo -c install').stdout).toContain("'/work-dir/index.html' saved")
  })

  it('the KYAML copy of the init-containers example applies unchanged and runs', () => {
    const r = run('kubectl apply -f _kyaml/pods/init-containers.yaml\nsleep 15')
    expect(status(r, 'init-demo').slice(1, 3)).toEqual(['1/1', 'Running'])
  })

  it('a failing init container restarts with back-off (Init:CrashLoopBackOff) under restartPolicy Always', () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: bad-init}
spec:
  initContainers: [{name: fail, image: busybox:1.36, command: [sh, -c, 'exit 1']}]
  containers: [{name: app, image: nginx:1.27}]
EOF
sleep 5`)
    expect(status(r, 'bad-init')[2]).toMatch(/^Init:(Error|CrashLoopBackOff)$/)
    r.more('sleep 30')
    expect(status(r, 'bad-init')[2]).toBe('Init:CrashLoopBackOff')
    expect(pod(r, 'bad-init').status!.phase).toBe('Pending')
    expect(events(r, 'bad-init', 'BackOff')[0].message).toMatch(/^Back-off restarting failed container fail in pod bad-init_default\(/)
  })

  it('a failing init container fails the pod under restartPolicy Never (Init:Error)', () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: bad-init}
spec:
  restartPolicy: Never
  initContainers: [{name: fail, image: busybox:1.36, command: [sh, -c, 'exit 1']}]
  containers: [{name: app, image: nginx:1.27}]
EOF
sleep 10`)
    expect(status(r, 'bad-init').slice(1, 3)).toEqual(['0/1', 'Init:Error'])
    expect(pod(r, 'bad-init').status!.phase).toBe('Failed')
  })
})

describe('sidecar containers (init containers with restartPolicy Always)', () => {
  const job = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: with-sidecar}
spec:
  restartPolicy: Never
  initContainers:
  - name: logshipper
    image: busybox:1.36
    restartPolicy: Always
    command: [sh, -c, 'echo shipping; sleep 3600']
  - name: setup
    image: busybox:1.36
    command: [sh, -c, 'echo set up']
  containers:
  - name: main
    image: busybox:1.36
    command: [sh, -c, 'echo working; sleep 5']
EOF`

  it('start first, keep running beside the app, count in READY, then stop so the pod can succeed', () => {
    const r = run(`${job}\nsleep 4`)
    expect(status(r, 'with-sidecar').slice(1, 3)).toEqual(['2/2', 'Running'])
    const started = (name: string) => events(r, 'with-sidecar', 'Started').find((e) => e.involvedObject.fieldPath?.includes(`{${name}}`))!
    const order = ['logshipper', 'setup', 'main'].map((n) => Number(started(n).metadata!.resourceVersion))
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    // The app container exits: the kubelet stops the sidecar (a shell ignores SIGTERM: killed after 30 s).
    r.more('sleep 40')
    expect(events(r, 'with-sidecar', 'Killing').map((e) => e.message)).toEqual(['Stopping container logshipper'])
    expect(pod(r, 'with-sidecar').status!.phase).toBe('Succeeded')
    expect(status(r, 'with-sidecar')[2]).toBe('Completed')
  })
})

describe('restart back-off (kube: 10 s doubling to MaxContainerBackOff 300 s)', () => {
  it('a crashing container goes to CrashLoopBackOff with lastState and the BackOff event', () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: crash}
spec:
  containers: [{name: app, image: busybox:1.36, command: [sh, -c, 'echo oops; exit 3']}]
EOF
sleep 60`)
    const s = pod(r, 'crash').status!.containerStatuses![0]
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' })
    expect(s.restartCount).toBeGreaterThanOrEqual(3)
    expect(events(r, 'crash', 'BackOff')[0].message).toBe(`Back-off restarting failed container app in pod crash_default(${pod(r, 'crash').metadata!.uid})`)
    expect(r.more('kubectl logs crash --previous').stdout).toBe('oops\n')
  })

  it('--previous before any restart is the API server\'s BadRequest', () => {
    const r = run('kubectl apply -f controllers/nginx-deployment.yaml\nsleep 20')
    const name = pod(r, r.cluster.api.list<Pod>('Pod', { namespace: 'default' })[0].metadata!.name!).metadata!.name
    expect(r.more(`kubectl logs ${name} --previous`).stderr).toBe(`Error from server (BadRequest): previous terminated container "nginx" in pod "${name}" not found\n`)
  })
})

describe('termination', () => {
  it('nginx stops on SIGTERM within a second; a sleeping shell waits the whole grace period', () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: web, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: sleeper}
spec:
  terminationGracePeriodSeconds: 10
  containers: [{name: sh, image: busybox:1.36, command: [sh, -c, 'sleep 3600']}]
EOF
sleep 15`)
    const t0 = r.cluster.clock.now()
    r.more('kubectl delete pod web')
    expect(r.cluster.clock.now() - t0).toBeLessThan(1500)
    const t1 = r.cluster.clock.now()
    r.more('kubectl delete pod sleeper')
    expect(r.cluster.clock.now() - t1).toBeGreaterThanOrEqual(10_000)
    expect(events(r, 'sleeper', 'Killing')[0].message).toBe('Stopping container sh')
  })

  it('--grace-period=0 --force removes the pod at once', () => {
    const r = run('kubectl apply -f pods/simple-pod.yaml\nsleep 10')
    const t0 = r.cluster.clock.now()
    const out = r.more('kubectl delete pod nginx --grace-period=0 --force')
    expect(out.stdout).toContain('pod "nginx" force deleted')
    expect(r.cluster.clock.now()).toBe(t0)
    expect(r.cluster.api.find('Pod', 'default', 'nginx')).toBeUndefined()
  })

  it('lifecycle-events: postStart writes /usr/share/message, preStop quits nginx before SIGTERM', () => {
    const r = run('kubectl apply -f pods/lifecycle-events.yaml\nsleep 10')
    const kubelet = r.cluster.nodes.kubelet(pod(r, 'lifecycle-demo').spec!.nodeName!)!
    const c = kubelet.worker('default', 'lifecycle-demo')!.container('lifecycle-demo-container')!
    expect(c.fs!.get('/usr/share/message')).toBe('Hello from the postStart handler\n')
    const t0 = r.cluster.clock.now()
    r.more('kubectl delete pod lifecycle-demo')
    expect(r.cluster.clock.now() - t0).toBeLessThan(3000)
    expect(events(r, 'lifecycle-demo', 'FailedPreStopHook')).toEqual([])
  })
})

describe('memory limits', () => {
  const ns = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Namespace
metadata: {name: mem-example}
EOF`

  it('memory-demo-2 (250M with a 100Mi limit) is OOMKilled and then crash-loops, as the docs show', () => {
    const r = run(`${ns}\nkubectl apply -f pods/resource/memory-request-limit-2.yaml\nsleep 6`)
    const s = pod(r, 'memory-demo-2', 'mem-example').status!.containerStatuses![0]
    expect(s.lastState?.terminated ?? s.state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' })
    r.more('sleep 40')
    expect(status(r, 'memory-demo-2', 'mem-example')[2]).toMatch(/^(OOMKilled|CrashLoopBackOff)$/)
    expect(events(r, 'memory-demo-2', 'BackOff', 'mem-example').length).toBeGreaterThan(0)
  })

  it('memory-demo (150M with a 200Mi limit) keeps running', () => {
    const r = run(`${ns}\nkubectl apply -f pods/resource/memory-request-limit.yaml\nsleep 30`)
    expect(status(r, 'memory-demo', 'mem-example').slice(1, 4)).toEqual(['1/1', 'Running', '0'])
  })

  it('memory-demo-3 (requests 1000Gi) stays Pending: no node has the memory', () => {
    const r = run(`${ns}\nkubectl apply -f pods/resource/memory-request-limit-3.yaml\nsleep 10`)
    expect(status(r, 'memory-demo-3', 'mem-example')[2]).toBe('Pending')
    expect(events(r, 'memory-demo-3', 'FailedScheduling', 'mem-example')[0].message).toContain('Insufficient memory')
  })
})

describe('kubectl logs', () => {
  it('prints a container\'s output, with --timestamps and --tail, and -f returns what exists', () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: counter}
spec:
  containers: [{name: count, image: busybox:1.28, args: [/bin/sh, -c, 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done']}]
EOF
sleep 10`)
    const all = r.more('kubectl logs counter').stdout.trim().split('\n')
    expect(all.length).toBeGreaterThan(5)
    expect(all[0]).toMatch(/^0: \w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC 2026$/)
    expect(r.more('kubectl logs counter --tail 2').stdout.trim().split('\n')).toEqual(all.slice(-2))
    expect(r.more('kubectl logs counter --tail 1 --timestamps').stdout).toMatch(/^2026-01-01T09:00:\d\d\.\d{9}Z \d+: /)
    expect(r.more('kubectl logs -f counter').stdout.trim().split('\n').slice(0, all.length)).toEqual(all)
  })

  it('names a pod that does not exist as the API server does', () => {
    const r = run('kubectl logs nope')
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
  })
})
