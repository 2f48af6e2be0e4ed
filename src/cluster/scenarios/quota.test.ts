/**
 * LimitRange and ResourceQuota admission, driven through the docs' tasks "Configure Default Memory
 * Requests and Limits for a Namespace", "Configure Memory and CPU Quotas for a Namespace" and
 * "Configure a Pod Quota for a Namespace" (kube: plugin/pkg/admission/limitranger,
 * apiserver/pkg/admission/plugin/resourcequota, pkg/controller/resourcequota).
 */
import { describe, it, expect } from 'vitest'
import type { Pod, ResourceQuota } from 'kubernetes-types/core/v1'
import { rows, run } from './run'

const DIR = 'admin/resource'
const apply = (yaml: string, ns: string) => `kubectl apply -n ${ns} -f - <<EOF\n${yaml.trim()}\nEOF`

describe('ResourceQuota (docs: Configure Memory and CPU Quotas for a Namespace)', () => {
  const script = `kubectl create namespace quota-mem-cpu-example
kubectl apply -f ${DIR}/quota-mem-cpu.yaml --namespace=quota-mem-cpu-example
kubectl apply -f ${DIR}/quota-mem-cpu-pod.yaml --namespace=quota-mem-cpu-example
sleep 1`

  it('the quota controller records status.hard and status.used as the docs show', () => {
    const r = run(script)
    expect(r.stderr).toBe('')
    const q = r.cluster.api.get('ResourceQuota', 'quota-mem-cpu-example', 'mem-cpu-demo') as ResourceQuota
    expect(q.status).toEqual({
      hard: { 'limits.cpu': '2', 'limits.memory': '2Gi', 'requests.cpu': '1', 'requests.memory': '1Gi' },
      used: { 'limits.cpu': '800m', 'limits.memory': '800Mi', 'requests.cpu': '400m', 'requests.memory': '600Mi' },
    })
  })

  it('refuses the second pod with the exceeded-quota message (only the resources over the limit)', () => {
    const r = run(script).more(`kubectl apply -f ${DIR}/quota-mem-cpu-pod-2.yaml --namespace=quota-mem-cpu-example`)
    expect(r.stderr).toBe(`Error from server (Forbidden): error when creating "${DIR}/quota-mem-cpu-pod-2.yaml": pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi\n`)
  })

  it('kubectl get quota prints REQUEST and LIMIT as used/hard, limits.* in LIMIT', () => {
    const r = run(script).more('kubectl get quota -n quota-mem-cpu-example')
    expect(r.stdout.split('\n')[0].split(/\s{2,}/)).toEqual(['NAME', 'AGE', 'REQUEST', 'LIMIT'])
    expect(rows(r.stdout)[0].slice(2)).toEqual([
      'requests.cpu: 400m/1, requests.memory: 600Mi/1Gi',
      'limits.cpu: 800m/2, limits.memory: 800Mi/2Gi',
    ])
  })

  it('with cpu/memory quotas, a container that does not state them is refused (kube: must specify)', () => {
    const r = run(script).more(apply(`
apiVersion: v1
kind: Pod
metadata: { name: bare }
spec:
  containers: [{ name: app, image: nginx }]
`, 'quota-mem-cpu-example'))
    expect(r.stderr).toContain('pods "bare" is forbidden: failed quota: mem-cpu-demo: must specify limits.cpu for: app; limits.memory for: app; requests.cpu for: app; requests.memory for: app')
  })

  it('a deleted pod frees its share: used drops and the second pod fits', () => {
    const r = run(script)
    r.more('kubectl delete pod quota-mem-cpu-demo -n quota-mem-cpu-example\nsleep 40')
    const q = r.cluster.api.get('ResourceQuota', 'quota-mem-cpu-example', 'mem-cpu-demo') as ResourceQuota
    expect(q.status?.used?.['requests.memory']).toBe('0')
    expect(r.more(`kubectl apply -f ${DIR}/quota-mem-cpu-pod-2.yaml --namespace=quota-mem-cpu-example`).stderr).toBe('')
  })
})

describe('ResourceQuota on pods (docs: Configure a Pod Quota for a Namespace)', () => {
  it('a Deployment of 3 gets 2 pods; the ReplicaSet reports FailedCreate with the quota error', () => {
    const r = run(`kubectl create namespace quota-pod-example
kubectl apply -f ${DIR}/quota-pod.yaml --namespace=quota-pod-example
kubectl apply -f ${DIR}/quota-pod-deployment.yaml --namespace=quota-pod-example
sleep 10`)
    expect(r.stderr).toBe('')
    expect(r.cluster.api.list('Pod', { namespace: 'quota-pod-example' })).toHaveLength(2)
    const events = r.more('kubectl get events -n quota-pod-example --field-selector reason=FailedCreate').stdout
    expect(events).toMatch(/Error creating: pods "pod-quota-demo-[a-z0-9]+-" is forbidden: exceeded quota: pod-demo, requested: pods=1, used: pods=2, limited: pods=2/)
    const q = r.cluster.api.get('ResourceQuota', 'quota-pod-example', 'pod-demo') as ResourceQuota
    expect(q.status).toEqual({ hard: { pods: '2' }, used: { pods: '2' } })
  })
})

describe('LimitRange (docs: Configure Default Memory Requests and Limits for a Namespace)', () => {
  it('fills the default request and limit and records it in kubernetes.io/limit-ranger', () => {
    const r = run(`kubectl create namespace default-mem-example
kubectl apply -f ${DIR}/memory-defaults.yaml --namespace=default-mem-example
kubectl apply -f ${DIR}/memory-defaults-pod.yaml --namespace=default-mem-example`)
    expect(r.stderr).toBe('')
    const pod = r.cluster.api.get('Pod', 'default-mem-example', 'default-mem-demo') as Pod
    expect(pod.spec?.containers[0].resources).toEqual({ limits: { memory: '512Mi' }, requests: { memory: '256Mi' } })
    expect(pod.metadata?.annotations?.['kubernetes.io/limit-ranger'])
      .toBe('LimitRanger plugin set: memory request for container default-mem-demo-ctr; memory limit for container default-mem-demo-ctr')
    // kube: the defaults are applied before the QoS class is computed.
    expect(pod.status?.qosClass).toBe('Burstable')
    expect(rows(r.more('kubectl get limits -n default-mem-example').stdout)).toEqual([['mem-limit-range', '2026-01-01T09:00:00Z']])
  })

  it('defaults a missing default limit to max and default request to the limit (SetDefaults_LimitRangeItem)', () => {
    const r = run(`kubectl create namespace constraints-mem-example
${apply(`
apiVersion: v1
kind: LimitRange
metadata: { name: mem-min-max-demo-lr }
spec:
  limits:
  - max: { memory: 1Gi }
    min: { memory: 500Mi }
    type: Container
`, 'constraints-mem-example')}`)
    expect(r.stderr).toBe('')
    const lr = r.cluster.api.get('LimitRange', 'constraints-mem-example', 'mem-min-max-demo-lr') as { spec: { limits: unknown[] } }
    expect(lr.spec.limits[0]).toEqual({
      default: { memory: '1Gi' }, defaultRequest: { memory: '1Gi' }, max: { memory: '1Gi' }, min: { memory: '500Mi' }, type: 'Container',
    })
  })

  it('refuses a container over max or under min with the LimitRanger texts', () => {
    const r = run(`kubectl create namespace constraints-mem-example
${apply(`
apiVersion: v1
kind: LimitRange
metadata: { name: mem-min-max-demo-lr }
spec:
  limits:
  - { max: { memory: 1Gi }, min: { memory: 500Mi }, type: Container }
`, 'constraints-mem-example')}`)
    const over = r.more(apply(`
apiVersion: v1
kind: Pod
metadata: { name: constraints-mem-demo-2 }
spec:
  containers:
  - name: c
    image: nginx
    resources: { limits: { memory: 1.5Gi }, requests: { memory: 800Mi } }
`, 'constraints-mem-example'))
    expect(over.stderr).toContain('pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi')
    const under = r.more(apply(`
apiVersion: v1
kind: Pod
metadata: { name: constraints-mem-demo-3 }
spec:
  containers:
  - name: c
    image: nginx
    resources: { limits: { memory: 800Mi }, requests: { memory: 100Mi } }
`, 'constraints-mem-example'))
    expect(under.stderr).toContain('pods "constraints-mem-demo-3" is forbidden: minimum memory usage per Container is 500Mi, but request is 100Mi')
  })

  it('refuses a LimitRange whose min is over its max', () => {
    const r = run(apply(`
apiVersion: v1
kind: LimitRange
metadata: { name: bad }
spec:
  limits:
  - { max: { cpu: 500m }, min: { cpu: "1" }, type: Container }
`, 'default'))
    expect(r.stderr).toContain('min value 1 is greater than max value 500m')
  })
})

describe('kubectl describe quota / limits', () => {
  it('describe quota lists Resource, Used and Hard', () => {
    const r = run(`kubectl create namespace q
kubectl apply -f ${DIR}/quota-mem-cpu.yaml -n q
kubectl apply -f ${DIR}/quota-mem-cpu-pod.yaml -n q
sleep 1
kubectl describe quota mem-cpu-demo -n q`)
    expect(r.stdout).toContain([
      'Name:            mem-cpu-demo',
      'Namespace:       q',
      'Resource         Used   Hard',
      '--------         ----   ----',
      'limits.cpu       800m   2',
      'limits.memory    800Mi  2Gi',
      'requests.cpu     400m   1',
      'requests.memory  600Mi  1Gi',
    ].join('\n') + '\n')
  })

  it('describe limits prints one row per resource with - for unset values', () => {
    const r = run(`kubectl create namespace d
kubectl apply -f ${DIR}/memory-defaults.yaml -n d
kubectl describe limits mem-limit-range -n d`)
    // The header lines and the table share one tabwriter, so `Namespace:` sets the first column.
    expect(r.stdout).toContain([
      'Name:       mem-limit-range',
      'Namespace:  d',
      'Type        Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio',
      '----        --------  ---  ---  ---------------  -------------  -----------------------',
      'Container   memory    -    -    256Mi            512Mi          -',
    ].join('\n') + '\n')
  })
})
