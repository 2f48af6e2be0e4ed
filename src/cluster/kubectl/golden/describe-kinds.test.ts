/** Golden: describe pages for the kinds that got their own describer in issue 5, and name/selector matching. */
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../apiserver/types'
import { bootFixture } from './fixture'

const ACTOR = { actor: 'kubectl' }

function boot() {
  const f = bootFixture()
  const create = (o: object) => f.cluster.api.create(o as KubeObject, ACTOR)
  create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'quota-demo' } })
  create({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'pods-high', namespace: 'quota-demo' }, spec: { hard: { pods: '10', 'requests.cpu': '1' } } })
  create({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'cpu-limits', namespace: 'quota-demo' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m' } }] } })
  create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-pdb', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } })
  create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high-priority' }, value: 1000000, description: 'For important pods.' })
  create({
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'task-pv-volume', labels: { type: 'local' } },
    spec: { storageClassName: 'manual', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' } },
  })
  f.cluster.clock.advance(10_000)
  return f
}

describe('kubectl describe, every kind', () => {
  const { run, cluster } = boot()

  it('describes a namespace with its quotas and limit ranges', () => {
    expect(run('kubectl describe namespace quota-demo').stdout).toBe([
      'Name:         quota-demo',
      'Labels:       kubernetes.io/metadata.name=quota-demo',
      'Annotations:  <none>',
      'Status:       Active',
      '',
      'Resource Quotas',
      '  Name:         pods-high',
      '  Resource      Used  Hard',
      '  --------      ---   ---',
      '  pods          0     10',
      '  requests.cpu  0     1',
      '',
      'Resource Limits',
      ' Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio',
      ' ----       --------  ---  ---  ---------------  -------------  -----------------------',
      ' Container  cpu       -    -    250m             500m           -',
      '',
    ].join('\n'))
  })

  it('describes a PodDisruptionBudget with its status', () => {
    expect(run('kubectl describe pdb web-pdb').stdout).toBe([
      'Name:           web-pdb',
      'Namespace:      default',
      'Min available:  1',
      'Selector:       app=web',
      'Status:',
      '    Allowed disruptions:  1',
      '    Current:              2',
      '    Desired:              1',
      '    Total:                2',
      'Events:                   <none>',
      '',
    ].join('\n'))
  })

  it('describes a PriorityClass', () => {
    expect(run('kubectl describe priorityclass high-priority').stdout).toBe([
      'Name:              high-priority',
      'Value:             1000000',
      'GlobalDefault:     false',
      'PreemptionPolicy:  PreemptLowerPriority',
      'Description:       For important pods.',
      'Annotations:       <none>',
      'Events:            <none>',
      '',
    ].join('\n'))
  })

  it('describes a hostPath PersistentVolume', () => {
    expect(run('kubectl describe pv task-pv-volume').stdout).toBe([
      'Name:            task-pv-volume',
      'Labels:          type=local',
      'Annotations:     <none>',
      'Finalizers:      [kubernetes.io/pv-protection]',
      'StorageClass:    manual',
      'Status:          Available',
      'Claim:           ',
      'Reclaim Policy:  Retain',
      'Access Modes:    RWO',
      'VolumeMode:      Filesystem',
      'Capacity:        10Gi',
      'Node Affinity:   <none>',
      'Message:         ',
      'Source:',
      '    Type:          HostPath (bare host directory volume)',
      '    Path:          /mnt/data',
      '    HostPathType:  ',
      'Events:            <none>',
      '',
    ].join('\n'))
  })

  it('falls back to kubectl\'s generic describer for a Lease', () => {
    const text = run('kubectl describe lease -n kube-node-lease node-1').stdout
    expect(text).toMatch(/^Name:         node-1\nNamespace:    kube-node-lease\nLabels:       <none>\nAnnotations:  <none>\nAPI Version:  coordination.k8s.io\/v1\nKind:         Lease\nMetadata:\n  Creation Timestamp:  /)
    expect(text).toMatch(/\nSpec:\n  Holder Identity:         node-1\n  Lease Duration Seconds:  40\n  Renew Time:              \S+\nEvents:                    <none>\n$/)
  })

  it('has a describer for every simulated kind', () => {
    for (const info of cluster.api.kinds()) {
      const r = run(`kubectl describe ${info.resource} -A`)
      expect({ kind: info.kind, stderr: r.stderr.replace(/^No resources found.*\n$/, '') }).toEqual({ kind: info.kind, stderr: '' })
    }
  })

  it('describes every object whose name starts with the given name, and by label selector', () => {
    const names = (text: string) => [...text.matchAll(/^Name:\s+(\S+)$/gm)].map((m) => m[1])
    expect(names(run('kubectl describe pod web').stdout)).toEqual(['web-10', 'web-2'])
    expect(names(run('kubectl describe pods -l app=db').stdout)).toEqual(['db-0'])
    expect(run('kubectl describe pod nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
  })
})

describe('kubectl describe --show-events=false', () => {
  it('leaves the Events section out', () => {
    const { run } = bootFixture()
    const page = run('kubectl describe pod db-0 --show-events=false').stdout
    expect(page).toMatch(/\nTolerations: .*\n(?: .*\n)*$/)
    expect(page).not.toMatch(/Events:/)
    expect(run('kubectl describe pod db-0').stdout).toMatch(/\nEvents:\n/)
  })
})
