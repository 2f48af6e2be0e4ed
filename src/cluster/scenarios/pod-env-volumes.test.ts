// A pod's environment, hostname and volumes through the runner: the kubelet resolves env
// (downward API fieldRef/resourceFieldRef, `$(VAR)` expansion), names the container's host, and
// mounts emptyDir, downwardAPI and projected volumes shared by the pod's containers (Kubernetes
// v1.35: kubelet_pods.go makeEnvironmentVariables, podFieldSelectorRuntimeValue, volume manager).
import { describe, expect, it } from 'vitest'
import type { Job } from 'kubernetes-types/batch/v1'
import type { Event, Pod } from 'kubernetes-types/core/v1'
import { run } from './run'

const pod = (r: ReturnType<typeof run>, name: string) => r.cluster.api.get<Pod>('Pod', 'default', name)
const events = (r: ReturnType<typeof run>, name: string) => r.cluster.api.list<Event>('Event', { namespace: 'default' })
  .filter((e) => e.involvedObject.name === name)
  .sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion))
  .map((e) => `${e.type} ${e.reason} ${e.message}`)

function apply(yaml: string): string {
  return `kubectl apply -f - <<EOF\n${yaml}\nEOF`
}

// The docs' dapi-envars-pod.yaml ("Expose Pod Information to Containers Through Environment Variables").
const DAPI_ENVARS_POD = `apiVersion: v1
kind: Pod
metadata:
  name: dapi-envars-fieldref
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox
      command: [ "sh", "-c"]
      args:
      - while true; do
          echo -en '\\n';
          printenv MY_NODE_NAME MY_POD_NAME MY_POD_NAMESPACE;
          printenv MY_POD_IP MY_POD_SERVICE_ACCOUNT;
          sleep 10;
        done;
      env:
        - name: MY_NODE_NAME
          valueFrom:
            fieldRef:
              fieldPath: spec.nodeName
        - name: MY_POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: MY_POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        - name: MY_POD_IP
          valueFrom:
            fieldRef:
              fieldPath: status.podIP
        - name: MY_POD_SERVICE_ACCOUNT
          valueFrom:
            fieldRef:
              fieldPath: spec.serviceAccountName
  restartPolicy: Never`

// The docs' dapi-envars-container.yaml: a container's own requests and limits.
const DAPI_ENVARS_CONTAINER = `apiVersion: v1
kind: Pod
metadata:
  name: dapi-envars-resourcefieldref
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox:1.27.2
      command: [ "sh", "-c"]
      args:
      - while true; do
          echo -en '\\n';
          printenv MY_CPU_REQUEST MY_CPU_LIMIT;
          printenv MY_MEM_REQUEST MY_MEM_LIMIT;
          sleep 10;
        done;
      resources:
        requests:
          memory: "32Mi"
          cpu: "125m"
        limits:
          memory: "64Mi"
          cpu: "250m"
      env:
        - name: MY_CPU_REQUEST
          valueFrom:
            resourceFieldRef:
              containerName: test-container
              resource: requests.cpu
        - name: MY_CPU_LIMIT
          valueFrom:
            resourceFieldRef:
              containerName: test-container
              resource: limits.cpu
        - name: MY_MEM_REQUEST
          valueFrom:
            resourceFieldRef:
              containerName: test-container
              resource: requests.memory
        - name: MY_MEM_LIMIT
          valueFrom:
            resourceFieldRef:
              containerName: test-container
              resource: limits.memory
  restartPolicy: Never`

describe('environment variables from the downward API (kube: podFieldSelectorRuntimeValue)', () => {
  it('the docs dapi-envars-pod prints its node, name, namespace, pod IP and service account', () => {
    const r = run(`${apply(DAPI_ENVARS_POD)}\nsleep 15\nkubectl logs dapi-envars-fieldref`)
    expect(r.stderr).toBe('')
    const p = pod(r, 'dapi-envars-fieldref')
    const block = [p.spec!.nodeName, 'dapi-envars-fieldref', 'default', p.status!.podIP, 'default']
    expect(r.stdout.split('\n').slice(1)).toEqual(['', ...block, '', ...block, ''])
  })

  it('the docs dapi-envars-container reads its requests and limits, cpu rounded up to whole cores (divisor 1)', () => {
    const r = run(`${apply(DAPI_ENVARS_CONTAINER)}\nsleep 5\nkubectl logs dapi-envars-resourcefieldref`)
    // kube: ExtractContainerResourceValue — ceil(125m / 1) = 1, ceil(250m / 1) = 1, memory in bytes.
    expect(r.stdout.split('\n').slice(1)).toEqual(['', '1', '1', '33554432', '67108864', ''])
  })

  it('a divisor of 1m reads millicores, 1Mi mebibytes; an unset limit reads as the node allocatable (4 cores, 8Gi)', () => {
    const r = run(`${apply(`apiVersion: v1
kind: Pod
metadata: {name: res, labels: {app: web, tier: front}, annotations: {note: hello}}
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox:1.36
    command: [sh, -c, 'printenv CPU MEM NOLIMIT NOMEM APP NOTE UID HOST LABELS']
    resources: {requests: {cpu: 250m, memory: 64Mi}}
    env:
    - {name: CPU, valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}}
    - {name: MEM, valueFrom: {resourceFieldRef: {resource: requests.memory, divisor: 1Mi}}}
    - {name: NOLIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
    - {name: NOMEM, valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Gi}}}
    - {name: APP, valueFrom: {fieldRef: {fieldPath: "metadata.labels['app']"}}}
    - {name: NOTE, valueFrom: {fieldRef: {fieldPath: "metadata.annotations['note']"}}}
    - {name: UID, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}
    - {name: HOST, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}
    - {name: LABELS, valueFrom: {fieldRef: {fieldPath: metadata.labels}}}`)}\nsleep 5\nkubectl logs res`)
    const p = pod(r, 'res')
    expect(r.stdout.split('\n').slice(1, -1)).toEqual([
      '250', '64', '4', '8', 'web', 'hello', p.metadata!.uid, p.status!.hostIP,
      // kube: fieldpath.FormatMap — sorted key="value" lines.
      'app="web"', 'tier="front"',
    ])
  })
})

describe('command and args expansion (kube: expansion of $(VAR), $$ escapes)', () => {
  it('a value refers to variables defined before it; command and args see them all; undefined and $$ stay literal', () => {
    const r = run(`${apply(`apiVersion: v1
kind: Pod
metadata: {name: expand}
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox:1.36
    env:
    - {name: GREETING, value: "Warm greetings to"}
    - {name: HONORIFIC, value: "The Most Honorable"}
    - {name: NAME, value: "Kubernetes"}
    - {name: MESSAGE, value: "$(GREETING) $(HONORIFIC) $(NAME)"}
    - {name: EARLY, value: "$(LATER)"}
    - {name: LATER, value: "later"}
    command: ["echo"]
    args: ["$(MESSAGE)", "$(UNDEFINED)", "$$(NAME)", "$(EARLY)"]`)}\nsleep 5\nkubectl logs expand`)
    expect(r.stdout.split('\n')[1]).toBe('Warm greetings to The Most Honorable Kubernetes $(UNDEFINED) $(NAME) $(LATER)')
  })
})

describe('a missing ConfigMap or Secret (kube: CreateContainerConfigError)', () => {
  it('the container waits with CreateContainerConfigError and the event Failed "Error: configmap "x" not found", retried every 10-15 s', () => {
    const r = run(`${apply(`apiVersion: v1
kind: Pod
metadata: {name: needs-config}
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: [sleep, "3600"]
    envFrom:
    - configMapRef: {name: special-config}`)}\nsleep 30\nkubectl get pod needs-config`)
    expect(r.stdout).toMatch(/needs-config\s+0\/1\s+CreateContainerConfigError\s+0\s+30s/)
    const s = pod(r, 'needs-config').status!.containerStatuses![0]
    expect(s.state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "special-config" not found' })
    const failed = events(r, 'needs-config').filter((e) => e.includes('Failed'))
    expect(failed[0]).toBe('Warning Failed Error: configmap "special-config" not found')
    // kube: the pod worker retries a failed sync after 10 s with jitter 0.5: a second and third try in 30 s.
    const ev = r.cluster.api.list<Event>('Event', { namespace: 'default' }).find((e) => e.reason === 'Failed' && e.involvedObject.name === 'needs-config')!
    expect(ev.count).toBeGreaterThanOrEqual(2)
    expect(ev.count).toBeLessThanOrEqual(3)
  })

  it('a secretKeyRef to a missing Secret says secret "x" not found; optional references are skipped', () => {
    const r = run(`${apply(`apiVersion: v1
kind: Pod
metadata: {name: needs-secret}
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: [sleep, "3600"]
    env:
    - {name: OPTIONAL, valueFrom: {configMapKeyRef: {name: nope, key: k, optional: true}}}
    - {name: PASSWORD, valueFrom: {secretKeyRef: {name: db-pass, key: password}}}`)}\nsleep 5`)
    expect(pod(r, 'needs-secret').status!.containerStatuses![0].state?.waiting?.message).toBe('secret "db-pass" not found')
  })
})

describe('the container hostname (kube: GeneratePodHostnameAndDomain)', () => {
  it('is spec.hostname when set, else the pod name cut to 63 characters; $HOSTNAME agrees', () => {
    const long = 'a'.repeat(62) + '-bcd'
    const r = run(`${apply(`apiVersion: v1
kind: Pod
metadata: {name: named}
spec:
  hostname: busybox-1
  subdomain: default-subdomain
  restartPolicy: Never
  containers:
  - {name: c, image: busybox:1.36, command: [sh, -c, 'hostname; echo $HOSTNAME']}
---
apiVersion: v1
kind: Pod
metadata: {name: ${long}}
spec:
  restartPolicy: Never
  containers:
  - {name: c, image: busybox:1.36, command: [sh, -c, 'hostname']}`)}\nsleep 5\nkubectl logs named\nkubectl logs ${long}`)
    // The 63rd character is '-': truncatePodHostnameIfNeeded drops it with the rest.
    expect(r.stdout.split('\n').slice(2)).toEqual(['busybox-1', 'busybox-1', 'a'.repeat(62), ''])
  })
})

describe('volumes shared by the containers of a pod (kube: the kubelet volume manager)', () => {
  it('the docs indexed-job.yaml: each init container writes its chunk to an emptyDir, each worker prints it reversed, the Job completes 5/5', () => {
    const r = run('kubectl apply -f application/job/indexed-job.yaml\nsleep 60\nkubectl get job indexed-job')
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/indexed-job\s+Complete\s+5\/5/)
    const job = r.cluster.api.get<Job>('Job', 'default', 'indexed-job')
    expect(job.status!.completedIndexes).toBe('0-4')
    const pods = r.cluster.api.list<Pod>('Pod', { namespace: 'default' })
      .map((p) => [Number(p.metadata!.annotations!['batch.kubernetes.io/job-completion-index']), p.metadata!.name!] as const)
      .sort((a, b) => a[0] - b[0])
    expect(pods.map(([i]) => i)).toEqual([0, 1, 2, 3, 4])
    // The docs: items=(foo bar baz qux xyz), reversed by `rev /input/data.txt`.
    const logs = pods.map(([, name]) => r.more(`kubectl logs ${name}`).stdout.trim())
    expect(logs).toEqual(['oof', 'rab', 'zab', 'xuq', 'zyx'])
    // The init container wrote nothing to its own output.
    expect(r.more(`kubectl logs ${pods[0][1]} -c input`).stdout).toBe('')
  })

  it('a file written in an emptyDir survives a container restart; the container layer does not', () => {
    const r = run(`${apply(`apiVersion: v1
kind: Pod
metadata: {name: counter}
spec:
  restartPolicy: OnFailure
  volumes: [{name: cache, emptyDir: {medium: Memory, sizeLimit: 1Mi}}]
  containers:
  - name: c
    image: busybox:1.36
    volumeMounts: [{name: cache, mountPath: /cache}]
    command: [sh, -c, 'echo x >> /cache/runs; echo y >> /tmp/runs; wc -l /cache/runs /tmp/runs; test $(cat /cache/runs | wc -l) -ge 2 || exit 1']`)}\nsleep 20\nkubectl logs counter --previous\nkubectl logs counter`)
    expect(r.stdout.split('\n').slice(1, -1)).toEqual([
      // busybox wc pads counts to 9 columns when it lists several files, and adds a total.
      '        1 /cache/runs', '        1 /tmp/runs', '        2 total',
      '        2 /cache/runs', '        1 /tmp/runs', '        3 total',
    ])
  })

  it('the service account volume holds namespace, ca.crt and a JWT token at /var/run/secrets/kubernetes.io/serviceaccount', () => {
    const r = run(`${apply(`apiVersion: v1
kind: Pod
metadata: {name: sa, namespace: kube-public}
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox:1.36
    command: [sh, -c, 'cd /var/run/secrets/kubernetes.io/serviceaccount; ls /var/run/secrets/kubernetes.io/serviceaccount; cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; cut -d. -f2 /var/run/secrets/kubernetes.io/serviceaccount/token']`)}\nsleep 5\nkubectl logs sa -n kube-public`)
    const [, ls1, ls2, ls3, ns, claims] = r.stdout.split('\n')
    expect([ls1, ls2, ls3, ns]).toEqual(['ca.crt', 'namespace', 'token', 'kube-public'])
    const payload = JSON.parse(atob(claims.replace(/-/g, '+').replace(/_/g, '/')))
    expect(payload.sub).toBe('system:serviceaccount:kube-public:default')
    expect(payload['kubernetes.io'].pod.name).toBe('sa')
  })

  it('the docs downward API volume (dapi-volume.yaml) shows the labels and annotations as key="value" files', () => {
    const r = run(`${apply(`apiVersion: v1
kind: Pod
metadata:
  name: kubernetes-downwardapi-volume-example
  labels:
    zone: us-est-coast
    cluster: test-cluster1
    rack: rack-22
  annotations:
    build: two
    builder: john-doe
spec:
  containers:
    - name: client-container
      image: registry.k8s.io/busybox
      command: ["sh", "-c"]
      args:
      - while true; do
          if [[ -e /etc/podinfo/labels ]]; then
            echo -en '\\n\\n'; cat /etc/podinfo/labels; fi;
          if [[ -e /etc/podinfo/annotations ]]; then
            echo -en '\\n\\n'; cat /etc/podinfo/annotations; fi;
          sleep 5;
        done;
      volumeMounts:
        - name: podinfo
          mountPath: /etc/podinfo
  volumes:
    - name: podinfo
      downwardAPI:
        items:
          - path: "labels"
            fieldRef:
              fieldPath: metadata.labels
          - path: "annotations"
            fieldRef:
              fieldPath: metadata.annotations`)}\nsleep 3\nkubectl logs kubernetes-downwardapi-volume-example`)
    const out = r.stdout.split('\n').slice(1)
    expect(out.slice(0, 5)).toEqual(['', '', 'cluster="test-cluster1"', 'rack="rack-22"', 'zone="us-est-coast"'])
    expect(out).toContain('build="two"')
    expect(out).toContain('builder="john-doe"')
  })
})
