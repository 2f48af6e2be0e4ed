// Data on volumes (Kubernetes v1.35): what a container writes to a claim's volume lives on the
// PersistentVolume — the node's directory for hostPath and local-path volumes, a disk of its own for
// the others — so it outlives the pod; an emptyDir lives as long as its pod; Retain keeps a released
// volume's data for the admin, Delete destroys it. And the kubelet's FailedMount for a configMap or
// secret volume whose object does not exist.
import { describe, expect, it } from 'vitest'
import type { Event, PersistentVolume, Pod } from 'kubernetes-types/core/v1'
import { hostPathTree } from '../kubelet/pod-config'
import { rows, run, type Run } from './run'

const apply = (yaml: string) => `kubectl apply -f - <<EOF\n${yaml.trim()}\nEOF`
const events = (r: Run, name: string, reason: string) => r.cluster.api.list<Event>('Event', { namespace: 'default' })
  .filter((e) => e.involvedObject.name === name && e.reason === reason)
const pod = (r: Run, name: string) => r.cluster.api.get<Pod>('Pod', 'default', name)
const worker = (r: Run, name: string) => r.cluster.nodes.kubelet(pod(r, name).spec!.nodeName!)!.worker('default', name)!
const logs = (r: Run, name: string) => r.more(`kubectl logs ${name}`).stdout

/** A busybox pod that runs `script` with `claim` (or an emptyDir) mounted at /data. */
function shellPod(name: string, script: string, volume: string, restartPolicy = 'Never'): string {
  return apply(`
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  restartPolicy: ${restartPolicy}
  containers:
  - name: sh
    image: busybox:1.36
    command: ["sh", "-c", "${script}"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    ${volume}
`)
}

const claim = (name: string, className?: string) => apply(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [ReadWriteOnce]
  ${className === undefined ? '' : `storageClassName: ${className}`}
  resources:
    requests:
      storage: 1Gi
`)

const WRITE = 'echo hello > /data/greeting; sleep 3600'
const READ = 'cat /data/greeting; sleep 3600'
const ON_CLAIM = (name: string) => `persistentVolumeClaim:\n      claimName: ${name}`

describe('data on a claim of the default class (kind: rancher.io/local-path)', () => {
  it('outlives the pod: a new pod with the claim goes back to the volume\'s node and reads the file', () => {
    const r = run([claim('data'), shellPod('writer', WRITE, ON_CLAIM('data')), 'sleep 20'].join('\n'))
    expect(r.stderr).toBe('')
    const node = pod(r, 'writer').spec!.nodeName
    expect(pod(r, 'writer').status!.phase).toBe('Running')
    r.more(['kubectl delete pod writer --grace-period=1', shellPod('reader', READ, ON_CLAIM('data')), 'sleep 20'].join('\n'))
    expect(logs(r, 'reader')).toBe('hello\n')
    // kube: the local-path volume's node affinity pins every later pod to the node with the directory.
    expect(pod(r, 'reader').spec!.nodeName).toBe(node)
  })

  it('is destroyed with the claim under reclaimPolicy Delete: a new claim of the same name starts empty', () => {
    const r = run([claim('data'), shellPod('writer', WRITE, ON_CLAIM('data')), 'sleep 20'].join('\n'))
    const firstVolume = r.cluster.api.list<PersistentVolume>('PersistentVolume')[0].metadata!.name
    r.more(['kubectl delete pod writer --grace-period=1', 'kubectl delete pvc data', 'sleep 5'].join('\n'))
    expect(r.cluster.api.list('PersistentVolume')).toEqual([])
    r.more([claim('data'), shellPod('reader', 'cat /data/greeting || echo empty; sleep 3600', ON_CLAIM('data')), 'sleep 20'].join('\n'))
    expect(r.cluster.api.list<PersistentVolume>('PersistentVolume')[0].metadata!.name).not.toBe(firstVolume)
    expect(logs(r, 'reader')).toBe('cat: can\'t open \'/data/greeting\': No such file or directory\nempty\n')
  })
})

describe('a Retain volume that is not a node directory', () => {
  const volume = apply(`
apiVersion: v1
kind: PersistentVolume
metadata:
  name: disk
spec:
  storageClassName: manual
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  nfs:
    server: 10.0.0.5
    path: /exports/disk
`)

  it('keeps its data when Released, binds no new claim until the admin clears claimRef, then serves the data again', () => {
    const r = run([volume, claim('data', 'manual'), shellPod('writer', WRITE, ON_CLAIM('data')), 'sleep 20'].join('\n'))
    expect(pod(r, 'writer').status!.phase).toBe('Running')
    r.more(['kubectl delete pod writer --grace-period=1', 'kubectl delete pvc data', 'sleep 5', claim('data', 'manual'), 'sleep 20'].join('\n'))
    // kube: a Released volume still names the old claim's uid, so the new claim does not match it.
    expect(rows(r.more('kubectl get pv disk').stdout)[0].slice(0, 6)).toEqual(['disk', '1Gi', 'RWO', 'Retain', 'Released', 'default/data'])
    expect(rows(r.more('kubectl get pvc data').stdout)[0].slice(0, 2)).toEqual(['data', 'Pending'])
    // The admin frees the volume (kubectl patch pv disk -p '{"spec":{"claimRef":null}}').
    r.cluster.api.patch('PersistentVolume', undefined, 'disk', { spec: { claimRef: null } }, { actor: 'kubectl' })
    r.more(['sleep 20', shellPod('reader', READ, ON_CLAIM('data')), 'sleep 20'].join('\n'))
    expect(rows(r.more('kubectl get pvc data').stdout)[0].slice(0, 3)).toEqual(['data', 'Bound', 'disk'])
    // The disk follows the claim to whatever node the reader runs on.
    expect(logs(r, 'reader')).toBe('hello\n')
  })
})

describe('an emptyDir (kube: it lives as long as the pod)', () => {
  const COUNT = 'echo run >> /data/runs; cat /data/runs | wc -l; exit 1'

  it('keeps its files through container restarts', () => {
    const r = run([shellPod('counter', COUNT, 'emptyDir: {}', 'Always'), 'sleep 60'].join('\n'))
    const w = worker(r, 'counter')
    expect(Number(w.container('sh')!.restartCount)).toBeGreaterThanOrEqual(2)
    expect(w.container('sh')!.fs!.get('/data/runs')!.split('\n').filter(Boolean).length).toBe(w.container('sh')!.restartCount + 1)
  })

  it('is lost with the pod', () => {
    const r = run([shellPod('writer', WRITE, 'emptyDir: {}'), 'sleep 20', 'kubectl delete pod writer --grace-period=1',
      shellPod('writer', 'cat /data/greeting || echo empty; sleep 3600', 'emptyDir: {}'), 'sleep 20'].join('\n'))
    expect(logs(r, 'writer')).toBe('cat: can\'t open \'/data/greeting\': No such file or directory\nempty\n')
  })

  it('docs (Configure a Pod to Use a Volume for Storage): redis\'s file in /data/redis is still there after the process is killed', () => {
    const r = run('kubectl apply -f pods/storage/redis.yaml\nsleep 30')
    const w = worker(r, 'redis')
    w.container('redis')!.fs!.set('/data/redis/test-file', 'Hello\n')
    // `kill <pid>` of redis-server: the container exits and restartPolicy Always starts it again.
    w.exited(w.container('redis')!, 0, 'Completed')
    r.more('sleep 30')
    expect(rows(r.more('kubectl get pod redis').stdout)[0].slice(0, 4)).toEqual(['redis', '1/1', 'Running', '1 (30s ago)'])
    expect(worker(r, 'redis').container('redis')!.fs!.get('/data/redis/test-file')).toBe('Hello\n')
  })
})

describe('docs (Configure a Pod to Use a PersistentVolume for Storage)', () => {
  it('nginx serves the index.html written into the volume\'s hostPath on the node', () => {
    const r = run(['kubectl apply -f pods/storage/pv-volume.yaml', 'kubectl apply -f pods/storage/pv-claim.yaml', 'sleep 5',
      'kubectl apply -f pods/storage/pv-pod.yaml', 'sleep 30'].join('\n'))
    const w = worker(r, 'task-pv-pod')
    expect(w.serve({ port: 80, path: '/' })?.body).not.toBe('Hello from Kubernetes storage\n')
    // docs: `sudo sh -c "echo 'Hello from Kubernetes storage' > /mnt/data/index.html"` on the node.
    hostPathTree(r.cluster.nodes.kubelet(pod(r, 'task-pv-pod').spec!.nodeName!)!, '/mnt/data').set('index.html', 'Hello from Kubernetes storage\n')
    expect(w.serve({ port: 80, path: '/' })).toMatchObject({ status: 200, body: 'Hello from Kubernetes storage\n' })
  })
})

describe('FailedMount (kube: MountVolume.SetUp of configMap and secret volumes)', () => {
  const podWith = (volume: string) => shellPod('app', 'ls /data; sleep 3600', volume)

  it('keeps the pod ContainerCreating with the kubelet\'s event, repeated with back-off, and starts it once the ConfigMap exists', () => {
    const r = run([podWith('configMap:\n      name: app-config'), 'sleep 10'].join('\n'))
    expect(rows(r.more('kubectl get pod app').stdout)[0].slice(0, 3)).toEqual(['app', '0/1', 'ContainerCreating'])
    const [e] = events(r, 'app', 'FailedMount')
    expect([e.type, e.source?.component, e.message]).toEqual(['Warning', 'kubelet', 'MountVolume.SetUp failed for volume "data" : configmap "app-config" not found'])
    // kube default: retries after 0.5 s doubling (0.5+1+2+4 = 7.5 s) — five attempts within 10 s.
    expect(e.count).toBe(5)
    r.more('kubectl create configmap app-config --from-literal=mode=fast\nsleep 20')
    expect(rows(r.more('kubectl get pod app').stdout)[0].slice(0, 3)).toEqual(['app', '1/1', 'Running'])
    expect(logs(r, 'app')).toBe('mode\n')
  })

  it('names a missing Secret as the secret plugin does', () => {
    const r = run([podWith('secret:\n      secretName: creds'), 'sleep 5'].join('\n'))
    expect(events(r, 'app', 'FailedMount')[0].message).toBe('MountVolume.SetUp failed for volume "data" : secret "creds" not found')
  })

  it('mounts an empty directory for an optional volume whose object is missing', () => {
    const r = run([podWith('configMap:\n      name: app-config\n      optional: true'), 'sleep 20'].join('\n'))
    expect(events(r, 'app', 'FailedMount')).toEqual([])
    expect(rows(r.more('kubectl get pod app').stdout)[0].slice(0, 3)).toEqual(['app', '1/1', 'Running'])
    expect(logs(r, 'app')).toBe('')
  })
})
