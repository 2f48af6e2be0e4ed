// Node operations as the "Safely Drain a Node" and "Taints and Tolerations" pages describe them:
// cordon, drain through the Eviction API with PodDisruptionBudgets, taints, labels, and machines
// joining and leaving the cluster.
import { describe, expect, it } from 'vitest'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1'
import { createCluster } from '../cluster'
import { NGINX, rows, run } from './run'

const podsOn = (r: ReturnType<typeof run>, node: string) =>
  r.cluster.api.list<Pod>('Pod', { namespace: 'default', fieldSelector: `spec.nodeName=${node}` })
const lines = (s: string) => s.trim().split('\n')
const pdb = (min: number | string) => `kubectl apply -f - <<EOF
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: nginx-pdb
spec:
  minAvailable: ${min}
  selector:
    matchLabels:
      app.kubernetes.io/name: nginx
EOF`
/** Three replicas, all on node-1: the other workers are cordoned while they are placed. */
const allOnNode1 = `kubectl cordon node-2\nkubectl cordon node-3\nkubectl apply -f ${NGINX}\nkubectl rollout status deployment/nginx-deployment
kubectl uncordon node-2\nkubectl uncordon node-3`

describe('kubectl cordon and uncordon', () => {
  it('cordon sets spec.unschedulable: new pods avoid the node, existing ones stay (NodeUnschedulable)', () => {
    const r = run(`kubectl apply -f ${NGINX}\nsleep 10\nkubectl cordon node-1\nkubectl cordon node-1`)
    expect(r.stdout).toContain('node/node-1 cordoned\nnode/node-1 already cordoned\n')
    expect(rows(r.more('kubectl get node node-1').stdout)[0][1]).toBe('Ready,SchedulingDisabled')
    expect(podsOn(r, 'node-1')).toHaveLength(1)
    r.more('kubectl scale deployment/nginx-deployment --replicas=6\nsleep 10')
    expect(podsOn(r, 'node-1')).toHaveLength(1)
    const out = r.more('kubectl uncordon node-1\nkubectl uncordon node-1')
    expect(out.stdout).toBe('node/node-1 uncordoned\nnode/node-1 already uncordoned\n')
    expect(r.cluster.api.get<Node>('Node', undefined, 'node-1').spec?.unschedulable).toBeUndefined()
    expect(r.more('kubectl cordon node-9').stderr).toBe('Error from server (NotFound): nodes "node-9" not found\n')
  })
})

describe('kubectl drain', () => {
  it('cordons, evicts every pod, waits until each is gone, and the Deployment replaces them elsewhere', () => {
    const r = run(`kubectl apply -f ${NGINX}\nsleep 10`)
    const victim = podsOn(r, 'node-1')[0].metadata!.name!
    const out = r.more('kubectl drain node-1')
    expect(out.stdout).toBe(`node/node-1 cordoned\nevicting pod default/${victim}\npod/${victim} evicted\nnode/node-1 drained\n`)
    expect(out.stderr).toBe('')
    expect(podsOn(r, 'node-1')).toHaveLength(0)
    expect(r.cluster.api.list<Pod>('Pod', { namespace: 'default' })).toHaveLength(3)
    expect(r.cluster.api.get<Node>('Node', undefined, 'node-1').spec?.unschedulable).toBe(true)
  })

  it('the evicted pod carries DisruptionTarget=True, reason EvictionByEvictionAPI, while it terminates', () => {
    const r = run(`kubectl apply -f ${NGINX}\nsleep 10`)
    const terminating: Pod[] = []
    r.cluster.api.watch<Pod>('Pod', (e) => { if (e.object.metadata?.deletionTimestamp) terminating.push(e.object) })
    r.more('kubectl drain node-3')
    expect(terminating[0].status!.conditions!.find((c) => c.type === 'DisruptionTarget'))
      .toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' })
  })

  it('refuses pods no controller manages unless --force, and evicts nothing then', () => {
    const r = run(`kubectl label nodes node-1 disktype=ssd\nkubectl apply -f pods/pod-nginx.yaml\nkubectl apply -f ${NGINX}\nsleep 10`)
    expect(podsOn(r, 'node-1').map((p) => p.metadata!.name)).toContain('nginx')
    const before = podsOn(r, 'node-1').length
    const out = r.more('kubectl drain node-1')
    expect(out.stdout).toBe('node/node-1 cordoned\n')
    expect(out.stderr).toBe([
      'error: unable to drain node "node-1" due to error: cannot delete Pods that declare no controller (use --force to override): default/nginx, continuing command...',
      'There are pending nodes to be drained:',
      ' node-1',
      'cannot delete Pods that declare no controller (use --force to override): default/nginx',
      '',
    ].join('\n'))
    expect(podsOn(r, 'node-1')).toHaveLength(before)
    const forced = r.more('kubectl drain node-1 --force')
    expect(forced.stdout).toMatch(/^node\/node-1 already cordoned\n/)
    expect(forced.stderr).toBe('Warning: deleting Pods that declare no controller: default/nginx\n')
    expect(forced.stdout).toContain('pod/nginx evicted\n')
    expect(lines(forced.stdout).at(-1)).toBe('node/node-1 drained')
  })

  it('refuses pods with emptyDir data unless --delete-emptydir-data', () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: scratch
spec:
  nodeName: node-2
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
  volumes:
  - name: tmp
    emptyDir: {}
EOF
sleep 10
kubectl drain node-2 --force`)
    expect(r.stderr).toContain('cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch')
    const ok = r.more('kubectl drain node-2 --force --delete-emptydir-data --grace-period=5')
    expect(ok.stdout).toContain('pod/scratch evicted\n')
  })

  const daemonSets = createCluster().api.resolveKind('DaemonSet') !== undefined
  // DaemonSets come from another part of the simulator; this runs once the kind is served.
  it.skipIf(!daemonSets)('DaemonSet-managed pods stop the drain unless --ignore-daemonsets, which leaves them running', () => {
    const r = run(`kubectl apply -f controllers/daemonset.yaml\nsleep 30`)
    const ds = r.cluster.api.list<Pod>('Pod', { namespace: 'kube-system', fieldSelector: 'spec.nodeName=node-1' })
      .filter((p) => p.metadata!.ownerReferences?.some((o) => o.kind === 'DaemonSet'))
    expect(ds).toHaveLength(1)
    const name = `kube-system/${ds[0].metadata!.name}`
    const out = r.more('kubectl drain node-1')
    expect(out.stderr).toContain(`error: unable to drain node "node-1" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${name}, continuing command...`)
    const ok = r.more('kubectl drain node-1 --ignore-daemonsets')
    expect(ok.stderr).toBe(`Warning: ignoring DaemonSet-managed Pods: ${name}\n`)
    expect(lines(ok.stdout).at(-1)).toBe('node/node-1 drained')
  })
})

describe('PodDisruptionBudgets and the Eviction API', () => {
  it('the docs\' zookeeper budget (minAvailable 2) reports its pods through the disruption controller', () => {
    const r = run(`kubectl apply -f policy/zookeeper-pod-disruption-budget-minavailable.yaml\nsleep 1\nkubectl get pdb`)
    expect(r.stdout).toMatch(/^poddisruptionbudget\.policy\/zk-pdb created\n/)
    expect(rows(r.stdout.split('\n').slice(1).join('\n'))).toEqual([['zk-pdb', '2', 'N/A', '0', '1s']])
    // Three pods the budget selects, kept by a Deployment (the tutorial's StatefulSet does the same job).
    const zk = `kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: zk
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: zookeeper
  template:
    metadata:
      labels:
        app.kubernetes.io/name: zookeeper
    spec:
      containers:
      - name: zk
        image: nginx
EOF`
    r.more(`${zk}\nkubectl rollout status deployment/zk`)
    const status = r.cluster.api.get<PodDisruptionBudget>('PodDisruptionBudget', 'default', 'zk-pdb').status!
    // kube: an integer minAvailable counts the selected pods; allowed = healthy - desired.
    expect(status).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1, observedGeneration: 1 })
    expect(status.conditions).toEqual([expect.objectContaining({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' })])
  })

  it('percentages scale with the controllers\' replicas: maxUnavailable 34% of 3 rounds up to 2', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl rollout status deployment/nginx-deployment\n${pdb('"34%"').replace('minAvailable', 'maxUnavailable')}\nsleep 1\nkubectl get pdb`)
    expect(rows(r.stdout.split('\n').filter((l) => /^(NAME|nginx-pdb) /.test(l)).join('\n'))).toEqual([['nginx-pdb', 'N/A', '34%', '2', '1s']])
    expect(r.cluster.api.get<PodDisruptionBudget>('PodDisruptionBudget', 'default', 'nginx-pdb').status)
      .toMatchObject({ expectedPods: 3, desiredHealthy: 1, currentHealthy: 3, disruptionsAllowed: 2 })
  })

  it('validates the budget as the API server does', () => {
    const r = run(pdb('"120%"'))
    expect(r.stderr).toBe('The PodDisruptionBudget "nginx-pdb" is invalid: spec.minAvailable: Invalid value: "120%": must not be greater than 100%\n')
  })

  it('drain is refused with 429 while the budget allows no disruption, and retried every 5 s until a replacement is Ready', () => {
    const r = run(`${allOnNode1}\n${pdb(2)}\nsleep 1`)
    expect(podsOn(r, 'node-1')).toHaveLength(3)
    const start = r.cluster.clock.now()
    const out = r.more('kubectl drain node-1')
    const names = podsOn(r, 'node-1').map((p) => p.metadata!.name)
    expect(names).toEqual([])
    const stdout = lines(out.stdout)
    expect(stdout[0]).toBe('node/node-1 cordoned')
    expect(stdout.at(-1)).toBe('node/node-1 drained')
    expect(stdout.filter((l) => l.endsWith(' evicted'))).toHaveLength(3)
    // kube: the Eviction API's 429 as kubectl drain prints it before sleeping EvictErrorRetryDelay.
    expect(out.stderr).toMatch(/^error when evicting pods\/"nginx-deployment-\w+-\w+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.\n/)
    // Each retry starts with "evicting pod" again.
    expect(stdout.filter((l) => l.startsWith('evicting pod')).length).toBeGreaterThan(3)
    expect(r.cluster.clock.now() - start).toBeGreaterThanOrEqual(10_000)
    const status = r.cluster.api.get<PodDisruptionBudget>('PodDisruptionBudget', 'default', 'nginx-pdb').status!
    expect(status).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1 })
    expect(status.disruptedPods).toBeUndefined()
  })

  it('a budget that can never allow a disruption makes drain --timeout give up with kubectl\'s message', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl rollout status deployment/nginx-deployment\n${pdb(3)}\nsleep 1`)
    const victim = podsOn(r, 'node-1')[0].metadata!.name!
    const out = r.more('kubectl drain node-1 --timeout=12s')
    expect(out.stdout).toBe(`node/node-1 cordoned\n${`evicting pod default/${victim}\n`.repeat(4)}`)
    expect(out.stderr).toContain(`There are pending pods in node "node-1" when an error occurred: error when evicting pods/"${victim}" -n "default": global timeout reached: 12s\npod/${victim}\n`)
    expect(lines(out.stderr).at(-1)).toBe(`error when evicting pods/"${victim}" -n "default": global timeout reached: 12s`)
    expect(podsOn(r, 'node-1')).toHaveLength(1)
  })
})

describe('kubectl taint', () => {
  it('a NoExecute taint evicts the pods that do not tolerate it at once (taint-eviction-controller)', () => {
    const r = run(`kubectl apply -f ${NGINX}\nsleep 10`)
    const out = r.more('kubectl taint nodes node-3 dedicated=special:NoExecute')
    expect(out.stdout).toBe('node/node-3 tainted\n')
    const left = podsOn(r, 'node-3')
    expect(left.every((p) => p.metadata!.deletionTimestamp)).toBe(true)
    expect(r.more('kubectl taint nodes node-3 dedicated=other:NoExecute').stderr)
      .toBe('error: node node-3 already has dedicated taint(s) with same effect(s) and --overwrite is false\n')
    expect(r.more('kubectl taint nodes node-3 dedicated=other:NoExecute --overwrite').stdout).toBe('node/node-3 modified\n')
    expect(r.more('kubectl taint nodes node-3 dedicated:NoExecute-').stdout).toBe('node/node-3 untainted\n')
    expect(r.more('kubectl taint nodes node-3 dedicated-').stderr).toBe('error: taint "dedicated" not found\n')
    expect(r.more('kubectl taint nodes node-3 a=b:Sometimes').stderr).toBe('error: invalid taint effect: Sometimes, unsupported taint effect\n')
  })
})

describe('kubectl label and annotate', () => {
  it('adds, refuses to overwrite without --overwrite, and removes with key-', () => {
    const r = run('kubectl label nodes node-1 disktype=ssd\nkubectl label nodes node-1 disktype=hdd')
    expect(r.stdout).toBe('node/node-1 labeled\n')
    expect(r.stderr).toBe("error: 'disktype' already has a value (ssd), and --overwrite is false\n")
    expect(r.more('kubectl label nodes node-1 disktype=hdd --overwrite').stdout).toBe('node/node-1 labeled\n')
    expect(r.cluster.api.get<Node>('Node', undefined, 'node-1').metadata!.labels!.disktype).toBe('hdd')
    expect(r.more('kubectl label node/node-1 disktype-').stdout).toBe('node/node-1 unlabeled\n')
    expect(r.more('kubectl annotate nodes node-1 owner=team-a').stdout).toBe('node/node-1 annotated\n')
  })
})

describe('machines joining and leaving (the runner\'s node verbs)', () => {
  it('node add boots a kubelet that registers a Ready Node with the given capacity and zone', () => {
    const r = run('node add node-4 --cpu 8 --memory 16Gi --zone zone-b --pods 50\nsleep 1\nkubectl get nodes')
    expect(r.stdout).toMatch(/^node\/node-4 added\n/)
    expect(r.stdout).toMatch(/node-4\s+Ready\s+<none>/)
    const node = r.cluster.api.get<Node>('Node', undefined, 'node-4')
    expect(node.status!.capacity).toMatchObject({ cpu: '8', memory: '16Gi', pods: '50' })
    expect(node.metadata!.labels!['topology.kubernetes.io/zone']).toBe('zone-b')
    expect(r.more('node add node-4').stderr).toBe('error: node node-4 already exists\n')
  })

  it('node remove deletes the Node; its pods stay until the pod GC collects them after the 40 s quarantine', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl rollout status deployment/nginx-deployment`)
    const orphan = podsOn(r, 'node-2')[0].metadata!.name!
    expect(r.more('node remove node-2').stdout).toBe('node/node-2 removed\n')
    expect(r.cluster.api.find('Node', undefined, 'node-2')).toBeUndefined()
    r.more('sleep 20')
    expect(podsOn(r, 'node-2').map((p) => p.metadata!.name)).toEqual([orphan])
    // kube: PodGC runs every 20 s and deletes pods of a node missing for quarantineTime (40 s).
    r.more('sleep 60')
    expect(podsOn(r, 'node-2')).toHaveLength(0)
    const running = r.cluster.api.list<Pod>('Pod', { namespace: 'default' })
    expect(running).toHaveLength(3)
    expect(running.every((p) => p.spec!.nodeName !== 'node-2')).toBe(true)
    expect(r.more('node remove node-2').stderr).toBe('error: node node-2 not found\n')
  })
})

describe('cordon taints the node (kube: TaintNodesByCondition)', () => {
  it('a cordoned node carries node.kubernetes.io/unschedulable:NoSchedule until it is uncordoned', () => {
    const r = run('kubectl cordon node-2')
    const taints = () => (r.cluster.api.get<Node>('Node', undefined, 'node-2').spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`)
    expect(taints()).toEqual(['node.kubernetes.io/unschedulable:NoSchedule'])
    r.more('kubectl uncordon node-2')
    expect(taints()).toEqual([])
  })
})
