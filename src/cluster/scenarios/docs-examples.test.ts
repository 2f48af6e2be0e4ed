// Every workload manifest of the Kubernetes docs that Terrarium ships (public/examples/controllers,
// pods, application, configmap, secret and their KYAML copies) applied unchanged with `kubectl apply -f` on a fresh
// default cluster, then checked against what the docs page says happens. One `it` per file; a file
// added to those folders without an entry in EXAMPLES fails the first test.
//
// status: 'works' = reaches the documented state; 'gap' = does not yet (the test pins today's
// behaviour under a KNOWN GAP comment naming the owning code and what Kubernetes does instead);
// 'issue 4' = needs Services, ConfigMaps/Secrets, HPA (issue 4): only what the cluster supports today
// is checked, and for kinds it does not serve yet, kubectl's exact error.
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Job } from 'kubernetes-types/batch/v1'
import type { ConfigMap, Event, PersistentVolumeClaim, Pod, Secret } from 'kubernetes-types/core/v1'
import { piDigits } from '../images/pi'
import { hostPathTree } from '../kubelet/pod-config'
import { rows, run, type Run } from './run'

const EXAMPLES = resolve(__dirname, '../../../public/examples')
const FOLDERS = ['controllers', 'pods', 'application', '_kyaml/controllers', '_kyaml/pods', '_kyaml/application', 'configmap', 'secret', '_kyaml/configmap', 'service', 'service/access', 'service/networking']
const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}'
/** kind's service CIDR, 10.96.0.0/12. */
const SERVICE_IP = /^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/

interface Example {
  /** The kubernetes.io docs page whose words the check follows. */
  docs: string
  status: 'works' | 'gap'
  /** The steps the docs take first (namespaces, node labels, earlier manifests). */
  before?: string
  /** What `kubectl apply -f FILE` prints, stdout then stderr; a list means any one of them. */
  applied: string | string[]
  /** Runner steps after the apply, usually `sleep` to let virtual time pass. */
  then?: string
  check: (r: Run) => void
}

// ---- reading the cluster ----------------------------------------------------------------------

interface PodRow { name: string; ready: string; status: string; restarts: string; node: string }

/** `kubectl get pods -o wide`, as the docs read it. */
function pods(r: Run, ns = 'default'): PodRow[] {
  const out = r.more(`kubectl get pods -n ${ns} -o wide`).stdout
  if (!out.startsWith('NAME')) return []
  return rows(out).map(([name, ready, status, restarts, , , node]) => ({ name, ready, status, restarts, node }))
}
const pod = (r: Run, name: string, ns = 'default') => r.cluster.api.get<Pod>('Pod', ns, name)
const events = (r: Run, name: string, reason: string, ns = 'default') => r.cluster.api.list<Event>('Event', { namespace: ns })
  .filter((e) => e.involvedObject.name === name && e.reason === reason)
  .sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion))
  .map((e) => e.message)
const table = (r: Run, cmd: string) => rows(r.more(cmd).stdout)
const logs = (r: Run, args: string) => r.more(`kubectl logs ${args}`).stdout
const claim = (r: Run, name: string) => r.cluster.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name)
const heredoc = (yaml: string) => `kubectl apply -f - <<EOF\n${yaml.trim()}\nEOF`

// kube: the scheduler's FitError, `0/4 nodes are available: ...` counting each reason over the nodes;
// the default cluster's control-plane node is tainted NoSchedule.
const unschedulable = (reason: string) => `0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 ${reason}.`
/**
 * kube: VolumeBinding rejects claim problems in PreFilter, so FitError names the reason once with no
 * node count, and preemption finds every node unresolvable.
 */
const preFilterRejected = (reason: string) =>
  `0/4 nodes are available: ${reason}. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.`
/** The first FailedScheduling message of a pod, cut to the length of the expected beginning. */
const failedScheduling = (r: Run, name: string, expected: string, ns = 'default') =>
  expect(events(r, name, 'FailedScheduling', ns)[0]?.slice(0, expected.length)).toBe(expected)

// ---- shared expectations ----------------------------------------------------------------------

/** docs (Configure a Pod to Use a ConfigMap): `ls /etc/config/` prints the ConfigMap's keys. */
function configMapVolumeListed(r: Run): void {
  expect(pods(r).map((p) => [p.name, p.ready, p.status])).toEqual([['dapi-test-pod', '0/1', 'Completed']])
  expect(logs(r, 'dapi-test-pod')).toBe('SPECIAL_LEVEL\nSPECIAL_TYPE\n')
}

function configMapsListed(r: Run): void {
  expect(table(r, 'kubectl get configmaps')).toEqual([['env-config', '1', '0s'], ['kube-root-ca.crt', '1', '0s'], ['special-config', '1', '0s']])
}

// The docs' game-demo ConfigMap (concepts/configuration/configmap).
const GAME_DEMO = `apiVersion: v1
kind: ConfigMap
metadata:
  name: game-demo
data:
  # property-like keys; each key maps to a simple value
  player_initial_lives: "3"
  ui_properties_file_name: "user-interface.properties"

  # file-like keys
  game.properties: |
    enemy.types=aliens,monsters
    player.maximum-lives=5
  user-interface.properties: |
    color.good=purple
    color.bad=yellow
    allow.textmode=true`

/** docs (Deployments): `kubectl get deployments` READY n/n; every pod Running from one ReplicaSet. */
function deploymentReady(r: Run, name: string, replicas: number, image: string): void {
  expect(table(r, `kubectl get deployment ${name}`)[0].slice(0, 4)).toEqual([name, `${replicas}/${replicas}`, `${replicas}`, `${replicas}`])
  const rs = table(r, 'kubectl get rs -o wide').filter((c) => c[1] !== '0')
  expect(rs.map((c) => [c[1], c[2], c[3], c[6]])).toEqual([[`${replicas}`, `${replicas}`, `${replicas}`, image]])
  expect(rs[0][0]).toMatch(new RegExp(`^${name}-[a-z0-9]{9,10}$`))
  const ps = pods(r).filter((p) => p.name.startsWith(`${rs[0][0]}-`))
  expect(ps.map((p) => [p.ready, p.status])).toEqual(Array(replicas).fill(['1/1', 'Running']))
}

/** docs (Liveness probes, exec): healthy for 30 s, then three failed probes and a restart. */
function execLivenessRestarts(r: Run): void {
  expect(events(r, 'liveness-exec', 'Unhealthy')[0]).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory")
  expect(events(r, 'liveness-exec', 'Killing')[0]).toBe('Container liveness failed liveness probe, will be restarted')
  expect(pod(r, 'liveness-exec').status!.containerStatuses![0].restartCount).toBe(1)
  expect(pods(r)[0].restarts).toMatch(/^1 \(\d+s ago\)$/)
}

/** docs (Liveness probes, HTTP): /healthz answers 200 for 10 s, then 500; the kubelet restarts it. */
function httpLivenessRestarts(r: Run): void {
  expect(events(r, 'liveness-http', 'Unhealthy')[0]).toBe('Liveness probe failed: HTTP probe failed with statuscode: 500')
  expect(events(r, 'liveness-http', 'Killing')[0]).toBe('Container liveness failed liveness probe, will be restarted')
  expect(pod(r, 'liveness-http').status!.containerStatuses![0].restartCount).toBeGreaterThanOrEqual(1)
}

/** docs (Init Containers): `install` downloads the CERN page, then nginx runs. */
function initDemoRuns(r: Run): void {
  expect(pods(r).map((p) => [p.name, p.ready, p.status])).toEqual([['init-demo', '1/1', 'Running']])
  const s = pod(r, 'init-demo').status!
  expect(s.initContainerStatuses![0].state!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' })
  expect(s.conditions!.find((c) => c.type === 'Initialized')!.status).toBe('True')
  expect(logs(r, 'init-demo -c install')).toMatch(/^Connecting to info\.cern\.ch \(/)
}

/** docs (Jobs): `kubectl get job pi` Complete 1/1; `kubectl logs job/pi` prints π. */
function piCompletes(r: Run, digits: number): void {
  expect(table(r, 'kubectl get job pi')[0].slice(0, 3)).toEqual(['pi', 'Complete', '1/1'])
  expect(pods(r).map((p) => [p.ready, p.status])).toEqual([['0/1', 'Completed']])
  expect(logs(r, 'job/pi')).toBe(piDigits(digits) + '\n')
}

/** docs (Topology spread): zoneA holds two foo=bar pods, zoneB one less, so mypod goes to zoneB. */
const SPREAD_BEFORE = [
  'kubectl label nodes node-1 node-2 zone=zoneA',
  'kubectl label nodes node-3 zone=zoneB',
  ...['node-1', 'node-2'].map((n) => heredoc(`
apiVersion: v1
kind: Pod
metadata: {name: on-${n}, labels: {foo: bar}}
spec:
  nodeSelector: {kubernetes.io/hostname: ${n}}
  containers: [{name: pause, image: registry.k8s.io/pause:3.1}]`)),
].join('\n')
function spreadToZoneB(r: Run): void {
  expect(pods(r).find((p) => p.name === 'mypod')).toMatchObject({ status: 'Running', node: 'node-3' })
}

/** docs (ZooKeeper tutorial): zk-0, zk-1, zk-2 Running and Ready, one per node, claims Bound. */
function zookeeperRuns(r: Run, selector: string): void {
  // kube: OrderedReady creates zk-N only when zk-0..N-1 are Running and Ready (zookeeper-ready 2181).
  const zk = pods(r)
  expect(zk.map((p) => [p.name, p.ready, p.status, p.restarts])).toEqual(
    [['zk-0', '1/1', 'Running', '0'], ['zk-1', '1/1', 'Running', '0'], ['zk-2', '1/1', 'Running', '0']])
  expect(new Set(zk.map((p) => p.node)).size).toBe(3)
  const ready = zk.map((p) => Date.parse(pod(r, p.name).status!.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime!))
  expect(ready[0] < ready[1] && ready[1] < ready[2]).toBe(true)
  // start-zookeeper: the server id is the ordinal + 1.
  expect(logs(r, 'zk-2')).toContain('[myid:3] - INFO  [main:QuorumPeerMain@127] - Starting quorum peer')
  expect(events(r, 'zk-0', 'Unhealthy')).toEqual([])
  expect(table(r, 'kubectl get svc zk-hs zk-cs -o wide').map((c) => [c[0], c[2], c[4], c[6]])).toEqual([
    ['zk-hs', 'None', '2888/TCP,3888/TCP', selector], ['zk-cs', expect.stringMatching(SERVICE_IP), '2181/TCP', selector]])
  expect(table(r, 'kubectl get pdb zk-pdb')[0].slice(1, 4)).toEqual(['N/A', '1', '1'])
  for (const i of [0, 1, 2]) expect(claim(r, `datadir-zk-${i}`).status).toMatchObject({ phase: 'Bound', capacity: { storage: '10Gi' } })
}

const ZK_APPLIED = 'service/zk-hs created\nservice/zk-cs created\npoddisruptionbudget.policy/zk-pdb created\nstatefulset.apps/zk created\n'

/** docs (Configure a Pod to Use a PersistentVolume): the claim binds the manual volume, the pod runs. */
const PV_TASK = 'kubectl apply -f pods/storage/pv-volume.yaml\nkubectl apply -f pods/storage/pv-claim.yaml\nsleep 5'
/**
 * kube (pv_controller syncUnboundClaim, findBestMatchForClaim): the claim binds the smallest
 * Available volume of its class `manual` — a class no StorageClass object defines — and both are
 * Bound. docs: `kubectl get pvc` STATUS Bound, VOLUME task-pv-volume, CAPACITY 10Gi (the volume's).
 */
function manualClaimBound(r: Run, name: string, volume: string, capacity: string): void {
  expect(table(r, `kubectl get pvc ${name}`)[0].slice(0, 6)).toEqual([name, 'Bound', volume, capacity, 'RWO', 'manual'])
  expect(table(r, `kubectl get pv ${volume}`)[0].slice(0, 7)).toEqual([volume, capacity, 'RWO', 'Retain', 'Bound', `default/${name}`, 'manual'])
  expect(events(r, name, 'ProvisioningFailed')).toEqual([])
}
/** kube (pv_controller syncVolume): a new volume no claim names is Available at once, CLAIM empty. */
function manualVolumeAvailable(r: Run, name: string, capacity: string): void {
  expect(table(r, `kubectl get pv ${name}`)[0].slice(0, 6)).toEqual([name, capacity, 'RWO', 'Retain', 'Available', 'manual'])
}

// ---- the table --------------------------------------------------------------------------------

const EXAMPLES_TABLE: Record<string, Example> = {
  // -- controllers/ --
  'controllers/daemonset.yaml': {
    docs: 'DaemonSet', status: 'works',
    applied: 'daemonset.apps/fluentd-elasticsearch created\n',
    then: 'sleep 30',
    check: (r) => {
      // Its only toleration is for the old `master` taint: the control-plane node gets no pod.
      expect(table(r, 'kubectl get ds -n kube-system')[0].slice(0, 6)).toEqual(['fluentd-elasticsearch', '3', '3', '3', '3', '3'])
      expect(pods(r, 'kube-system').map((p) => p.node).sort()).toEqual(['node-1', 'node-2', 'node-3'])
    },
  },
  'controllers/fluentd-daemonset.yaml': {
    docs: 'DaemonSet', status: 'works',
    applied: 'daemonset.apps/fluentd-elasticsearch created\n',
    then: 'sleep 30',
    check: (r) => {
      // It tolerates node-role.kubernetes.io/control-plane: one pod on every node.
      expect(table(r, 'kubectl get ds -n kube-system')[0].slice(0, 6)).toEqual(['fluentd-elasticsearch', '4', '4', '4', '4', '4'])
      expect(pods(r, 'kube-system').map((p) => [p.node, p.status]).sort()).toEqual(
        ['control-plane', 'node-1', 'node-2', 'node-3'].map((n) => [n, 'Running']))
    },
  },
  'controllers/frontend.yaml': {
    docs: 'ReplicaSet', status: 'works',
    applied: 'replicaset.apps/frontend created\n',
    then: 'sleep 30',
    check: (r) => {
      expect(table(r, 'kubectl get rs')).toEqual([['frontend', '3', '3', '3', '30s']])
      const ps = pods(r)
      expect(ps.map((p) => [p.ready, p.status])).toEqual(Array(3).fill(['1/1', 'Running']))
      for (const p of ps) expect(p.name).toMatch(new RegExp(`^frontend-${SUFFIX}$`))
      expect(pod(r, ps[0].name).metadata!.ownerReferences).toMatchObject([{ kind: 'ReplicaSet', name: 'frontend', controller: true }])
    },
  },
  'controllers/hpa-rs.yaml': {
    docs: 'ReplicaSet (as a Horizontal Pod Autoscaler target)', status: 'works',
    before: 'kubectl apply -f controllers/frontend.yaml',
    applied: 'horizontalpodautoscaler.autoscaling/frontend-scaler created\n',
    then: 'sleep 60',
    check: (r) => {
      // autoscaling/v1 is converted to the stored autoscaling/v2 (targetCPUUtilizationPercentage → a cpu metric).
      expect(r.cluster.api.get('HorizontalPodAutoscaler', 'default', 'frontend-scaler').apiVersion).toBe('autoscaling/v2')
      expect(table(r, 'kubectl get rs frontend')[0].slice(0, 4)).toEqual(['frontend', '3', '3', '3'])
      // The frontend's container requests no cpu: the HPA cannot compute a utilization and leaves the set alone.
      expect(table(r, 'kubectl get hpa frontend-scaler')[0]).toEqual(['frontend-scaler', 'ReplicaSet/frontend', 'cpu: <unknown>/50%', '3', '10', '3', '60s'])
      expect(events(r, 'frontend-scaler', 'FailedGetResourceMetric')[0]).toMatch(/^failed to get cpu utilization: missing request for cpu in container php-redis of Pod frontend-/)
    },
  },
  'controllers/job-pod-failure-policy-failjob.yaml': {
    docs: 'Handling retriable and non-retriable pod failures with Pod failure policy', status: 'works',
    applied: 'job.batch/job-pod-failure-policy-failjob created\n',
    then: 'sleep 60',
    check: (r) => {
      // Exit code 42 matches the FailJob rule: the Job fails after the first pod's ~30 s, not after 6 retries.
      const job = r.cluster.api.get<Job>('Job', 'default', 'job-pod-failure-policy-failjob')
      const failed = job.status!.conditions!.find((c) => c.type === 'Failed')!
      expect(failed).toMatchObject({ status: 'True', reason: 'PodFailurePolicy' })
      expect(failed.message).toMatch(new RegExp(`^Container main for pod default/job-pod-failure-policy-failjob-${SUFFIX} failed with exit code 42 matching FailJob rule at index 0$`))
      expect(table(r, 'kubectl get job job-pod-failure-policy-failjob')[0].slice(1, 3)).toEqual(['Failed', '0/8'])
      expect(pods(r).length).toBe(2)
      expect(logs(r, pods(r)[0].name)).toBe("Hello world! I'm going to exit with 42 to simulate a software bug.\n")
    },
  },
  'controllers/job.yaml': {
    docs: 'Jobs', status: 'works',
    applied: 'job.batch/pi created\n',
    then: 'sleep 90',
    check: (r) => piCompletes(r, 1000),
  },
  'controllers/nginx-deployment.yaml': {
    docs: 'Deployments', status: 'works',
    applied: 'deployment.apps/nginx-deployment created\n',
    then: 'sleep 30',
    check: (r) => deploymentReady(r, 'nginx-deployment', 3, 'nginx:1.14.2'),
  },
  'controllers/replication.yaml': {
    docs: 'ReplicationController', status: 'works',
    applied: 'replicationcontroller/nginx created\n',
    then: 'sleep 30',
    check: (r) => {
      // docs: `kubectl describe replicationcontrollers/nginx` Pods Status: 3 Running; pods nginx-xxxxx.
      expect(table(r, 'kubectl get rc nginx')[0].slice(0, 4)).toEqual(['nginx', '3', '3', '3'])
      expect(r.more('kubectl describe rc nginx').stdout).toContain('Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n')
      const ps = pods(r)
      expect(ps.map((p) => [p.ready, p.status])).toEqual(Array(3).fill(['1/1', 'Running']))
      for (const p of ps) expect(p.name).toMatch(new RegExp(`^nginx-${SUFFIX}$`))
    },
  },
  'controllers/statefulset.yaml': {
    docs: 'StatefulSets', status: 'works',
    applied: 'service/nginx created\nstatefulset.apps/web created\n',
    then: 'sleep 30',
    check: (r) => {
      // The class `my-storage-class` does not exist in a kind cluster: as in Kubernetes, the claim waits
      // and web-0 stays Pending (OrderedReady: web-1 is not created before web-0 is Running and Ready).
      expect(pods(r).map((p) => [p.name, p.status])).toEqual([['web-0', 'Pending']])
      expect(claim(r, 'www-web-0').status?.phase).toBe('Pending')
      expect(events(r, 'www-web-0', 'ProvisioningFailed')[0]).toBe('storageclass.storage.k8s.io "my-storage-class" not found')
      failedScheduling(r, 'web-0', preFilterRejected('pod has unbound immediate PersistentVolumeClaims'))
    },
  },

  // -- pods/ --
  'pods/commands.yaml': {
    docs: 'Define a Command and Arguments for a Container', status: 'works',
    applied: 'pod/command-demo created\n',
    then: 'sleep 30',
    check: (r) => {
      // kube: enableServiceLinks (default true) and the master `kubernetes` Service give every container
      // KUBERNETES_PORT=tcp://10.96.0.1:443, so `printenv HOSTNAME KUBERNETES_PORT` succeeds.
      expect(pods(r).map((p) => [p.name, p.ready, p.status])).toEqual([['command-demo', '0/1', 'Completed']])
      expect(logs(r, 'command-demo')).toBe('command-demo\ntcp://10.96.0.1:443\n')
    },
  },
  'pods/config/example-redis-config.yaml': {
    docs: 'Configuring Redis using a ConfigMap', status: 'works',
    applied: 'configmap/example-redis-config created\n',
    // docs: the ConfigMap starts with an empty `redis-config` key.
    check: (r) => expect(table(r, 'kubectl get configmap example-redis-config')).toEqual([['example-redis-config', '1', '0s']]),
  },
  'pods/config/redis-pod.yaml': {
    docs: 'Configuring Redis using a ConfigMap', status: 'works',
    before: 'kubectl apply -f pods/config/example-redis-config.yaml',
    applied: 'pod/redis created\n',
    then: 'sleep 30',
    // docs: `kubectl get pod/redis configmap/example-redis-config` — the pod Running, the ConfigMap's one key.
    check: (r) => expect(r.more('kubectl get pod/redis configmap/example-redis-config').stdout).toBe([
      'NAME        READY   STATUS    RESTARTS   AGE', 'pod/redis   1/1     Running   0          30s', '',
      'NAME                             DATA   AGE', 'configmap/example-redis-config   1      30s', '',
    ].join('\n')),
  },
  'pods/init-containers.yaml': {
    docs: 'Configure Pod Initialization', status: 'works',
    applied: 'pod/init-demo created\n',
    then: 'sleep 30',
    check: initDemoRuns,
  },
  'pods/inject/secret-pod.yaml': {
    docs: 'Distribute Credentials Securely Using Secrets', status: 'works',
    before: 'kubectl apply -f pods/inject/secret.yaml',
    applied: 'pod/secret-test-pod created\n',
    then: 'sleep 30',
    check: (r) => {
      expect(pods(r).map((p) => [p.name, p.ready, p.status])).toEqual([['secret-test-pod', '1/1', 'Running']])
      // docs: /etc/secret-volume holds `password` and `username`, decoded (`my-app`).
      const p = pod(r, 'secret-test-pod')
      const fs = r.cluster.nodes.kubelet(p.spec!.nodeName!)!.worker('default', 'secret-test-pod')!.volumes.containerFs(p.spec!.containers[0])
      expect(fs.list('/etc/secret-volume')).toEqual(['password', 'username'])
      expect(fs.get('/etc/secret-volume/username')).toBe('my-app')
    },
  },
  'pods/inject/secret.yaml': {
    docs: 'Distribute Credentials Securely Using Secrets', status: 'works',
    applied: 'secret/test-secret created\n',
    // docs: `kubectl get secret test-secret` — Opaque with 2 keys; describe shows sizes, not values.
    check: (r) => {
      expect(table(r, 'kubectl get secret test-secret')).toEqual([['test-secret', 'Opaque', '2', '0s']])
      expect(r.more('kubectl describe secret test-secret').stdout).toContain('Data\n====\npassword:  12 bytes\nusername:  6 bytes\n')
    },
  },
  'pods/lifecycle-events.yaml': {
    docs: 'Attach Handlers to Container Lifecycle Events', status: 'works',
    applied: 'pod/lifecycle-demo created\n',
    then: 'sleep 30',
    check: (r) => {
      expect(pods(r).map((p) => [p.name, p.ready, p.status])).toEqual([['lifecycle-demo', '1/1', 'Running']])
      expect(events(r, 'lifecycle-demo', 'FailedPostStartHook')).toEqual([])
      // The preStop hook quits nginx gracefully: the pod is gone long before the 30 s grace period.
      r.more('kubectl delete pod lifecycle-demo --wait=false\nsleep 5')
      expect(r.cluster.api.find('Pod', 'default', 'lifecycle-demo')).toBeUndefined()
      expect(events(r, 'lifecycle-demo', 'FailedPreStopHook')).toEqual([])
    },
  },
  'pods/pod-configmap-envFrom.yaml': {
    docs: 'Configure a Pod to Use a ConfigMap', status: 'works',
    // docs: the page creates configmap/configmap-multikeys.yaml first.
    before: 'kubectl apply -f configmap/configmap-multikeys.yaml',
    applied: 'pod/dapi-test-pod created\n',
    then: 'sleep 30',
    // docs: "the output includes SPECIAL_LEVEL=very and SPECIAL_TYPE=charm".
    check: (r) => {
      expect(pods(r).map((p) => [p.name, p.ready, p.status])).toEqual([['dapi-test-pod', '0/1', 'Completed']])
      expect(logs(r, 'dapi-test-pod').split('\n').filter((l) => l.startsWith('SPECIAL_'))).toEqual(['SPECIAL_LEVEL=very', 'SPECIAL_TYPE=charm'])
    },
  },
  'pods/pod-configmap-volume.yaml': {
    docs: 'Configure a Pod to Use a ConfigMap', status: 'works',
    before: 'kubectl apply -f configmap/configmap-multikeys.yaml',
    applied: 'pod/dapi-test-pod created\n',
    then: 'sleep 30',
    check: configMapVolumeListed,
  },
  'pods/pod-nginx-required-affinity.yaml': {
    docs: 'Assign Pods to Nodes using Node Affinity', status: 'works',
    before: 'kubectl label nodes node-2 disktype=ssd',
    applied: 'pod/nginx created\n',
    then: 'sleep 30',
    check: (r) => expect(pods(r)).toMatchObject([{ name: 'nginx', status: 'Running', node: 'node-2' }]),
  },
  'pods/pod-nginx.yaml': {
    docs: 'Assign Pods to Nodes (nodeSelector)', status: 'works',
    before: 'kubectl label nodes node-2 disktype=ssd',
    applied: 'pod/nginx created\n',
    then: 'sleep 30',
    check: (r) => expect(pods(r)).toMatchObject([{ name: 'nginx', status: 'Running', node: 'node-2' }]),
  },
  'pods/pod-rs.yaml': {
    docs: 'ReplicaSet (non-template pod acquisitions)', status: 'works',
    before: 'kubectl apply -f controllers/frontend.yaml\nsleep 30',
    applied: 'pod/pod1 created\npod/pod2 created\n',
    then: 'sleep 30',
    check: (r) => {
      // The ReplicaSet already has 3 replicas: it acquires pod1 and pod2 (their labels match) and deletes them.
      expect(events(r, 'frontend', 'SuccessfulDelete').sort()).toEqual(['Deleted pod: pod1', 'Deleted pod: pod2'])
      expect(pods(r).map((p) => p.name).filter((n) => !n.startsWith('frontend-'))).toEqual([])
      // The other order: the bare pods first, then the ReplicaSet creates only one pod of its own.
      const r2 = run('kubectl apply -f pods/pod-rs.yaml\nsleep 30\nkubectl apply -f controllers/frontend.yaml\nsleep 30')
      const names = pods(r2).map((p) => p.name)
      expect(names.filter((n) => n.startsWith('frontend-')).length).toBe(1)
      expect(names).toEqual(expect.arrayContaining(['pod1', 'pod2']))
      expect(pod(r2, 'pod1').metadata!.ownerReferences).toMatchObject([{ kind: 'ReplicaSet', name: 'frontend' }])
    },
  },
  'pods/pod-with-affinity-anti-affinity.yaml': {
    docs: 'Assigning Pods to Nodes (node affinity weight)', status: 'works',
    before: 'kubectl label nodes node-3 label-2=key-2',
    applied: 'pod/with-affinity-anti-affinity created\n',
    then: 'sleep 30',
    // Every node is linux; the preference of weight 50 for label-2=key-2 picks node-3.
    check: (r) => expect(pods(r)).toMatchObject([{ status: 'Running', node: 'node-3' }]),
  },
  'pods/pod-with-node-affinity.yaml': {
    docs: 'Assigning Pods to Nodes (node affinity)', status: 'works',
    applied: 'pod/with-node-affinity created\n',
    then: 'sleep 10',
    check: (r) => {
      // No node is in antarctica-east1/west1: Pending until one is labelled so.
      expect(pods(r)).toMatchObject([{ status: 'Pending', node: '<none>' }])
      failedScheduling(r, 'with-node-affinity', unschedulable("node(s) didn't match Pod's node affinity/selector"))
      r.more('kubectl label nodes node-3 topology.kubernetes.io/zone=antarctica-west1\nsleep 30')
      expect(pods(r)).toMatchObject([{ status: 'Running', node: 'node-3' }])
    },
  },
  'pods/pod-with-pod-affinity.yaml': {
    docs: 'Assigning Pods to Nodes (inter-pod affinity)', status: 'works',
    applied: 'pod/with-pod-affinity created\n',
    then: 'sleep 10',
    check: (r) => {
      // No pod labelled security=S1 anywhere (and no zone labels on kind nodes): Pending.
      failedScheduling(r, 'with-pod-affinity', unschedulable("node(s) didn't match pod affinity rules"))
      // The docs' setting: zones, and an S1 pod in zone-a: the pod joins zone-a.
      const r2 = run(['kubectl label nodes node-1 node-2 topology.kubernetes.io/zone=zone-a', 'kubectl label nodes node-3 topology.kubernetes.io/zone=zone-b',
        heredoc('apiVersion: v1\nkind: Pod\nmetadata: {name: s1, labels: {security: S1}}\nspec:\n  nodeSelector: {kubernetes.io/hostname: node-2}\n  containers: [{name: pause, image: registry.k8s.io/pause:3.8}]'),
        'kubectl apply -f pods/pod-with-pod-affinity.yaml', 'sleep 30'].join('\n'))
      expect(pods(r2).find((p) => p.name === 'with-pod-affinity')).toMatchObject({ status: 'Running', node: expect.stringMatching(/^node-[12]$/) })
    },
  },
  'pods/pod-with-toleration.yaml': {
    docs: 'Taints and Tolerations', status: 'works',
    before: 'kubectl taint nodes node-1 node-2 node-3 example-key=value:NoSchedule',
    applied: 'pod/nginx created\n',
    then: 'sleep 30',
    check: (r) => expect(pods(r)).toMatchObject([{ status: 'Running', node: expect.stringMatching(/^node-[123]$/) }]),
  },
  'pods/probe/exec-liveness.yaml': {
    docs: 'Configure Liveness, Readiness and Startup Probes', status: 'works',
    applied: 'pod/liveness-exec created\n',
    then: 'sleep 25',
    check: (r) => {
      expect(events(r, 'liveness-exec', 'Unhealthy')).toEqual([])
      r.more('sleep 60')
      execLivenessRestarts(r)
    },
  },
  'pods/probe/http-liveness.yaml': {
    docs: 'Configure Liveness, Readiness and Startup Probes', status: 'works',
    applied: 'pod/liveness-http created\n',
    then: 'sleep 30',
    check: httpLivenessRestarts,
  },
  'pods/probe/tcp-liveness-readiness.yaml': {
    docs: 'Configure Liveness, Readiness and Startup Probes', status: 'works',
    applied: 'pod/goproxy created\n',
    then: 'sleep 10',
    check: (r) => {
      expect(pods(r).map((p) => [p.ready, p.status])).toEqual([['0/1', 'Running']])
      r.more('sleep 20')
      expect(pods(r).map((p) => [p.ready, p.status, p.restarts])).toEqual([['1/1', 'Running', '0']])
      expect(events(r, 'goproxy', 'Unhealthy')).toEqual([])
    },
  },
  'pods/qos/qos-pod.yaml': {
    docs: 'Configure Quality of Service for Pods', status: 'works',
    before: 'kubectl create namespace qos-example',
    applied: 'pod/qos-demo created\n',
    then: 'sleep 30',
    check: (r) => {
      expect(pods(r, 'qos-example').map((p) => [p.name, p.status])).toEqual([['qos-demo', 'Running']])
      expect(pod(r, 'qos-demo', 'qos-example').status!.qosClass).toBe('Guaranteed')
      // Without the namespace the docs create first, the server refuses the pod.
      const r2 = run('kubectl apply -f pods/qos/qos-pod.yaml')
      // kube: apply.go creates a new object and words its error AddSourceToErr("creating", ...).
      expect(r2.stderr).toBe('Error from server (NotFound): error when creating "pods/qos/qos-pod.yaml": namespaces "qos-example" not found\n')
    },
  },
  'pods/resource/cpu-request-limit.yaml': {
    docs: 'Assign CPU Resources to Containers and Pods', status: 'works',
    before: 'kubectl create namespace cpu-example',
    applied: 'pod/cpu-demo created\n',
    then: 'sleep 30',
    check: (r) => {
      expect(pods(r, 'cpu-example').map((p) => [p.name, p.ready, p.status])).toEqual([['cpu-demo', '1/1', 'Running']])
      // kube: every resource.Quantity is stored in canonical form, so the docs'
      // `kubectl get pod cpu-demo --output=yaml` shows `requests: {cpu: 500m}` for the manifest's "0.5".
      expect(pod(r, 'cpu-demo', 'cpu-example').spec!.containers[0].resources).toEqual({ limits: { cpu: '1' }, requests: { cpu: '500m' } })
      expect(pod(r, 'cpu-demo', 'cpu-example').status!.qosClass).toBe('Burstable')
      // docs: `kubectl top pod cpu-demo` — two busy workers are held to the 1-CPU limit.
      expect(table(r, 'kubectl top pod cpu-demo --namespace=cpu-example')).toEqual([['cpu-demo', '1000m', '0Mi']])
    },
  },
  'pods/resource/memory-request-limit-2.yaml': {
    docs: 'Assign Memory Resources to Containers and Pods', status: 'works',
    before: 'kubectl create namespace mem-example',
    applied: 'pod/memory-demo-2 created\n',
    then: 'sleep 60',
    check: (r) => {
      // 250M allocated over a 100Mi limit: OOMKilled, restarted, CrashLoopBackOff.
      const s = pod(r, 'memory-demo-2', 'mem-example').status!.containerStatuses![0]
      expect(s.lastState!.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 })
      expect(s.restartCount).toBeGreaterThanOrEqual(2)
      expect(pods(r, 'mem-example')[0].status).toMatch(/^(CrashLoopBackOff|OOMKilled)$/)
    },
  },
  'pods/resource/memory-request-limit-3.yaml': {
    docs: 'Assign Memory Resources to Containers and Pods', status: 'works',
    before: 'kubectl create namespace mem-example',
    applied: 'pod/memory-demo-3 created\n',
    then: 'sleep 30',
    check: (r) => {
      // 1000Gi fits no node: Pending, `Insufficient memory`.
      expect(pods(r, 'mem-example').map((p) => [p.name, p.status])).toEqual([['memory-demo-3', 'Pending']])
      failedScheduling(r, 'memory-demo-3', unschedulable('Insufficient memory'), 'mem-example')
    },
  },
  'pods/resource/memory-request-limit.yaml': {
    docs: 'Assign Memory Resources to Containers and Pods', status: 'works',
    before: 'kubectl create namespace mem-example',
    applied: 'pod/memory-demo created\n',
    then: 'sleep 60',
    // 150M within its 200Mi limit: it keeps running.
    check: (r) => {
      expect(pods(r, 'mem-example').map((p) => [p.name, p.ready, p.status, p.restarts])).toEqual([['memory-demo', '1/1', 'Running', '0']])
      // docs: `kubectl top pod memory-demo` shows about the 150M stress took (stress's M is 1024², so 150Mi).
      expect(table(r, 'kubectl top pod memory-demo --namespace=mem-example')).toEqual([['memory-demo', '0m', '150Mi']])
    },
  },
  'pods/simple-pod.yaml': {
    docs: 'Pods', status: 'works',
    applied: 'pod/nginx created\n',
    then: 'sleep 30',
    check: (r) => expect(pods(r).map((p) => [p.name, p.ready, p.status])).toEqual([['nginx', '1/1', 'Running']]),
  },
  'pods/storage/pv-claim.yaml': {
    docs: 'Configure a Pod to Use a PersistentVolume for Storage', status: 'works',
    before: 'kubectl apply -f pods/storage/pv-volume.yaml',
    applied: 'persistentvolumeclaim/task-pv-claim created\n',
    then: 'sleep 10',
    check: (r) => manualClaimBound(r, 'task-pv-claim', 'task-pv-volume', '10Gi'),
  },
  'pods/storage/pv-pod.yaml': {
    docs: 'Configure a Pod to Use a PersistentVolume for Storage', status: 'works',
    before: PV_TASK,
    applied: 'pod/task-pv-pod created\n',
    then: 'sleep 30',
    check: (r) => {
      manualClaimBound(r, 'task-pv-claim', 'task-pv-volume', '10Gi')
      expect(pods(r).map((p) => [p.name, p.ready, p.status])).toEqual([['task-pv-pod', '1/1', 'Running']])
      // docs: index.html written into /mnt/data on the node is what nginx serves from the claim.
      const node = pod(r, 'task-pv-pod').spec!.nodeName!
      hostPathTree(r.cluster.nodes.kubelet(node)!, '/mnt/data').set('index.html', 'Hello from Kubernetes storage\n')
      expect(r.cluster.nodes.kubelet(node)!.worker('default', 'task-pv-pod')!.serve({ port: 80, path: '/' })?.body).toBe('Hello from Kubernetes storage\n')
    },
  },
  'pods/storage/pv-volume.yaml': {
    docs: 'Configure a Pod to Use a PersistentVolume for Storage', status: 'works',
    applied: 'persistentvolume/task-pv-volume created\n',
    then: 'sleep 5',
    check: (r) => manualVolumeAvailable(r, 'task-pv-volume', '10Gi'),
  },
  'pods/storage/redis.yaml': {
    docs: 'Configure a Pod to Use a Volume for Storage', status: 'works',
    applied: 'pod/redis created\n',
    then: 'sleep 30',
    check: (r) => {
      expect(pods(r).map((p) => [p.name, p.ready, p.status])).toEqual([['redis', '1/1', 'Running']])
      // docs: a file in the emptyDir /data/redis is still there after redis is killed and restarted.
      const w = r.cluster.nodes.kubelet(pod(r, 'redis').spec!.nodeName!)!.worker('default', 'redis')!
      w.container('redis')!.fs!.set('/data/redis/test-file', 'Hello\n')
      w.exited(w.container('redis')!, 0, 'Completed')
      r.more('sleep 30')
      expect(pods(r).map((p) => [p.name, p.ready, p.status, p.restarts])).toEqual([['redis', '1/1', 'Running', '1 (30s ago)']])
      expect(r.cluster.nodes.kubelet(pod(r, 'redis').spec!.nodeName!)!.worker('default', 'redis')!.container('redis')!.fs!.get('/data/redis/test-file')).toBe('Hello\n')
    },
  },
  'pods/topology-spread-constraints/one-constraint.yaml': {
    docs: 'Pod Topology Spread Constraints', status: 'works',
    before: SPREAD_BEFORE,
    applied: 'pod/mypod created\n',
    then: 'sleep 30',
    check: spreadToZoneB,
  },
  'pods/two-container-pod.yaml': {
    docs: 'Communicate Between Containers in the Same Pod Using a Shared Volume', status: 'works',
    applied: 'pod/two-containers created\n',
    then: 'sleep 30',
    check: (r) => {
      // The debian container writes index.html and exits; nginx keeps running.
      expect(pods(r).map((p) => [p.name, p.ready, p.status])).toEqual([['two-containers', '1/2', 'NotReady']])
      const byName = Object.fromEntries(pod(r, 'two-containers').status!.containerStatuses!.map((c) => [c.name, c.state]))
      expect(byName['debian-container']!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' })
      expect(byName['nginx-container']!.running).toBeDefined()
    },
  },

  // -- application/ --
  'application/deployment-scale.yaml': {
    docs: 'Run a Stateless Application Using a Deployment', status: 'works',
    before: 'kubectl apply -f application/deployment.yaml\nsleep 30\nkubectl apply -f application/deployment-update.yaml\nsleep 60',
    applied: 'deployment.apps/nginx-deployment configured\n',
    then: 'sleep 30',
    check: (r) => deploymentReady(r, 'nginx-deployment', 4, 'nginx:1.16.1'),
  },
  'application/deployment-update.yaml': {
    docs: 'Run a Stateless Application Using a Deployment', status: 'works',
    before: 'kubectl apply -f application/deployment.yaml\nsleep 30',
    applied: 'deployment.apps/nginx-deployment configured\n',
    then: 'sleep 60',
    check: (r) => {
      deploymentReady(r, 'nginx-deployment', 2, 'nginx:1.16.1')
      // The old ReplicaSet is kept, scaled to 0 (revision history).
      expect(table(r, 'kubectl get rs -o wide').filter((c) => c[1] === '0').map((c) => c[6])).toEqual(['nginx:1.14.2'])
      expect(r.more('kubectl rollout status deployment/nginx-deployment').stdout).toBe('deployment "nginx-deployment" successfully rolled out\n')
    },
  },
  'application/deployment.yaml': {
    docs: 'Run a Stateless Application Using a Deployment', status: 'works',
    applied: 'deployment.apps/nginx-deployment created\n',
    then: 'sleep 30',
    check: (r) => {
      deploymentReady(r, 'nginx-deployment', 2, 'nginx:1.14.2')
      expect(r.more('kubectl get pods -l app=nginx').stdout.trim().split('\n').length).toBe(3)
    },
  },
  'application/hpa/php-apache.yaml': {
    docs: 'Horizontal Pod Autoscaler Walkthrough', status: 'works',
    before: 'kubectl apply -f application/php-apache.yaml',
    applied: 'horizontalpodautoscaler.autoscaling/php-apache created\n',
    then: 'sleep 30',
    check: (r) => {
      deploymentReady(r, 'php-apache', 1, 'registry.k8s.io/hpa-example')
      // docs: with no load, `kubectl get hpa` shows 0% of the 50% target and one replica.
      expect(table(r, 'kubectl get hpa')).toEqual([['php-apache', 'Deployment/php-apache', 'cpu: 0%/50%', '1', '10', '1', '30s']])
    },
  },
  'application/job/cronjob.yaml': {
    docs: 'Running Automated Tasks with a CronJob', status: 'works',
    applied: 'cronjob.batch/hello created\n',
    then: 'sleep 330',
    check: (r) => {
      // One Job a minute, named after its scheduled time in minutes since the epoch; the last 3 kept
      // (kube default successfulJobsHistoryLimit 3). The clock starts at 2026-01-01T09:00:00Z.
      expect(table(r, 'kubectl get jobs').map((c) => c.slice(0, 3))).toEqual(
        [29454303, 29454304, 29454305].map((t) => [`hello-${t}`, 'Complete', '1/1']))
      expect(table(r, 'kubectl get cronjob hello')[0].slice(0, 6)).toEqual(['hello', '* * * * *', '<none>', 'False', '0', '30s'])
      expect(logs(r, 'job/hello-29454305')).toBe('Thu Jan  1 09:05:00 UTC 2026\nHello from the Kubernetes cluster\n')
    },
  },
  'application/job/indexed-job.yaml': {
    docs: 'Indexed Job for Parallel Processing with Static Work Assignment', status: 'works',
    applied: 'job.batch/indexed-job created\n',
    then: 'sleep 60',
    check: (r) => {
      // Five completions, three at a time; pod names carry the index; each worker reverses its item.
      expect(table(r, 'kubectl get job indexed-job')[0].slice(1, 3)).toEqual(['Complete', '5/5'])
      const ps = pods(r)
      expect(ps.map((p) => [p.name.slice(0, -6), p.status])).toEqual([0, 1, 2, 3, 4].map((i) => [`indexed-job-${i}`, 'Completed']))
      expect(ps.map((p) => logs(r, p.name))).toEqual(['oof\n', 'rab\n', 'zab\n', 'xuq\n', 'zyx\n'])
    },
  },
  'application/mysql/mysql-deployment.yaml': {
    docs: 'Run a Single-Instance Stateful Application', status: 'works',
    before: 'kubectl apply -f application/mysql/mysql-pv.yaml\nsleep 5',
    applied: 'service/mysql created\ndeployment.apps/mysql created\n',
    then: 'sleep 60',
    check: (r) => {
      // docs: mysql-... Running; `kubectl describe pvc mysql-pv-claim` Bound to mysql-pv-volume.
      manualClaimBound(r, 'mysql-pv-claim', 'mysql-pv-volume', '20Gi')
      expect(pods(r).map((p) => [p.ready, p.status])).toEqual([['1/1', 'Running']])
      expect(table(r, 'kubectl get svc mysql')[0].slice(1, 5)).toEqual(['ClusterIP', 'None', '<none>', '3306/TCP'])
    },
  },
  'application/mysql/mysql-pv.yaml': {
    docs: 'Run a Single-Instance Stateful Application', status: 'works',
    applied: 'persistentvolume/mysql-pv-volume created\npersistentvolumeclaim/mysql-pv-claim created\n',
    then: 'sleep 10',
    check: (r) => manualClaimBound(r, 'mysql-pv-claim', 'mysql-pv-volume', '20Gi'),
  },
  'application/nginx-app.yaml': {
    docs: 'Managing Workloads', status: 'works',
    applied: 'service/my-nginx-svc created\ndeployment.apps/my-nginx created\n',
    then: 'sleep 30',
    check: (r) => {
      deploymentReady(r, 'my-nginx', 3, 'nginx:1.14.2')
      // The simulated cloud provider (controllers/servicelb) gives the LoadBalancer the first pool address;
      // the Service's endpoints are the three nginx pods (kubectl get ep shows ip:80 for each).
      expect(table(r, 'kubectl get svc my-nginx-svc')[0]).toEqual(['my-nginx-svc', 'LoadBalancer', expect.stringMatching(SERVICE_IP),
        '172.18.255.200', expect.stringMatching(/^80:3\d{4}\/TCP$/), '30s'])
      expect(table(r, 'kubectl get ep my-nginx-svc')[0][1]).toMatch(/^(10\.244\.\d+\.\d+:80,){2}10\.244\.\d+\.\d+:80$/)
    },
  },
  'application/php-apache.yaml': {
    docs: 'Horizontal Pod Autoscaler Walkthrough', status: 'works',
    applied: 'deployment.apps/php-apache created\nservice/php-apache created\n',
    then: 'sleep 30',
    check: (r) => {
      deploymentReady(r, 'php-apache', 1, 'registry.k8s.io/hpa-example')
      expect(table(r, 'kubectl get svc php-apache')[0].slice(1, 5)).toEqual(['ClusterIP', expect.stringMatching(SERVICE_IP), '<none>', '80/TCP'])
      // Idle, the server uses about a millicore and ten-odd Mi (metrics-server has scraped it by now).
      expect(table(r, 'kubectl top pods')).toEqual([[expect.stringMatching(/^php-apache-/), '1m', expect.stringMatching(/^1\dMi$/)]])
    },
  },
  'application/web/web.yaml': {
    docs: 'StatefulSet Basics', status: 'works',
    applied: 'service/nginx created\nstatefulset.apps/web created\n',
    then: 'sleep 60',
    check: (r) => {
      expect(pods(r).map((p) => [p.name, p.ready, p.status])).toEqual([['web-0', '1/1', 'Running'], ['web-1', '1/1', 'Running']])
      // web-1 is created only once web-0 is Running and Ready (OrderedReady).
      const created = (n: string) => Date.parse(pod(r, n).metadata!.creationTimestamp!)
      const ready0 = Date.parse(pod(r, 'web-0').status!.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime!)
      expect(created('web-1')).toBeGreaterThanOrEqual(ready0)
      expect(table(r, 'kubectl get pvc').map((c) => [c[0], c[1], c[3], c[5]])).toEqual([['www-web-0', 'Bound', '1Gi', 'standard'], ['www-web-1', 'Bound', '1Gi', 'standard']])
      expect(table(r, 'kubectl get statefulset web')[0].slice(0, 2)).toEqual(['web', '2/2'])
    },
  },
  'application/wordpress/mysql-deployment.yaml': {
    docs: 'Example: Deploying WordPress and MySQL with Persistent Volumes', status: 'works',
    // The docs make the Secret mysql-pass with a kustomization secretGenerator; a literal makes the same Secret.
    before: 'kubectl create secret generic mysql-pass --from-literal=password=YOUR_PASSWORD',
    applied: 'service/wordpress-mysql created\npersistentvolumeclaim/mysql-pv-claim created\ndeployment.apps/wordpress-mysql created\n',
    then: 'sleep 60',
    check: (r) => {
      // The claim binds through kind's default class `standard` once the pod is scheduled.
      expect(claim(r, 'mysql-pv-claim').status).toMatchObject({ phase: 'Bound', capacity: { storage: '20Gi' } })
      expect(table(r, 'kubectl get pvc mysql-pv-claim')[0][5]).toBe('standard')
      expect(pods(r).map((p) => [p.name, p.status])).toEqual([[expect.stringMatching(new RegExp(`^wordpress-mysql-[a-z0-9]{9,10}-${SUFFIX}$`)), 'Running']])
    },
  },
  'application/zookeeper/zookeeper.yaml': {
    docs: 'Running ZooKeeper, A Distributed System Coordinator', status: 'works',
    applied: ZK_APPLIED,
    then: 'sleep 120',
    check: (r) => zookeeperRuns(r, 'app.kubernetes.io/name=zk'),
  },

  // -- _kyaml/ --
  '_kyaml/application/zookeeper/zookeeper.yaml': {
    docs: 'Running ZooKeeper, A Distributed System Coordinator', status: 'works',
    applied: ZK_APPLIED,
    then: 'sleep 120',
    check: (r) => zookeeperRuns(r, 'app=zk'),
  },
  '_kyaml/controllers/job.yaml': {
    docs: 'Jobs', status: 'works',
    applied: 'job.batch/pi created\n',
    then: 'sleep 90',
    check: (r) => piCompletes(r, 2000),
  },
  '_kyaml/controllers/nginx-deployment.yaml': {
    docs: 'Deployments', status: 'works',
    applied: 'deployment.apps/nginx-deployment created\n',
    then: 'sleep 30',
    check: (r) => deploymentReady(r, 'nginx-deployment', 3, 'nginx:1.14.2'),
  },
  '_kyaml/pods/init-containers.yaml': {
    docs: 'Configure Pod Initialization', status: 'works',
    applied: 'pod/init-demo created\n',
    then: 'sleep 30',
    check: initDemoRuns,
  },
  '_kyaml/pods/pod-configmap-volume.yaml': {
    docs: 'Configure a Pod to Use a ConfigMap', status: 'works',
    before: 'kubectl apply -f configmap/configmap-multikeys.yaml',
    applied: 'pod/dapi-test-pod created\n',
    then: 'sleep 30',
    check: configMapVolumeListed,
  },
  'configmap/configmaps.yaml': {
    docs: 'Configure a Pod to Use a ConfigMap', status: 'works',
    applied: 'configmap/special-config created\nconfigmap/env-config created\n',
    check: configMapsListed,
  },
  '_kyaml/configmap/configmaps.yaml': {
    docs: 'Configure a Pod to Use a ConfigMap', status: 'works',
    applied: 'configmap/special-config created\nconfigmap/env-config created\n',
    check: configMapsListed,
  },
  'configmap/configmap-multikeys.yaml': {
    docs: 'Configure a Pod to Use a ConfigMap', status: 'works',
    applied: 'configmap/special-config created\n',
    check: (r) => expect(r.cluster.api.get<ConfigMap>('ConfigMap', 'default', 'special-config').data).toEqual({ SPECIAL_LEVEL: 'very', SPECIAL_TYPE: 'charm' }),
  },
  'configmap/configure-pod.yaml': {
    docs: 'ConfigMaps', status: 'works',
    // docs: the page defines the ConfigMap game-demo just before the pod.
    before: heredoc(GAME_DEMO),
    applied: 'pod/configmap-demo-pod created\n',
    then: 'sleep 30',
    check: (r) => {
      expect(pods(r).map((p) => [p.name, p.ready, p.status])).toEqual([['configmap-demo-pod', '1/1', 'Running']])
      const p = pod(r, 'configmap-demo-pod')
      const fs = r.cluster.nodes.kubelet(p.spec!.nodeName!)!.worker('default', 'configmap-demo-pod')!.volumes.containerFs(p.spec!.containers[0])
      // Only the two keys named in `items` become files.
      expect(fs.list('/config')).toEqual(['game.properties', 'user-interface.properties'])
    },
  },
  'secret/basicauth-secret.yaml': {
    docs: 'Secrets (Basic authentication Secret)', status: 'works',
    applied: 'secret/secret-basic-auth created\n',
    // kube: stringData is written into data (base64) and not kept.
    check: (r) => {
      expect(table(r, 'kubectl get secret secret-basic-auth')).toEqual([['secret-basic-auth', 'kubernetes.io/basic-auth', '2', '0s']])
      expect(r.cluster.api.get<Secret>('Secret', 'default', 'secret-basic-auth').data).toEqual({ username: 'YWRtaW4=', password: 'dDBwLVNlY3JldA==' })
    },
  },
  '_kyaml/pods/probe/exec-liveness.yaml': {
    docs: 'Configure Liveness, Readiness and Startup Probes', status: 'works',
    applied: 'pod/liveness-exec created\n',
    then: 'sleep 85',
    check: execLivenessRestarts,
  },
  '_kyaml/pods/probe/http-liveness.yaml': {
    docs: 'Configure Liveness, Readiness and Startup Probes', status: 'works',
    applied: 'pod/liveness-http created\n',
    then: 'sleep 30',
    check: httpLivenessRestarts,
  },
  '_kyaml/pods/topology-spread-constraints/one-constraint.yaml': {
    docs: 'Pod Topology Spread Constraints', status: 'works',
    before: SPREAD_BEFORE,
    applied: 'pod/mypod created\n',
    then: 'sleep 30',
    check: spreadToZoneB,
  },
  // service/networking: Ingress, NetworkPolicy and the Services of 'Connecting Applications with Services'.
  'service/networking/minimal-ingress.yaml': {
    docs: 'Ingress', status: 'works',
    // The docs pair this manifest with their `nginx-example` IngressClass of ingress-nginx.
    before: heredoc('apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx-example}\nspec: {controller: k8s.io/ingress-nginx}'),
    applied: 'ingress.networking.k8s.io/minimal-ingress created\n',
    then: 'sleep 60',
    // docs: served by ingress-nginx, the ingress gets the controller's address; the missing Service `test` shows in describe.
    check: (r) => {
      expect(table(r, 'kubectl get ingress')).toEqual([['minimal-ingress', 'nginx-example', '*', '172.18.0.2', '80', '60s']])
      expect(r.more('kubectl describe ingress minimal-ingress').stdout).toContain('              /testpath   test:80 (<error: services "test" not found>)\n')
    },
  },
  'service/networking/simple-fanout-example.yaml': {
    docs: 'Ingress', status: 'works',
    applied: 'ingress.networking.k8s.io/simple-fanout-example created\n',
    then: 'sleep 60',
    // docs: `kubectl describe ingress simple-fanout-example` lists foo.bar.com with /foo and /bar; the
    // default IngressClass `nginx` is filled in by admission.
    check: (r) => {
      expect(table(r, 'kubectl get ingress')).toEqual([['simple-fanout-example', 'nginx', 'foo.bar.com', '172.18.0.2', '80', '60s']])
      const out = r.more('kubectl describe ingress simple-fanout-example').stdout
      expect(out).toContain('  foo.bar.com  \n               /foo   service1:4200 (<error: services "service1" not found>)\n'
        + '               /bar   service2:8080 (<error: services "service2" not found>)\n')
      expect(out).toContain('  Normal  Sync    0s (x2 over 60s)  nginx-ingress-controller  Scheduled for sync\n')
    },
  },
  'service/networking/networkpolicy.yaml': {
    docs: 'Network Policies', status: 'works',
    applied: 'networkpolicy.networking.k8s.io/test-network-policy created\n',
    check: (r) => {
      expect(table(r, 'kubectl get networkpolicy')).toEqual([['test-network-policy', 'role=db', '0s']])
      expect(r.more('kubectl describe netpol test-network-policy').stdout).toContain('  Policy Types: Ingress, Egress\n')
    },
  },
  'service/networking/network-policy-default-deny-ingress.yaml': {
    docs: 'Network Policies', status: 'works',
    applied: 'networkpolicy.networking.k8s.io/default-deny-ingress created\n',
    check: (r) => {
      expect(table(r, 'kubectl get netpol')).toEqual([['default-deny-ingress', '<none>', '0s']])
      expect(r.more('kubectl describe netpol default-deny-ingress').stdout).toContain('  Not affecting egress traffic\n  Policy Types: Ingress\n')
    },
  },
  'service/load-balancer-example.yaml': {
    docs: 'Exposing an External IP Address to Access an Application in a Cluster', status: 'works',
    applied: 'deployment.apps/hello-world created\n',
    then: 'sleep 30\nkubectl expose deployment hello-world --type=LoadBalancer --name=my-service\nsleep 10',
    check: (r) => {
      expect(pods(r).filter((p) => p.status === 'Running')).toHaveLength(5)
      const [svc] = table(r, 'kubectl get services my-service')
      expect(svc.slice(0, 5)).toEqual(['my-service', 'LoadBalancer', expect.stringMatching(SERVICE_IP), '172.18.255.200', expect.stringMatching(/^8080:3\d{4}\/TCP$/)])
      // docs: `curl http://<external-ip>:<port>` answers from one of the five pods.
      expect(r.more('curl http://172.18.255.200:8080').stdout).toMatch(new RegExp(`^Hello, world!\nVersion: 2\\.0\\.0\nHostname: hello-world-[a-z0-9]{9,10}-${SUFFIX}\n$`))
    },
  },
  'service/nginx-service.yaml': {
    docs: 'Run a Stateless Application Using a Deployment / Service', status: 'works',
    before: 'kubectl apply -f controllers/nginx-deployment.yaml\nsleep 30',
    applied: 'service/nginx-service created\n',
    then: 'sleep 5',
    check: (r) => {
      expect(table(r, 'kubectl get svc nginx-service')[0].slice(1, 5)).toEqual(['ClusterIP', expect.stringMatching(SERVICE_IP), '<none>', '8000/TCP'])
      // The Service's port 8000 reaches nginx's port 80 in the pods.
      expect(r.more('kubectl exec deploy/nginx-deployment -- curl -s http://nginx-service:8000').stdout).toContain('<h1>Welcome to nginx!</h1>')
    },
  },
  'service/simple-service.yaml': {
    docs: 'Service', status: 'works',
    applied: 'service/my-service created\n',
    check: (r) => {
      expect(table(r, 'kubectl get svc my-service')[0].slice(1, 5)).toEqual(['ClusterIP', expect.stringMatching(SERVICE_IP), '<none>', '80/TCP'])
      // No pod carries app.kubernetes.io/name=MyApp: no endpoints, so kube-proxy rejects the connection.
      expect(table(r, 'kubectl get endpoints my-service')[0][1]).toBe('<none>')
      r.more('kubectl run client --image=busybox:1.28 --restart=Never -- sleep 3600\nsleep 10')
      expect(r.more('kubectl exec client -- wget -qO- http://my-service').stderr).toMatch(/^wget: can't connect to remote host \(10\.\d+\.\d+\.\d+\): Connection refused\n/)
    },
  },
  'service/access/backend-deployment.yaml': {
    docs: 'Connect a Frontend to a Backend Using Services', status: 'works',
    applied: 'deployment.apps/backend created\n',
    then: 'sleep 30',
    check: (r) => {
      expect(pods(r).map((p) => p.status)).toEqual(['Running', 'Running', 'Running'])
    },
  },
  'service/access/backend-service.yaml': {
    docs: 'Connect a Frontend to a Backend Using Services', status: 'works',
    before: 'kubectl apply -f service/access/backend-deployment.yaml\nsleep 30',
    applied: 'service/hello created\n',
    then: 'kubectl run client --image=busybox:1.28 --restart=Never -- sleep 3600\nsleep 10',
    check: (r) => {
      // The named targetPort `http` is the pods' containerPort 80.
      expect(table(r, 'kubectl get endpoints hello')[0][1]).toMatch(/^10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80$/)
      expect(r.more('kubectl exec client -- wget -qO- http://hello').stdout).toBe('{"message":"Hello"}\n')
    },
  },
  'service/networking/run-my-nginx.yaml': {
    docs: 'Connecting Applications with Services', status: 'works',
    applied: 'deployment.apps/my-nginx created\n',
    then: 'sleep 30',
    check: (r) => deploymentReady(r, 'my-nginx', 2, 'nginx'),
  },
  'service/networking/nginx-svc.yaml': {
    docs: 'Connecting Applications with Services', status: 'works',
    before: 'kubectl apply -f service/networking/run-my-nginx.yaml',
    applied: 'service/my-nginx created\n',
    then: 'sleep 30',
    check: (r) => {
      expect(table(r, 'kubectl get svc my-nginx')[0].slice(1, 5)).toEqual(['ClusterIP', expect.stringMatching(SERVICE_IP), '<none>', '80/TCP'])
      expect(table(r, 'kubectl get ep my-nginx')[0][1]).toMatch(/^10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80$/)
      // docs: the Service answers from inside the cluster with nginx's welcome page.
      expect(r.more('kubectl exec deploy/my-nginx -- curl -s my-nginx').stdout).toContain('<title>Welcome to nginx!</title>')
    },
  },
  'service/networking/nginx-secure-app.yaml': {
    // The docs first make the nginxsecret Secret (`kubectl create secret tls` from an openssl key pair) and
    // the nginxconfigmap ConfigMap (from nginx's default.conf); literals make the same objects here.
    docs: 'Connecting Applications with Services', status: 'works',
    before: 'kubectl create secret generic nginxsecret --from-literal=tls.crt=CERT --from-literal=tls.key=KEY\n' +
      'kubectl create configmap nginxconfigmap --from-literal=default.conf="server { listen 80; listen 443 ssl; }"',
    applied: 'service/my-nginx created\ndeployment.apps/my-nginx created\n',
    then: 'sleep 30',
    check: (r) => {
      expect(table(r, 'kubectl get svc my-nginx')[0].slice(1, 5)).toEqual(['NodePort', expect.stringMatching(SERVICE_IP), '<none>',
        expect.stringMatching(/^8080:3\d{4}\/TCP,443:3\d{4}\/TCP$/)])
      const [p] = pods(r)
      expect(p.status).toBe('Running')
      // The Secret and the ConfigMap are mounted where the docs' nginx config reads them.
      expect(r.more(`kubectl exec ${p.name} -- cat /etc/nginx/ssl/tls.crt`).stdout).toBe('CERT\n')
      expect(r.more(`kubectl exec ${p.name} -- ls /etc/nginx/conf.d`).stdout).toBe('default.conf\n')
    },
  },
}

// ---- the tests --------------------------------------------------------------------------------

function yamlFiles(folder: string): string[] {
  return readdirSync(join(EXAMPLES, folder), { withFileTypes: true }).flatMap((d) => {
    const path = `${folder}/${d.name}`
    if (d.isDirectory()) return yamlFiles(path)
    return /\.ya?ml$/.test(d.name) ? [path] : []
  })
}
// The folders may nest (`_kyaml/...` is listed on its own, not through a parent), so no duplicates.
const FILES = [...new Set(FOLDERS.flatMap(yamlFiles))].sort()

describe("the docs' workload manifests apply unchanged and reach the state the docs describe", () => {
  it('every manifest in controllers/, pods/, application/ (and their KYAML copies) has an expectation, and every expectation a file', () => {
    expect(FILES.filter((f) => !(f in EXAMPLES_TABLE))).toEqual([])
    expect(Object.keys(EXAMPLES_TABLE).filter((f) => !FILES.includes(f))).toEqual([])
  })

  for (const file of FILES) {
    const e = EXAMPLES_TABLE[file]
    if (!e) continue
    it(`${file} [${e.status}] (docs: ${e.docs})`, () => {
      const r = run(e.before ?? '')
      expect(r.stderr).toBe('')
      const applied = r.more(`kubectl apply -f ${file}`)
      expect([e.applied].flat()).toContain(applied.stdout + applied.stderr)
      if (e.then) r.more(e.then)
      e.check(r)
    })
  }
})
