// Object-count quotas (Kubernetes v1.35): `count/<resource>.<group>` and the legacy names, Services'
// load balancers and node ports, claims' storage in total and per StorageClass — refused at create by
// the ResourceQuota admission plugin with its `exceeded quota` text, and counted in status.used by
// the resourcequota controller, as `kubectl describe quota` shows.
import { describe, expect, it } from 'vitest'
import type { ResourceQuota } from 'kubernetes-types/core/v1'
import { run } from './run'

const apply = (yaml: string) => `kubectl apply -f - <<EOF\n${yaml.trim()}\nEOF`
const deployment = (name: string) => apply(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers: [{name: nginx, image: nginx, ports: [{containerPort: 80}]}]
`)
const used = (r: ReturnType<typeof run>, name: string, ns = 'default') => r.cluster.api.get<ResourceQuota>('ResourceQuota', ns, name).status?.used

// docs (Configure Quotas for API Objects): admin/resource/quota-objects.yaml and its two claims.
const QUOTA = apply(`
apiVersion: v1
kind: ResourceQuota
metadata:
  name: object-quota-demo
spec:
  hard:
    persistentvolumeclaims: "1"
    services.loadbalancers: "2"
    services.nodeports: "0"
`)
const pvc = (name: string, storage = '3Gi') => apply(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  storageClassName: manual
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: ${storage}
`)

describe('docs: Configure Quotas for API Objects', () => {
  it('admits one claim, refuses the second with the admission plugin\'s text, and describes the quota', () => {
    const ns = 'kubectl create namespace quota-object-example\nkubectl config set-context --current --namespace=quota-object-example'
    const r = run([ns, QUOTA, pvc('pvc-quota-demo'), pvc('pvc-quota-demo-2', '4Gi'), 'sleep 1'].join('\n'))
    expect(r.stdout).toContain('resourcequota/object-quota-demo created\npersistentvolumeclaim/pvc-quota-demo created\n')
    expect(r.stderr).toBe('Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "pvc-quota-demo-2" is forbidden: '
      + 'exceeded quota: object-quota-demo, requested: persistentvolumeclaims=1, used: persistentvolumeclaims=1, limited: persistentvolumeclaims=1\n')
    expect(r.more('kubectl describe quota object-quota-demo').stdout).toBe([
      'Name:                   object-quota-demo',
      'Namespace:              quota-object-example',
      'Resource                Used  Hard',
      '--------                ----  ----',
      'persistentvolumeclaims  1     1',
      'services.loadbalancers  0     2',
      'services.nodeports      0     0',
      '',
    ].join('\n'))
  })
})

describe('Services against a quota', () => {
  it('refuses a NodePort Service when services.nodeports is 0, counting one per port, and gives its cluster IP back', () => {
    const r = run([QUOTA, 'sleep 1', deployment('web'), 'kubectl expose deployment web --port=80 --type=NodePort'].join('\n'))
    expect(r.stderr).toBe('Error from server (Forbidden): services "web" is forbidden: exceeded quota: object-quota-demo, '
      + 'requested: services.nodeports=1, used: services.nodeports=0, limited: services.nodeports=0\n')
  })

  it('counts LoadBalancers, and `services` with `count/services`, as the controller reports them', () => {
    const quota = apply(`
apiVersion: v1
kind: ResourceQuota
metadata:
  name: svc
spec:
  hard:
    services: "3"
    count/services: "5"
    services.loadbalancers: "1"
    services.nodeports: "10"
`)
    const svc = (name: string, type: string) => apply(`
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: ${type}
  selector: {app: x}
  ports: [{name: a, port: 80}, {name: b, port: 81}]
`)
    const r = run([quota, svc('a', 'LoadBalancer'), svc('b', 'LoadBalancer'), svc('c', 'ClusterIP'), svc('d', 'ClusterIP'), 'sleep 1'].join('\n'))
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'Error from server (Forbidden): error when creating "STDIN": services "b" is forbidden: exceeded quota: svc, requested: services.loadbalancers=1, used: services.loadbalancers=1, limited: services.loadbalancers=1',
      'Error from server (Forbidden): error when creating "STDIN": services "d" is forbidden: exceeded quota: svc, requested: services=1, used: services=3, limited: services=3',
    ])
    // The `kubernetes` Service of the default namespace counts as well.
    expect(used(r, 'svc')).toEqual({ services: '3', 'count/services': '3', 'services.loadbalancers': '1', 'services.nodeports': '2' })
    r.more('kubectl delete svc c\nsleep 1')
    expect(used(r, 'svc')).toMatchObject({ services: '2', 'count/services': '2' })
  })
})

describe('count/<resource>.<group> and storage', () => {
  it('limits Deployments, ConfigMaps and Secrets by count, and claims by storage per class', () => {
    const quota = apply(`
apiVersion: v1
kind: ResourceQuota
metadata:
  name: counts
spec:
  hard:
    count/deployments.apps: "1"
    configmaps: "2"
    secrets: "10"
    resourcequotas: "1"
    requests.storage: 5Gi
    manual.storageclass.storage.k8s.io/requests.storage: 4Gi
`)
    const r = run([quota, 'sleep 1', deployment('a'), deployment('b'),
      'kubectl create configmap one --from-literal=k=v', pvc('small'), pvc('big', '2Gi'), 'sleep 1'].join('\n'))
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'Error from server (Forbidden): error when creating "STDIN": deployments.apps "b" is forbidden: exceeded quota: counts, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
      'Error from server (Forbidden): error when creating "STDIN": persistentvolumeclaims "big" is forbidden: exceeded quota: counts, '
        + 'requested: manual.storageclass.storage.k8s.io/requests.storage=2Gi, used: manual.storageclass.storage.k8s.io/requests.storage=3Gi, limited: manual.storageclass.storage.k8s.io/requests.storage=4Gi',
    ])
    // The root CA ConfigMap of the namespace counts too (kube: every ConfigMap does).
    expect(used(r, 'counts')).toEqual({
      'count/deployments.apps': '1', configmaps: '2', secrets: '0', resourcequotas: '1', 'requests.storage': '3Gi',
      'manual.storageclass.storage.k8s.io/requests.storage': '3Gi',
    })
  })
})
