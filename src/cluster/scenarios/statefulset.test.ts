// StatefulSets (kube: pkg/controller/statefulset, v1.35) through the runner: stable names and
// storage, OrderedReady creation and reverse-order removal, Parallel, rolling updates with a
// partition, and the claims a kind cluster binds through its default StorageClass `standard`.
import { describe, expect, it } from 'vitest'
import type { StatefulSet } from 'kubernetes-types/apps/v1'
import type { Event, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import { rows, run, type Run } from './run'

const WEB = 'application/web/web.yaml'
const ms = (t: string | undefined) => Date.parse(t!)
const pod = (r: Run, name: string) => r.cluster.api.find<Pod>('Pod', 'default', name)
const readySince = (p: Pod) => ms(p.status!.conditions!.find((c) => c.type === 'Ready' && c.status === 'True')!.lastTransitionTime)
const events = (r: Run, reason: string, kind = 'StatefulSet') => r.cluster.api.list<Event>('Event', { namespace: 'default' })
  .filter((e) => e.reason === reason && e.involvedObject.kind === kind).map((e) => e.message)
/** Names of the pods of `set` as they are deleted, in order (kube events: SuccessfulDelete). */
const deletions = (r: Run) => events(r, 'SuccessfulDelete').map((m) => m!.split(' ')[2])
const heredoc = (text: string) => `kubectl apply -f - <<EOF\n${text}EOF`

function statefulSet(name: string, replicas: number, extra = '', image = 'registry.k8s.io/nginx-slim:0.7', service = 'nginx'): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: ${service}
  replicas: ${replicas}
${extra}  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: ${image}
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`
}

describe('StatefulSet', () => {
  it("the docs' web.yaml applies unchanged and reaches Running with its claims Bound", () => {
    const r = run(`kubectl apply -f ${WEB}\nsleep 60\nkubectl get pods\nkubectl get pvc\nkubectl get statefulset web`)
    expect(r.failed).toBe(0)
    expect(r.stdout).toMatch(/^service\/nginx created\nstatefulset\.apps\/web created\n/)
    const out = r.stdout.split('NAME ')
    expect(rows(`NAME ${out[1]}`).map((c) => [c[0], c[1], c[2]])).toEqual([['web-0', '1/1', 'Running'], ['web-1', '1/1', 'Running']])
    const pvcs = rows(`NAME ${out[2]}`)
    expect(pvcs.map((c) => [c[0], c[1], c[3], c[4], c[5], c[6]])).toEqual([
      ['www-web-0', 'Bound', '1Gi', 'RWO', 'standard', '<unset>'],
      ['www-web-1', 'Bound', '1Gi', 'RWO', 'standard', '<unset>'],
    ])
    // kube: dynamic provisioning names the volume pvc-<claim uid>.
    const claim = r.cluster.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'www-web-0')
    expect(pvcs[0][2]).toBe(`pvc-${claim.metadata!.uid}`)
    expect(rows(`NAME ${out[3]}`)).toEqual([['web', '2/2', '60s']])
  })

  it('names pods <set>-<ordinal>, labels them with their name, index and revision, and sets hostname and subdomain', () => {
    const r = run(`kubectl apply -f ${WEB}\nsleep 60`)
    const set = r.cluster.api.get<StatefulSet>('StatefulSet', 'default', 'web')
    const web1 = pod(r, 'web-1')!
    expect(web1.metadata!.labels).toEqual({
      app: 'nginx',
      'statefulset.kubernetes.io/pod-name': 'web-1',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': set.status!.updateRevision,
    })
    expect(set.status!.updateRevision).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/)
    expect(web1.spec!.hostname).toBe('web-1')
    expect(web1.spec!.subdomain).toBe('nginx')
    expect(web1.spec!.volumes![0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } })
    expect(set.status).toEqual({
      observedGeneration: 1, replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2,
      currentRevision: set.status!.updateRevision, updateRevision: set.status!.updateRevision, collisionCount: 0, availableReplicas: 2,
    })
  })

  it('OrderedReady: web-1 is created only once web-0 is Running and Ready, with the events kube writes', () => {
    const r = run(`kubectl apply -f ${WEB}\nsleep 60`)
    const web0 = pod(r, 'web-0')!
    const web1 = pod(r, 'web-1')!
    expect(ms(web1.metadata!.creationTimestamp)).toBeGreaterThanOrEqual(Math.floor(readySince(web0) / 1000) * 1000)
    expect(events(r, 'SuccessfulCreate')).toEqual([
      'create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'create Pod web-0 in StatefulSet web successful',
      'create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'create Pod web-1 in StatefulSet web successful',
    ])
  })

  it('a WaitForFirstConsumer claim waits for its pod, then is provisioned on that pod\'s node', () => {
    const r = run(`kubectl apply -f ${WEB}\nsleep 60`)
    expect(events(r, 'WaitForFirstConsumer', 'PersistentVolumeClaim')).toContain('waiting for first consumer to be created before binding')
    expect(events(r, 'Provisioning', 'PersistentVolumeClaim')).toContain('External provisioner is provisioning volume for claim "default/www-web-0"')
    const claim = r.cluster.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'www-web-0')
    expect(events(r, 'ProvisioningSucceeded', 'PersistentVolumeClaim')).toContain(`Successfully provisioned volume pvc-${claim.metadata!.uid}`)
    const pv = r.cluster.api.get<PersistentVolume>('PersistentVolume', undefined, claim.spec!.volumeName!)
    const node = pod(r, 'web-0')!.spec!.nodeName
    expect(claim.metadata!.annotations!['volume.kubernetes.io/selected-node']).toBe(node)
    expect(pv.spec!.nodeAffinity!.required!.nodeSelectorTerms[0].matchExpressions![0]).toEqual({ key: 'kubernetes.io/hostname', operator: 'In', values: [node] })
    expect(pv.spec!.persistentVolumeReclaimPolicy).toBe('Delete')
    expect(claim.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } })
  })

  it('scales down one pod at a time from the highest ordinal, and the claims survive (retention Retain)', () => {
    const r = run(`${heredoc(statefulSet('db', 4))}\nsleep 90`)
    expect(rows(r.more('kubectl get pods').stdout).map((c) => c[2])).toEqual(['Running', 'Running', 'Running', 'Running'])
    const seen: string[] = []
    r.cluster.api.watch<Pod>('Pod', (e) => {
      if (e.type === 'DELETED') seen.push(`gone ${e.object.metadata!.name}`)
      else if (e.object.metadata!.deletionTimestamp && !e.oldObject?.metadata?.deletionTimestamp) seen.push(`terminating ${e.object.metadata!.name}`)
    })
    r.more('kubectl scale statefulset db --replicas=1\nsleep 60')
    // kube: the next pod is deleted only once the previous one is gone.
    expect(seen).toEqual(['terminating db-3', 'gone db-3', 'terminating db-2', 'gone db-2', 'terminating db-1', 'gone db-1'])
    expect(deletions(r)).toEqual(['db-3', 'db-2', 'db-1'])
    expect(r.cluster.api.list<Pod>('Pod', { namespace: 'default' }).map((p) => p.metadata!.name)).toEqual(['db-0'])
    const claims = r.cluster.api.list<PersistentVolumeClaim>('PersistentVolumeClaim', { namespace: 'default' })
    expect(claims.map((c) => `${c.metadata!.name} ${c.status!.phase}`)).toEqual(['www-db-0 Bound', 'www-db-1 Bound', 'www-db-2 Bound', 'www-db-3 Bound'])
    // Scaling up again reuses the claims: no new claim is created.
    r.more('kubectl scale statefulset db --replicas=2\nsleep 30')
    expect(events(r, 'SuccessfulCreate').filter((m) => m!.startsWith('create Claim'))).toHaveLength(4)
    expect(pod(r, 'db-1')!.status!.phase).toBe('Running')
  })

  it('a deleted pod comes back with the same name, its claim, and on the node where its volume lives', () => {
    const r = run(`kubectl apply -f ${WEB}\nsleep 60`)
    const before = pod(r, 'web-0')!
    r.more('kubectl delete pod web-0\nsleep 40')
    const after = pod(r, 'web-0')!
    expect(after.metadata!.uid).not.toBe(before.metadata!.uid)
    expect(after.status!.phase).toBe('Running')
    expect(after.spec!.nodeName).toBe(before.spec!.nodeName)
    expect(events(r, 'SuccessfulCreate').filter((m) => m!.startsWith('create Claim'))).toHaveLength(2)
  })

  it('Parallel creates every pod at once', () => {
    const r = run(`${heredoc(statefulSet('par', 3, '  podManagementPolicy: Parallel\n'))}\nsleep 1`)
    expect(r.cluster.api.list<Pod>('Pod', { namespace: 'default' }).map((p) => p.metadata!.name)).toEqual(['par-0', 'par-1', 'par-2'])
  })

  it('RollingUpdate replaces pods from the highest ordinal down, only at or above the partition', () => {
    const r = run(`${heredoc(statefulSet('db', 3))}\nsleep 90`)
    const oldRev = r.cluster.api.get<StatefulSet>('StatefulSet', 'default', 'db').status!.currentRevision
    const partition = (n: number) => `  updateStrategy:\n    rollingUpdate:\n      partition: ${n}\n`
    r.more(`${heredoc(statefulSet('db', 3, partition(1), 'registry.k8s.io/nginx-slim:0.8'))}\nsleep 60`)
    let set = r.cluster.api.get<StatefulSet>('StatefulSet', 'default', 'db')
    const newRev = set.status!.updateRevision
    expect(newRev).not.toBe(oldRev)
    const revOf = (n: string) => pod(r, n)!.metadata!.labels!['controller-revision-hash']
    expect([revOf('db-0'), revOf('db-1'), revOf('db-2')]).toEqual([oldRev, newRev, newRev])
    expect(deletions(r)).toEqual(['db-2', 'db-1'])
    expect(set.status!.currentRevision).toBe(oldRev)
    r.more(`${heredoc(statefulSet('db', 3, partition(0), 'registry.k8s.io/nginx-slim:0.8'))}\nsleep 60`)
    expect(deletions(r)).toEqual(['db-2', 'db-1', 'db-0'])
    set = r.cluster.api.get<StatefulSet>('StatefulSet', 'default', 'db')
    expect(set.status!.currentRevision).toBe(newRev)
    expect(set.status!.updatedReplicas).toBe(3)
    expect(pod(r, 'db-0')!.spec!.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.8')
    expect(r.more('kubectl get controllerrevisions').stdout).toMatch(/db-\w+\s+statefulset\.apps\/db\s+2\s/)
  })

  it('OnDelete leaves running pods alone; a deleted pod comes back from the new revision', () => {
    const r = run(`${heredoc(statefulSet('db', 2, '  updateStrategy:\n    type: OnDelete\n'))}\nsleep 60`)
    r.more('kubectl set image statefulset/db nginx=registry.k8s.io/nginx-slim:0.8\nsleep 30')
    expect(deletions(r)).toEqual([])
    r.more('kubectl delete pod db-1\nsleep 30')
    expect(pod(r, 'db-1')!.spec!.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.8')
    expect(pod(r, 'db-0')!.spec!.containers[0].image).toBe('registry.k8s.io/nginx-slim:0.7')
  })

  it("the docs' controllers/statefulset.yaml waits, as in a kind cluster, until its class my-storage-class exists", () => {
    const r = run('kubectl apply -f controllers/statefulset.yaml\nsleep 30')
    expect(r.failed).toBe(0)
    expect(pod(r, 'web-0')!.status!.phase).toBe('Pending')
    expect(pod(r, 'web-1')).toBeUndefined()
    expect(events(r, 'ProvisioningFailed', 'PersistentVolumeClaim')).toContain('storageclass.storage.k8s.io "my-storage-class" not found')
    // kube: VolumeBinding — a claim whose class does not exist binds immediately or not at all.
    expect(events(r, 'FailedScheduling', 'Pod')[0]).toMatch(/^0\/4 nodes are available: .*pod has unbound immediate PersistentVolumeClaims\./)
    r.more(heredoc(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: my-storage-class
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
`))
    r.more('sleep 360')
    expect(['web-0', 'web-1', 'web-2'].map((n) => pod(r, n)?.status?.phase)).toEqual(['Running', 'Running', 'Running'])
    expect(r.cluster.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'www-web-2').status!.phase).toBe('Bound')
  })

  it('a pod whose claim does not exist stays Pending with the scheduler\'s reason', () => {
    const r = run(`${heredoc(`apiVersion: v1
kind: Pod
metadata:
  name: needs-claim
spec:
  containers:
  - name: app
    image: nginx
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: missing
`)}\nsleep 10`)
    expect(pod(r, 'needs-claim')!.status!.phase).toBe('Pending')
    expect(events(r, 'FailedScheduling', 'Pod')[0]).toMatch(/^0\/4 nodes are available: .*persistentvolumeclaim "missing" not found\./)
  })

  it('rejects what Kubernetes rejects', () => {
    const r = run(heredoc(statefulSet('bad', 1, '  podManagementPolicy: Sometimes\n')))
    expect(r.stderr).toContain('spec.podManagementPolicy: Unsupported value: "Sometimes": supported values: "OrderedReady", "Parallel"')
    const ok = r.more(`${heredoc(statefulSet('good', 1))}\n${heredoc(statefulSet('good', 1, '', undefined, 'other'))}`)
    expect(ok.stderr).toContain("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")
  })
})
