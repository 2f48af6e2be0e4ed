// DaemonSets (kube: pkg/controller/daemon, v1.35) through the runner: one pod per eligible node,
// pinned by node affinity and placed by the default scheduler, on nodes added later too, kept on
// unreachable nodes, and replaced one node at a time by a rolling update (maxUnavailable 1).
import { describe, expect, it } from 'vitest'
import type { DaemonSet } from 'kubernetes-types/apps/v1'
import type { Event, Pod } from 'kubernetes-types/core/v1'
import { run, type Run } from './run'

const FLUENTD = 'controllers/fluentd-daemonset.yaml'
const daemons = (r: Run) => r.cluster.api.list<Pod>('Pod', { namespace: 'kube-system' })
  .filter((p) => p.metadata!.name!.startsWith('fluentd-elasticsearch-') && !p.metadata!.deletionTimestamp)
const nodesOf = (pods: Pod[]) => pods.map((p) => p.spec!.nodeName).sort()
const ds = (r: Run) => r.cluster.api.get<DaemonSet>('DaemonSet', 'kube-system', 'fluentd-elasticsearch')
const events = (r: Run, reason: string) => r.cluster.api.list<Event>('Event', { namespace: 'kube-system' })
  .filter((e) => e.reason === reason && e.involvedObject.kind === 'DaemonSet').map((e) => e.message)
const heredoc = (text: string) => `kubectl apply -f - <<EOF\n${text}EOF`

describe('DaemonSet', () => {
  it("the docs' fluentd-daemonset.yaml runs one pod on each of the 4 nodes, control plane included", () => {
    const r = run(`kubectl apply -f ${FLUENTD}\nsleep 60\nkubectl get daemonset -n kube-system`)
    expect(r.failed).toBe(0)
    expect(r.stdout).toContain('daemonset.apps/fluentd-elasticsearch created\n')
    expect(r.stdout).toMatch(/NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\nfluentd-elasticsearch\s+4\s+4\s+4\s+4\s+4\s+<none>\s+60s/)
    const pods = daemons(r)
    expect(nodesOf(pods)).toEqual(['control-plane', 'node-1', 'node-2', 'node-3'])
    expect(pods.every((p) => p.status!.phase === 'Running')).toBe(true)
    expect(events(r, 'SuccessfulCreate').sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata!.name}`).sort())
    expect(ds(r).status).toEqual({
      currentNumberScheduled: 4, numberMisscheduled: 0, desiredNumberScheduled: 4, numberReady: 4,
      observedGeneration: 1, updatedNumberScheduled: 4, numberAvailable: 4,
    })
  })

  it('pins each pod to its node with matchFields metadata.name and lets the default scheduler bind it', () => {
    const r = run(`kubectl apply -f ${FLUENTD}\nsleep 30`)
    for (const p of daemons(r)) {
      expect(p.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec!.nodeName] }] }],
      })
      expect(p.metadata!.labels!['controller-revision-hash']).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/)
      expect(p.metadata!.labels!['pod-template-generation']).toBe('1')
    }
    const binds = r.cluster.api.writes().filter((w) => w.verb === 'bind' && w.name.startsWith('fluentd-')).map((w) => w.actor)
    expect(new Set(binds)).toEqual(new Set(['kube-scheduler']))
  })

  it('daemon pods get the automatic tolerations, so not-ready and unreachable nodes keep them (no 300 s limit)', () => {
    const r = run(`kubectl apply -f ${FLUENTD}\nsleep 30`)
    const tolerations = daemons(r)[0].spec!.tolerations!.map((t) => `${t.key}:${t.effect}:${t.tolerationSeconds ?? '-'}`)
    expect(tolerations).toEqual(expect.arrayContaining([
      'node.kubernetes.io/not-ready:NoExecute:-', 'node.kubernetes.io/unreachable:NoExecute:-',
      'node.kubernetes.io/disk-pressure:NoSchedule:-', 'node.kubernetes.io/memory-pressure:NoSchedule:-',
      'node.kubernetes.io/pid-pressure:NoSchedule:-', 'node.kubernetes.io/unschedulable:NoSchedule:-',
    ]))
    expect(tolerations.some((t) => t.endsWith(':300'))).toBe(false)
    const before = daemons(r).find((p) => p.spec!.nodeName === 'node-2')!
    r.more('node kill node-2\nsleep 400')
    expect(daemons(r).find((p) => p.spec!.nodeName === 'node-2')?.metadata!.uid).toBe(before.metadata!.uid)
    r.more('node restore node-2\nsleep 30')
    expect(daemons(r).find((p) => p.spec!.nodeName === 'node-2')!.status!.phase).toBe('Running')
  })

  it('a node added later gets its daemon pod', () => {
    const r = run(`kubectl apply -f ${FLUENTD}\nsleep 30`)
    r.cluster.nodes.addNode({ name: 'node-4', cpu: '4', memory: '8Gi', pods: 110 })
    r.more('sleep 30')
    expect(nodesOf(daemons(r))).toEqual(['control-plane', 'node-1', 'node-2', 'node-3', 'node-4'])
    expect(daemons(r).find((p) => p.spec!.nodeName === 'node-4')!.status!.phase).toBe('Running')
    expect(ds(r).status!.desiredNumberScheduled).toBe(5)
  })

  it("the docs' daemonset.yaml tolerates only the old node-role.kubernetes.io/master taint, so the control plane gets none", () => {
    const r = run('kubectl apply -f controllers/daemonset.yaml\nsleep 30')
    expect(nodesOf(daemons(r))).toEqual(['node-1', 'node-2', 'node-3'])
    expect(ds(r).status!.desiredNumberScheduled).toBe(3)
  })

  it('a nodeSelector limits the daemon to matching nodes; labelling a node adds one', () => {
    const r = run(`${heredoc(`apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ssd-monitor
spec:
  selector:
    matchLabels:
      app: ssd-monitor
  template:
    metadata:
      labels:
        app: ssd-monitor
    spec:
      nodeSelector:
        disk: ssd
      containers:
      - name: main
        image: busybox
        command: ["sleep", "3600"]
`)}\nsleep 20`)
    const mine = () => r.cluster.api.list<Pod>('Pod', { namespace: 'default' }).filter((p) => !p.metadata!.deletionTimestamp)
    expect(mine()).toHaveLength(0)
    r.more('kubectl label node node-3 disk=ssd\nsleep 20')
    expect(nodesOf(mine())).toEqual(['node-3'])
    expect(r.more('kubectl get ds ssd-monitor').stdout).toMatch(/ssd-monitor\s+1\s+1\s+1\s+1\s+1\s+disk=ssd\s+/)
  })

  it('RollingUpdate (maxUnavailable 1, maxSurge 0) replaces one node at a time: the old pod goes before the new one comes', () => {
    const r = run(`kubectl apply -f ${FLUENTD}\nsleep 60`)
    const log: string[] = []
    r.cluster.api.watch<Pod>('Pod', (e) => {
      if (!e.object.metadata!.name!.startsWith('fluentd-')) return
      if (e.type === 'ADDED') log.push('create')
      if (e.type === 'MODIFIED' && e.object.metadata!.deletionTimestamp && !e.oldObject?.metadata?.deletionTimestamp) log.push('delete')
    })
    const manifest = r.more('kubectl get ds fluentd-elasticsearch -n kube-system -o yaml').stdout
    expect(manifest).toContain('maxUnavailable: 1')
    r.more('kubectl set image daemonset/fluentd-elasticsearch -n kube-system fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v5.0.2\nsleep 120')
    expect(log).toEqual(['delete', 'create', 'delete', 'create', 'delete', 'create', 'delete', 'create'])
    expect(daemons(r).every((p) => p.spec!.containers[0].image === 'quay.io/fluentd_elasticsearch/fluentd:v5.0.2')).toBe(true)
    expect(ds(r).status!.updatedNumberScheduled).toBe(4)
    expect(r.more('kubectl get controllerrevisions -n kube-system').stdout).toMatch(/fluentd-elasticsearch-\w+\s+daemonset\.apps\/fluentd-elasticsearch\s+2\s/)
  })
})
