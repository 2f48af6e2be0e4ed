import { describe, expect, it } from 'vitest'
import type { Event as KEvent, Node, Pod } from 'kubernetes-types/core/v1'
import type { Lease } from 'kubernetes-types/coordination/v1'
import { createCore, DEFAULT_NODES } from '../cluster'
import type { KubeObject } from '../apiserver/types'
import { NodeSimulator } from './node-simulator'

function setup(seed = 7) {
  const core = createCore({ seed })
  const nodes = new NodeSimulator(core)
  for (const n of DEFAULT_NODES) nodes.addNode(n)
  core.clock.settle()
  return { ...core, nodes }
}
type Cluster = ReturnType<typeof setup>

function runPod(c: Cluster, name: string, spec: Partial<Pod['spec']> & { containers: NonNullable<Pod['spec']>['containers'] }, node = 'node-1') {
  c.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec } as KubeObject, { actor: 'kubectl' })
  c.api.bind('default', name, node, { actor: 'kube-scheduler' })
}
const pod = (c: Cluster, name: string) => c.api.get<Pod>('Pod', 'default', name)
const eventsOf = (c: Cluster, name: string) =>
  c.api.list<KEvent>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject.name === name)
    .sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion))
const reasons = (c: Cluster, name: string) => eventsOf(c, name).map((e) => e.reason)
const message = (c: Cluster, name: string, reason: string) => eventsOf(c, name).find((e) => e.reason === reason)?.message

describe('node registration', () => {
  it('registers every node Ready with kind-like labels, capacity and a Lease', () => {
    const c = setup()
    const node = c.api.get<Node>('Node', undefined, 'node-1')
    expect(node.metadata!.labels).toMatchObject({ 'kubernetes.io/hostname': 'node-1', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' })
    expect(node.spec!.podCIDR).toBe('10.244.1.0/24')
    expect(node.status!.capacity).toMatchObject({ cpu: '4', memory: '8Gi', pods: '110' })
    expect(node.status!.allocatable).toEqual(node.status!.capacity)
    const ready = node.status!.conditions!.find((x) => x.type === 'Ready')!
    expect(ready).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' })
    expect(node.status!.conditions!.map((x) => `${x.type}=${x.status}`)).toEqual(['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True'])
    expect(node.status!.addresses).toEqual([{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: 'node-1' }])
    expect(node.status!.nodeInfo).toMatchObject({ kubeletVersion: 'v1.35.0', containerRuntimeVersion: 'containerd://2.1.3' })
    const lease = c.api.get<Lease>('Lease', 'kube-node-lease', 'node-1')
    expect(lease.spec).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40 })
    expect(reasons(c, 'node-1')).toEqual(['Starting', 'NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeAllocatableEnforced', 'NodeReady'])
    expect(message(c, 'node-1', 'NodeReady')).toBe('Node node-1 status is now: NodeReady')
  })

  it('taints and labels the control plane as kubeadm does', () => {
    const c = setup()
    const node = c.api.get<Node>('Node', undefined, 'control-plane')
    expect(node.spec!.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }])
    expect(node.metadata!.labels!['node-role.kubernetes.io/control-plane']).toBe('')
  })

  it('renews the Lease every 10 s and posts an unchanged status only every 5 minutes', () => {
    const c = setup()
    const renew = () => c.api.get<Lease>('Lease', 'kube-node-lease', 'node-2').spec!.renewTime
    const before = renew()
    c.clock.advance(10_500)
    expect(renew()).not.toBe(before)
    const writes = () => c.api.writes().filter((w) => w.kind === 'Node' && w.name === 'node-2' && w.verb === 'status').length
    const n0 = writes()
    c.clock.advance(200_000)
    expect(writes()).toBe(n0)
    c.clock.advance(120_000)
    expect(writes()).toBe(n0 + 1)
  })
})

describe('running a pod', () => {
  it('moves a bound nginx pod Pending → Running with the kubelet events in order', () => {
    const c = setup()
    runPod(c, 'nginx', { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] })
    c.clock.advance(50)
    let p = pod(c, 'nginx')
    expect(p.status!.phase).toBe('Pending')
    expect(p.status!.containerStatuses![0].state).toEqual({ waiting: { reason: 'ContainerCreating' } })
    expect(p.status!.hostIP).toBe('172.18.0.3')
    expect(p.status!.qosClass).toBe('BestEffort')
    c.clock.advance(30_000)
    p = pod(c, 'nginx')
    expect(p.status!.phase).toBe('Running')
    const cs = p.status!.containerStatuses![0]
    expect(cs).toMatchObject({ ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.14.2' })
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/)
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:/)
    expect(cs.state!.running!.startedAt).toBeDefined()
    expect(p.status!.podIP).toMatch(/^10\.244\.1\.\d+$/)
    expect(p.status!.conditions!.map((x) => `${x.type}=${x.status}`)).toEqual(
      ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'])
    expect(reasons(c, 'nginx')).toEqual(['Pulling', 'Pulled', 'Created', 'Started'])
    expect(message(c, 'nginx', 'Pulling')).toBe('Pulling image "nginx:1.14.2"')
    expect(message(c, 'nginx', 'Pulled')).toMatch(/^Successfully pulled image "nginx:1\.14\.2" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 44460800 bytes\.$/)
    expect(message(c, 'nginx', 'Created')).toBe('Container created')
    expect(message(c, 'nginx', 'Started')).toBe('Container started')
    expect(eventsOf(c, 'nginx')[0].source).toEqual({ component: 'kubelet', host: 'node-1' })
    const actors = new Set(c.api.writes().filter((w) => w.kind === 'Pod' && w.name === 'nginx' && w.verb === 'status').map((w) => w.actor))
    expect(actors).toEqual(new Set(['kubelet/node-1']))
  })

  it('does not pull an image already on the node', () => {
    const c = setup()
    runPod(c, 'a', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] })
    c.clock.advance(30_000)
    runPod(c, 'b', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] })
    c.clock.advance(5_000)
    expect(reasons(c, 'b')).toEqual(['Pulled', 'Created', 'Started'])
    expect(message(c, 'b', 'Pulled')).toBe('Container image "nginx:1.14.2" already present on machine and can be accessed by the pod')
    expect(pod(c, 'b').status!.phase).toBe('Running')
  })

  it('a one-shot command with restartPolicy Never ends Succeeded, its output kept for kubectl logs', () => {
    const c = setup()
    runPod(c, 'hello', { restartPolicy: 'Never', containers: [{ name: 'hello', image: 'busybox:1.28', command: ['sh', '-c', 'echo hello; sleep 10'] }] })
    c.clock.advance(8_000)
    expect(pod(c, 'hello').status!.phase).toBe('Running')
    c.clock.advance(15_000)
    const p = pod(c, 'hello')
    expect(p.status!.phase).toBe('Succeeded')
    expect(p.status!.containerStatuses![0].state!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' })
    expect(p.status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' })
    expect(c.nodes.logs('default', 'hello', 'hello').map((l) => l.line)).toEqual(['hello'])
  })

  it('exit 1 with restartPolicy Never ends Failed with reason Error', () => {
    const c = setup()
    runPod(c, 'fail', { restartPolicy: 'Never', containers: [{ name: 'fail', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] })
    c.clock.advance(30_000)
    const p = pod(c, 'fail')
    expect(p.status!.phase).toBe('Failed')
    expect(p.status!.containerStatuses![0].state!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' })
  })

  it('restarts a crashing container at once, then with CrashLoopBackOff 10 s, 20 s', () => {
    const c = setup()
    runPod(c, 'crash', { containers: [{ name: 'crash', image: 'busybox', command: ['sh', '-c', 'echo boom; exit 1'] }] })
    const status = () => pod(c, 'crash').status!.containerStatuses?.[0]
    const waitFor = (pred: () => boolean) => {
      for (let i = 0; i < 200 && !pred(); i++) c.clock.advance(250)
    }
    waitFor(() => status()?.restartCount === 1)
    expect(status()!.state!.running ?? status()!.state!.terminated).toBeDefined()
    waitFor(() => status()?.state?.waiting?.reason === 'CrashLoopBackOff')
    const uid = pod(c, 'crash').metadata!.uid
    expect(status()!.state!.waiting!.message).toBe(`back-off 10s restarting failed container=crash pod=crash_default(${uid})`)
    expect(status()!.lastState!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' })
    expect(pod(c, 'crash').status!.phase).toBe('Running')
    expect(message(c, 'crash', 'BackOff')).toBe(`Back-off restarting failed container crash in pod crash_default(${uid})`)
    const inBackoffAt = c.clock.now()
    waitFor(() => status()?.restartCount === 2)
    expect(c.clock.now() - inBackoffAt).toBeGreaterThan(7_000)
    waitFor(() => status()?.state?.waiting?.reason === 'CrashLoopBackOff')
    expect(status()!.state!.waiting!.message).toMatch(/^back-off 20s /)
    expect(c.nodes.logs('default', 'crash', 'crash', { previous: true }).map((l) => l.line)).toEqual(['boom'])
  })

  it('a tag that does not exist goes ErrImagePull then ImagePullBackOff with the kubelet events', () => {
    const c = setup()
    runPod(c, 'bad', { containers: [{ name: 'nginx', image: 'nginx:1.161' }] })
    c.clock.advance(3_000)
    let w = pod(c, 'bad').status!.containerStatuses![0].state!.waiting!
    expect(w.reason).toMatch(/ErrImagePull|ImagePullBackOff/)
    c.clock.advance(3_000)
    w = pod(c, 'bad').status!.containerStatuses![0].state!.waiting!
    expect(w.reason).toBe('ImagePullBackOff')
    expect(w.message).toContain('Back-off pulling image "nginx:1.161": ErrImagePull: rpc error: code = NotFound')
    expect(reasons(c, 'bad')).toEqual(['Pulling', 'Failed', 'Failed', 'BackOff', 'Failed'])
    const failed = eventsOf(c, 'bad').filter((e) => e.reason === 'Failed').map((e) => e.message)
    expect(failed[0]).toMatch(/^Failed to pull image "nginx:1\.161": rpc error: code = NotFound desc = failed to pull and unpack image "docker\.io\/library\/nginx:1\.161"/)
    expect(failed.slice(1)).toEqual(['Error: ErrImagePull', 'Error: ImagePullBackOff'])
    expect(message(c, 'bad', 'BackOff')).toBe('Back-off pulling image "nginx:1.161"')
    expect(pod(c, 'bad').status!.phase).toBe('Pending')
  })

  it('deleting a pod stops its container, then removes it', () => {
    const c = setup()
    runPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] })
    c.clock.advance(30_000)
    c.api.delete('Pod', 'default', 'web', { actor: 'kubectl' })
    expect(pod(c, 'web').metadata!.deletionTimestamp).toBeDefined()
    c.clock.advance(1_100)
    expect(c.api.find('Pod', 'default', 'web')).toBeUndefined()
    expect(c.api.list<KEvent>('Event', { namespace: 'default' }).some((e) => e.reason === 'Killing' && e.message === 'Stopping container nginx')).toBe(true)
  })

  it('a shell that ignores SIGTERM keeps a deleted pod Terminating for the whole grace period', () => {
    const c = setup()
    runPod(c, 'sleeper', { terminationGracePeriodSeconds: 30, containers: [{ name: 'sleeper', image: 'busybox', command: ['sh', '-c', 'sleep 3600'] }] })
    c.clock.advance(30_000)
    c.api.delete('Pod', 'default', 'sleeper', { actor: 'kubectl' })
    c.clock.advance(29_000)
    expect(c.api.find('Pod', 'default', 'sleeper')).toBeDefined()
    c.clock.advance(1_500)
    expect(c.api.find('Pod', 'default', 'sleeper')).toBeUndefined()
  })

  it('is deterministic: the same seed gives the same writes', () => {
    const run = () => {
      const c = setup(42)
      runPod(c, 'nginx', { containers: [{ name: 'nginx', image: 'nginx' }] })
      c.clock.advance(60_000)
      return JSON.stringify(pod(c, 'nginx').status) + c.api.writes().length
    }
    expect(run()).toBe(run())
  })
})

describe('kill and restore', () => {
  it('a killed kubelet stops renewing its Lease and writing status', () => {
    const c = setup()
    runPod(c, 'nginx', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] })
    c.clock.advance(30_000)
    c.nodes.kill('node-1')
    expect(c.nodes.isAlive('node-1')).toBe(false)
    const rev = c.api.revision()
    c.clock.advance(120_000)
    const byKubelet = c.api.writes(rev).filter((w) => w.actor === 'kubelet/node-1')
    expect(byKubelet).toEqual([])
  })

  it('after a restore the kubelet restarts the containers of its pods (restartCount + 1)', () => {
    const c = setup()
    runPod(c, 'nginx', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] })
    c.clock.advance(30_000)
    c.nodes.kill('node-1')
    c.clock.advance(20_000)
    c.nodes.restore('node-1')
    c.clock.advance(10_000)
    const cs = pod(c, 'nginx').status!.containerStatuses![0]
    expect(cs.restartCount).toBe(1)
    expect(cs.state!.running).toBeDefined()
    expect(cs.lastState!.terminated).toMatchObject({ exitCode: 255, reason: 'Unknown' })
    expect(reasons(c, 'nginx')).toContain('SandboxChanged')
  })
})
