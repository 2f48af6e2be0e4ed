// Scheduling through the runner: node selectors and affinity, inter-pod affinity, topology spread,
// host ports, priority classes and preemption, as the Kubernetes docs describe them (v1.35).
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Event as KEvent, Pod } from 'kubernetes-types/core/v1'
import { createCluster, type Cluster, type NodeSpec } from '../cluster'
import { runScript } from '../kubectl/script'
import { explainScheduling } from '../scheduler'

const EXAMPLES = resolve(__dirname, '../../../public/examples')

/** The runner against a cluster of our choosing (zones, sizes). */
function runOn(nodes: NodeSpec[] | undefined, script: string) {
  const cluster = createCluster({ seed: 1, ...(nodes ? { nodes } : {}) })
  const exec = (text: string) => {
    const r = runScript(cluster, text, { readFile: (p) => readFileSync(resolve(EXAMPLES, p), 'utf8') })
    const pick = (s: 'stdout' | 'stderr') => r.output.filter((c) => c.stream === s).map((c) => c.text).join('')
    return { stdout: pick('stdout'), stderr: pick('stderr'), failed: r.failed }
  }
  return { cluster, ...exec(script), more: exec }
}

const pod = (c: Cluster, name: string) => c.api.get<Pod>('Pod', 'default', name)
const eventsOf = (c: Cluster, name: string) =>
  c.api.list<KEvent>('Event', { namespace: 'default' }).filter((e) => e.involvedObject.name === name)
const messages = (c: Cluster, name: string, reason: string) =>
  eventsOf(c, name).filter((e) => e.reason === reason).map((e) => e.message)

const PENDING_ON_SELECTOR =
  "0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn't match Pod's node affinity/selector. " +
  'no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..'

describe('nodeSelector and node affinity (docs: Assign Pods to Nodes)', () => {
  it('pod-nginx.yaml (nodeSelector disktype=ssd) stays Pending until a node is labelled disktype=ssd, then runs there', () => {
    const r = runOn(undefined, 'kubectl apply -f pods/pod-nginx.yaml\nsleep 5')
    expect(r.stdout).toBe('pod/nginx created\n')
    expect(pod(r.cluster, 'nginx').spec?.nodeName).toBeUndefined()
    expect(messages(r.cluster, 'nginx', 'FailedScheduling')).toEqual([PENDING_ON_SELECTOR])
    const out = r.more('kubectl label nodes node-1 disktype=ssd\nsleep 10\nkubectl get pods -o wide')
    expect(out.stderr).toBe('')
    expect(pod(r.cluster, 'nginx').spec?.nodeName).toBe('node-1')
    expect(messages(r.cluster, 'nginx', 'Scheduled')).toEqual(['Successfully assigned default/nginx to node-1'])
    expect(out.stdout).toMatch(/\nnginx\s+1\/1\s+Running\s+0\s+\S+\s+\S+\s+node-1\s+<none>\s+<none>\n/)
  })

  it('pod-nginx-required-affinity.yaml (required In disktype=ssd) waits for the label the same way', () => {
    const r = runOn(undefined, 'kubectl apply -f pods/pod-nginx-required-affinity.yaml\nsleep 5')
    expect(pod(r.cluster, 'nginx').status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({
      status: 'False', reason: 'Unschedulable', message: PENDING_ON_SELECTOR,
    })
    r.more('kubectl label nodes node-3 disktype=ssd\nsleep 10')
    expect(pod(r.cluster, 'nginx').spec?.nodeName).toBe('node-3')
  })

  it('pod-with-affinity-anti-affinity.yaml: required kubernetes.io/os In (linux, macOs) fits every worker; the weight-50 preference wins over the weight-1 one', () => {
    const r = runOn(undefined, [
      'kubectl label nodes node-1 label-1=key-1',
      'kubectl label nodes node-2 label-2=key-2',
      'kubectl apply -f pods/pod-with-affinity-anti-affinity.yaml',
      'sleep 5',
    ].join('\n'))
    expect(r.stderr).toBe('')
    const p = pod(r.cluster, 'with-affinity-anti-affinity')
    expect(p.spec?.nodeName).toBe('node-2')
    const d = r.cluster.scheduler.lastDecision(p.metadata!.uid!)!
    const byNode = Object.fromEntries(d.scores.map((s) => [s.node, s.byPlugin.NodeAffinity]))
    // kube: preferred weights summed (50 and 1), scaled so the best is 100, times NodeAffinity's weight 2.
    expect(byNode).toEqual({ 'node-2': 200, 'node-1': 4, 'node-3': 0 })
  })

  it('the old docs pod-with-node-affinity.yaml (weighted terms under required…) is refused with the decoding error', () => {
    const r = runOn(undefined, 'kubectl apply -f _legacy/pods/pod-with-node-affinity.yaml')
    expect(r.failed).toBe(1)
    expect(r.stderr).toContain(
      'json: cannot unmarshal array into Go struct field NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of type v1.NodeSelector',
    )
    expect(r.cluster.api.find('Pod', 'default', 'with-node-affinity')).toBeUndefined()
  })

  it('matchFields on metadata.name pins a pod to one node (kube: the only supported field)', () => {
    const r = runOn(undefined, `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: pinned
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchFields:
          - key: metadata.name
            operator: In
            values: [node-3]
  containers:
  - name: app
    image: nginx
EOF
sleep 5`)
    expect(pod(r.cluster, 'pinned').spec?.nodeName).toBe('node-3')
  })
})

const ZONES: NodeSpec[] = [
  { name: 'node1', labels: { zone: 'zoneA' } },
  { name: 'node2', labels: { zone: 'zoneA' } },
  { name: 'node3', labels: { zone: 'zoneB' } },
  { name: 'node4', labels: { zone: 'zoneB' } },
]

/** The docs' starting point: three pods labelled foo=bar on node1, node2 and node3. */
const THREE_FOO_BAR = ['node1', 'node2', 'node3'].map((n, i) => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: foo-${i + 1}
  labels:
    foo: bar
spec:
  nodeName: ${n}
  containers:
  - name: pause
    image: registry.k8s.io/pause:3.8
EOF`).join('\n')

describe('pod topology spread constraints (docs: Pod Topology Spread Constraints)', () => {
  it.each([
    ['pods/topology-spread-constraints/one-constraint.yaml'],
    ['_kyaml/pods/topology-spread-constraints/one-constraint.yaml'],
  ])('%s: with 2 foo=bar pods in zoneA and 1 in zoneB, mypod can only go to zoneB (maxSkew 1, DoNotSchedule)', (file) => {
    const r = runOn(ZONES, `${THREE_FOO_BAR}\nkubectl apply -f ${file}\nsleep 5`)
    expect(r.stderr).toBe('')
    const p = pod(r.cluster, 'mypod')
    expect(['node3', 'node4']).toContain(p.spec?.nodeName)
    const d = r.cluster.scheduler.lastDecision(p.metadata!.uid!)!
    expect(d.filtered.map((f) => [f.node, f.plugin, f.reason]).sort()).toEqual([
      ['node1', 'PodTopologySpread', "node(s) didn't match pod topology spread constraints"],
      ['node2', 'PodTopologySpread', "node(s) didn't match pod topology spread constraints"],
    ])
  })

  it('a node without the topology key is rejected with "(missing required label)" and preemption cannot help it', () => {
    const nodes = [...ZONES.slice(0, 2), { name: 'nozone' }]
    const r = runOn(nodes, `${THREE_FOO_BAR.split('\nkubectl').slice(0, 2).join('\nkubectl')}\nkubectl apply -f pods/topology-spread-constraints/one-constraint.yaml\nsleep 5`)
    // Both zoneA nodes hold a foo=bar pod: zoneA is the only domain, so skew is 0 and mypod fits there.
    expect(['node1', 'node2']).toContain(pod(r.cluster, 'mypod').spec?.nodeName)
    const d = r.cluster.scheduler.lastDecision(pod(r.cluster, 'mypod').metadata!.uid!)!
    expect(d.filtered).toContainEqual({
      node: 'nozone', plugin: 'PodTopologySpread', reason: "node(s) didn't match pod topology spread constraints (missing required label)",
    })
  })

  it('when every schedulable domain would exceed maxSkew the pod stays Pending with the spread reason', () => {
    // node3 is cordoned: zoneB still counts as a domain (cordoning is no inclusion policy), but cannot take the pod.
    const r = runOn(ZONES.slice(0, 3), `${THREE_FOO_BAR}\nkubectl cordon node3\nkubectl apply -f pods/topology-spread-constraints/one-constraint.yaml\nsleep 5`)
    expect(messages(r.cluster, 'mypod', 'FailedScheduling')).toEqual([
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match pod topology spread constraints. " +
      'no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, ' +
      '2 No preemption victims found for incoming pod..',
    ])
    r.more('kubectl uncordon node3\nsleep 5')
    expect(pod(r.cluster, 'mypod').spec?.nodeName).toBe('node3')
  })

  it("a Deployment's pods are spread by the system default constraints (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway)", () => {
    const r = runOn(undefined, 'kubectl apply -f controllers/nginx-deployment.yaml\nsleep 10')
    const pods = r.cluster.api.list<Pod>('Pod', { namespace: 'default' })
    const nodes = pods.map((p) => p.spec?.nodeName).sort()
    expect(nodes).toEqual(['node-1', 'node-2', 'node-3'])
    const last = r.cluster.scheduler.lastDecision(pods[pods.length - 1].metadata!.uid!)!
    expect(Object.keys(last.scores[0].byPlugin)).toContain('PodTopologySpread')
  })
})

describe('inter-pod affinity and anti-affinity (docs: Assign Pods to Nodes)', () => {
  const REDIS = `kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis-cache
spec:
  selector:
    matchLabels:
      app: store
  replicas: 3
  template:
    metadata:
      labels:
        app: store
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchExpressions:
              - key: app
                operator: In
                values:
                - store
            topologyKey: "kubernetes.io/hostname"
      containers:
      - name: redis-server
        image: redis:3.2-alpine
EOF`
  const WEB = `kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-server
spec:
  selector:
    matchLabels:
      app: web-store
  replicas: 3
  template:
    metadata:
      labels:
        app: web-store
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchExpressions:
              - key: app
                operator: In
                values:
                - web-store
            topologyKey: "kubernetes.io/hostname"
        podAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchExpressions:
              - key: app
                operator: In
                values:
                - store
            topologyKey: "kubernetes.io/hostname"
      containers:
      - name: web-app
        image: nginx:1.16-alpine
EOF`
  const placement = (c: Cluster, app: string) =>
    c.api.list<Pod>('Pod', { namespace: 'default', labelSelector: `app=${app}` }).map((p) => p.spec?.nodeName ?? '<none>').sort()

  it('the docs example: redis-cache replicas on separate nodes, each web-server replica next to one of them', () => {
    const r = runOn(undefined, `${REDIS}\nsleep 5\n${WEB}\nsleep 5`)
    expect(r.stderr).toBe('')
    expect(placement(r.cluster, 'store')).toEqual(['node-1', 'node-2', 'node-3'])
    expect(placement(r.cluster, 'web-store')).toEqual(['node-1', 'node-2', 'node-3'])
  })

  it("a fourth anti-affine replica fits nowhere: node(s) didn't match pod anti-affinity rules", () => {
    const r = runOn(undefined, `${REDIS}\nsleep 5\nkubectl scale deployment redis-cache --replicas=4\nsleep 5`)
    const pending = r.cluster.api.list<Pod>('Pod', { namespace: 'default' }).find((p) => !p.spec?.nodeName)!
    expect(messages(r.cluster, pending.metadata!.name!, 'FailedScheduling')).toEqual([
      "0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn't match pod anti-affinity rules. " +
      'no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, ' +
      '3 No preemption victims found for incoming pod..',
    ])
  })

  it("web-server without redis-cache fits nowhere: node(s) didn't match pod affinity rules (unresolvable by preemption)", () => {
    const r = runOn(undefined, `${WEB}\nsleep 5`)
    const first = r.cluster.api.list<Pod>('Pod', { namespace: 'default' })[0]
    expect(messages(r.cluster, first.metadata!.name!, 'FailedScheduling')[0]).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn't match pod affinity rules. " +
      'no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling..',
    )
    // kube: adding the pods it needs (an assigned Pod/Add event) requeues it.
    r.more(`${REDIS}\nsleep 15`)
    expect(placement(r.cluster, 'web-store')).toEqual(['node-1', 'node-2', 'node-3'])
  })

  it("existing pods' anti-affinity is honoured: node(s) didn't satisfy existing pods anti-affinity rules", () => {
    const r = runOn(undefined, `${REDIS}\nsleep 5
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: another-store
  labels:
    app: store
spec:
  containers:
  - name: app
    image: redis
EOF
sleep 5`)
    expect(messages(r.cluster, 'another-store', 'FailedScheduling')[0]).toMatch(
      /^0\/4 nodes are available: 1 node\(s\) had untolerated taint\(s\), 3 node\(s\) didn't satisfy existing pods anti-affinity rules\. /,
    )
  })

  it('pod-with-pod-affinity.yaml needs a security=S1 pod in the same zone', () => {
    const zones: NodeSpec[] = [
      { name: 'node-a', zone: 'antarctica-east1' }, { name: 'node-b', zone: 'antarctica-east1' }, { name: 'node-c', zone: 'antarctica-west1' },
    ]
    const r = runOn(zones, `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: s1
  labels:
    security: S1
spec:
  nodeName: node-c
  containers:
  - name: app
    image: nginx
EOF
kubectl apply -f pods/pod-with-pod-affinity.yaml
sleep 5`)
    expect(pod(r.cluster, 'with-pod-affinity').spec?.nodeName).toBe('node-c')
  })
})

describe('host ports (kube: NodePorts plugin)', () => {
  it("a second pod wanting the same hostPort on a one-worker cluster waits: node(s) didn't have free ports", () => {
    const hostPortPod = (name: string) => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: nginx
    image: nginx
    ports:
    - containerPort: 80
      hostPort: 8080
EOF`
    const r = runOn([{ name: 'node-1' }], `${hostPortPod('first')}\nsleep 5\n${hostPortPod('second')}\nsleep 5`)
    expect(pod(r.cluster, 'first').spec?.nodeName).toBe('node-1')
    expect(messages(r.cluster, 'second', 'FailedScheduling')).toEqual([
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. " +
      'no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..',
    ])
    r.more('kubectl delete pod first\nsleep 40')
    expect(pod(r.cluster, 'second').spec?.nodeName).toBe('node-1')
  })
})

// The docs' PriorityClass and pod (Pod Priority and Preemption).
const HIGH_PRIORITY = `kubectl apply -f - <<EOF
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high-priority
value: 1000000
globalDefault: false
description: "This priority class should be used for XYZ service pods only."
EOF`
const NGINX_HIGH = (requests = '') => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    env: test
spec:
  containers:
  - name: nginx
    image: nginx
    imagePullPolicy: IfNotPresent${requests}
  priorityClassName: high-priority
EOF`

describe('PriorityClass and Priority admission (docs: Pod Priority and Preemption)', () => {
  it('the API server starts with system-cluster-critical (2000000000) and system-node-critical (2000001000)', () => {
    const r = runOn(undefined, 'kubectl get priorityclasses')
    expect(r.stderr).toBe('')
    expect(r.stdout).toMatch(/\nsystem-cluster-critical\s+2000000000\s/)
    expect(r.stdout).toMatch(/\nsystem-node-critical\s+2000001000\s/)
  })

  it('a pod naming a PriorityClass gets its value and preemption policy', () => {
    const r = runOn(undefined, `${HIGH_PRIORITY}\n${NGINX_HIGH()}\nsleep 5`)
    expect(r.stdout).toBe('priorityclass.scheduling.k8s.io/high-priority created\npod/nginx created\n')
    expect(pod(r.cluster, 'nginx').spec).toMatchObject({ priorityClassName: 'high-priority', priority: 1000000, preemptionPolicy: 'PreemptLowerPriority' })
  })

  it('a pod naming an unknown PriorityClass is forbidden by the API server', () => {
    const r = runOn(undefined, NGINX_HIGH())
    expect(r.failed).toBe(1)
    expect(r.stderr).toContain('pods "nginx" is forbidden: no PriorityClass with name high-priority was found')
  })

  it('user classes above 1000000000 and new system- names are refused', () => {
    const r = runOn(undefined, `kubectl apply -f - <<EOF
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: too-high
value: 1000000001
EOF`)
    expect(r.stderr).toContain('value: Forbidden: maximum allowed value of a user defined priority is 1000000000')
  })
})

describe('preemption (kube: DefaultPreemption)', () => {
  const LOW = (name: string) => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: "1500m"
EOF`
  const REQUESTS = '\n    resources:\n      requests:\n        cpu: "2"'

  it('a high-priority pod that fits nowhere evicts the fewest lower-priority pods, is nominated, then runs there', () => {
    const r = runOn([{ name: 'node-1', cpu: '2' }, { name: 'node-2', cpu: '3' }], [
      LOW('low-1'), LOW('low-2'), LOW('low-3'), 'sleep 10', HIGH_PRIORITY, NGINX_HIGH(REQUESTS),
    ].join('\n'))
    const c = r.cluster
    // node-1 holds one low pod (one victim), node-2 two: the node with fewer victims wins.
    const onNode1 = ['low-1', 'low-2', 'low-3'].find((n) => pod(c, n).spec?.nodeName === 'node-1')!
    const victim = pod(c, onNode1)
    expect(victim.metadata?.deletionTimestamp).toBeDefined()
    expect(victim.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({
      status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod',
    })
    const preemptor = pod(c, 'nginx')
    expect(messages(c, onNode1, 'Preempted')).toEqual([`Preempted by pod ${preemptor.metadata!.uid} on node node-1`])
    expect(preemptor.status?.nominatedNodeName).toBe('node-1')
    // kube: a successful preemption leaves only the filters' reasons in the message.
    expect(messages(c, 'nginx', 'FailedScheduling')).toEqual(['0/2 nodes are available: 2 Insufficient cpu.'])
    expect(r.more('kubectl get pod nginx -o wide').stdout).toMatch(/\nnginx\s+0\/1\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+node-1\s+<none>\n/)
    r.more('sleep 5')
    expect(pod(c, 'nginx').spec?.nodeName).toBe('node-1')
    expect(messages(c, 'nginx', 'Scheduled')).toEqual(['Successfully assigned default/nginx to node-1'])
    expect(c.api.find('Pod', 'default', onNode1)).toBeUndefined()
    expect(['low-1', 'low-2', 'low-3'].filter((n) => n !== onNode1).map((n) => pod(c, n).metadata?.deletionTimestamp)).toEqual([undefined, undefined])
  })

  it('a PriorityClass with preemptionPolicy Never waits instead of evicting', () => {
    const r = runOn([{ name: 'node-1', cpu: '2' }], [LOW('low-1'), 'sleep 10', `kubectl apply -f - <<EOF
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high-priority
value: 1000000
preemptionPolicy: Never
globalDefault: false
description: "This priority class will not cause other pods to be preempted."
EOF`, NGINX_HIGH(REQUESTS), 'sleep 5'].join('\n'))
    expect(messages(r.cluster, 'nginx', 'FailedScheduling')).toEqual([
      '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never..',
    ])
    expect(pod(r.cluster, 'low-1').metadata?.deletionTimestamp).toBeUndefined()
  })
})

describe('explaining a decision to the UI (rule 8: every decision is recorded)', () => {
  it('explainScheduling names the plugin that rejected each node and the score breakdown', () => {
    const r = runOn(undefined, 'kubectl label nodes node-2 disktype=ssd\nkubectl apply -f pods/pod-with-affinity-anti-affinity.yaml\nkubectl apply -f pods/pod-nginx.yaml\nsleep 5')
    const placed = explainScheduling(r.cluster.scheduler.lastDecision(pod(r.cluster, 'with-affinity-anti-affinity').metadata!.uid!)!)
    expect(placed[0]).toMatch(/^default\/with-affinity-anti-affinity → node-\d \(attempt 1\)$/)
    expect(placed).toContain('control-plane: rejected by TaintToleration: node(s) had untolerated taint(s)')
    expect(placed.some((l) => /^node-\d: score \d+ \(chosen\) = TaintToleration \d+ \+ NodeAffinity \d+/.test(l))).toBe(true)
    const one = explainScheduling(r.cluster.scheduler.lastDecision(pod(r.cluster, 'nginx').metadata!.uid!)!)
    expect(one).toContain('node-2: the only feasible node, not scored')
  })
})
