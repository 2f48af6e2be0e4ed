// Static PersistentVolumes (kube: pkg/controller/volume/persistentvolume, v1.35): a volume no claim
// names is Available, a claim binds the smallest matching volume of its class even when no
// StorageClass object defines the class, and a pod waiting for its claim is scheduled as soon as
// the claim binds (kube: VolumeBinding rejects in PreFilter and registers PVC/PV events).
import { describe, expect, it } from 'vitest'
import type { Event, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import { run, type Run } from './run'

const heredoc = (text: string) => `kubectl apply -f - <<EOF\n${text.trim()}\nEOF`
const claim = (r: Run, name: string) => r.cluster.api.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name)
const volume = (r: Run, name: string) => r.cluster.api.get<PersistentVolume>('PersistentVolume', undefined, name)
const events = (r: Run, name: string, reason: string) => r.cluster.api.list<Event>('Event', { namespace: 'default' })
  .filter((e) => e.involvedObject.name === name && e.reason === reason).map((e) => e.message)

function pv(name: string, size: string, labels = '{}', cls = 'manual'): string {
  return heredoc(`
apiVersion: v1
kind: PersistentVolume
metadata: {name: ${name}, labels: ${labels}}
spec:
  storageClassName: ${cls}
  capacity: {storage: ${size}}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /mnt/${name}}`)
}
function pvc(name: string, size: string, extra = '', cls = 'manual'): string {
  return heredoc(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: ${name}}
spec:
  storageClassName: "${cls}"
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: ${size}}}
${extra}`)
}
const POD = heredoc(`
apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
  containers: [{name: nginx, image: nginx, volumeMounts: [{name: data, mountPath: /data}]}]`)

describe('static PersistentVolume binding (kube pv_controller)', () => {
  it('a new volume no claim names is Available at once (syncVolume)', () => {
    const r = run(`${pv('small', '1Gi')}\nsleep 1`)
    expect(volume(r, 'small').status?.phase).toBe('Available')
    expect(volume(r, 'small').spec?.claimRef).toBeUndefined()
  })

  it('binds the smallest Available volume that fits, of the claim class (findBestMatchForClaim)', () => {
    const r = run([pv('big', '10Gi'), pv('small', '1Gi'), pv('fit', '5Gi'), pv('other-class', '3Gi', '{}', 'slow'),
      pvc('data', '3Gi'), 'sleep 1'].join('\n'))
    expect(claim(r, 'data').spec?.volumeName).toBe('fit')
    expect(claim(r, 'data').status).toMatchObject({ phase: 'Bound', capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'] })
    const v = volume(r, 'fit')
    expect(v.status?.phase).toBe('Bound')
    expect(v.spec?.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: claim(r, 'data').metadata?.uid })
    expect(['big', 'small', 'other-class'].map((n) => volume(r, n).status?.phase)).toEqual(['Available', 'Available', 'Available'])
    // kube: a class no StorageClass object defines is fine when a volume matches: nothing to provision.
    expect(events(r, 'data', 'ProvisioningFailed')).toEqual([])
  })

  it("binds only volumes whose labels match the claim's selector", () => {
    const r = run([pv('a', '1Gi', '{disk: hdd}'), pv('b', '2Gi', '{disk: ssd}'),
      pvc('data', '1Gi', '  selector: {matchLabels: {disk: ssd}}'), 'sleep 1'].join('\n'))
    expect(claim(r, 'data').spec?.volumeName).toBe('b')
  })

  it('a claim no volume matches reports the missing class and binds at the next resync (15 s) once one appears', () => {
    const r = run(`${pvc('data', '1Gi')}\nsleep 1`)
    expect(claim(r, 'data').status?.phase).toBe('Pending')
    expect(events(r, 'data', 'ProvisioningFailed')).toEqual(['storageclass.storage.k8s.io "manual" not found'])
    r.more(`${pv('late', '1Gi')}\nsleep 1`)
    expect(volume(r, 'late').status?.phase).toBe('Available')
    // kube default: --pvclaimbinder-sync-period 15s.
    r.more('sleep 15')
    expect(claim(r, 'data').status?.phase).toBe('Bound')
  })

  it('a claim of no class with no matching volume says so (FailedBinding)', () => {
    const r = run(`${pvc('data', '1Gi', '', '')}\nsleep 1`)
    expect(events(r, 'data', 'FailedBinding')).toEqual(['no persistent volumes available for this claim and no storage class is set'])
  })
})

describe('VolumeBinding in the scheduler', () => {
  it('rejects a missing claim in PreFilter (no node count), and schedules the pod once the claim binds', () => {
    const r = run(`${POD}\nsleep 2`)
    const failed = events(r, 'app', 'FailedScheduling')
    expect(failed[0]?.startsWith('0/4 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.')).toBe(true)
    // kube: PVC/PV Add/Update requeue the pod (VolumeBinding's events), well before the 5-minute flush.
    r.more(`${pv('vol', '1Gi')}\n${pvc('data', '1Gi')}\nsleep 20`)
    const p = r.cluster.api.get<Pod>('Pod', 'default', 'app')
    expect(p.spec?.nodeName).toMatch(/^node-[123]$/)
    expect(p.status?.phase).toBe('Running')
  })
})
