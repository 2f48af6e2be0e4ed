// The Service data plane's objects (kube v1.35): the EndpointSlice controller, the legacy Endpoints
// controller and a simulated cloud load balancer, driven by the docs' Service manifests
// (concepts/services-networking/service, tutorials/services/connect-applications-service,
// tasks/access-application-cluster/connecting-frontend-backend, tutorials/stateless-application/expose-external-ip-address).
import { describe, expect, it } from 'vitest'
import type { Endpoints, Event as KEvent, Pod, Service } from 'kubernetes-types/core/v1'
import type { EndpointSlice } from 'kubernetes-types/discovery/v1'
import { rows, run, type Run } from './run'

const slicesOf = (r: Run, svc: string) =>
  r.cluster.api.list<EndpointSlice>('EndpointSlice', { namespace: 'default', labelSelector: { matchLabels: { 'kubernetes.io/service-name': svc } } })
const podIPs = (r: Run, label: Record<string, string>, ready = true) =>
  r.cluster.api.list<Pod>('Pod', { namespace: 'default', labelSelector: { matchLabels: label } })
    .filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && (c.status === 'True') === ready))
    .map((p) => p.status!.podIP!)
const byIP = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true })
const table = (r: Run, cmd: string) => rows(r.more(cmd).stdout)

const NOT_READY_POD = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {run: my-nginx}}
spec:
  containers:
  - name: web
    image: nginx:1.27
    readinessProbe:
      tcpSocket: {port: 8080}
      periodSeconds: 5
EOF`

describe('EndpointSlices and Endpoints for the docs Services', () => {
  it('backend-service: the named targetPort `http` resolves per pod to containerPort 80; both kinds list the 3 ready pods', () => {
    const r = run('kubectl apply -f service/access/backend-deployment.yaml\nkubectl apply -f service/access/backend-service.yaml\nsleep 30')
    expect(r.stderr).toBe('')
    const ips = podIPs(r, { tier: 'backend' }).sort(byIP)
    expect(ips).toHaveLength(3)
    // kube: Endpoints subsets sort addresses by IP; kubectl prints ip:port for each.
    expect(table(r, 'kubectl get ep hello')).toEqual([['hello', ips.map((ip) => `${ip}:80`).join(','), '30s']])
    const [slice] = slicesOf(r, 'hello')
    // kube: generateName `<service>-`, the managed-by label, an owner reference to the Service.
    expect(slice.metadata!.name).toMatch(/^hello-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(slice.metadata!.labels).toEqual({
      'kubernetes.io/service-name': 'hello', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    })
    const svc = r.cluster.api.get<Service>('Service', 'default', 'hello')
    expect(slice.metadata!.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'hello', uid: svc.metadata!.uid, controller: true, blockOwnerDeletion: true }])
    expect(slice.addressType).toBe('IPv4')
    expect(slice.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }])
    expect(slice.endpoints.map((e) => e.addresses[0]).sort(byIP)).toEqual(ips)
    for (const e of slice.endpoints) {
      expect(e.conditions).toEqual({ ready: true, serving: true, terminating: false })
      expect(e.nodeName).toMatch(/^node-[123]$/)
      expect(e.targetRef).toMatchObject({ kind: 'Pod', namespace: 'default' })
    }
    expect(slice.metadata!.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^2026-.*Z$/)
    expect(table(r, 'kubectl get endpointslices')).toEqual([
      [slice.metadata!.name!, 'IPv4', '80', slice.endpoints.map((e) => e.addresses[0]).join(','), '30s'],
      ['kubernetes', 'IPv4', '6443', '172.18.0.2', '30s'],
    ])
    const ep = r.cluster.api.get<Endpoints>('Endpoints', 'default', 'hello')
    expect(ep.metadata!.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBeDefined()
    expect(ep.subsets).toEqual([{ addresses: ips.map((ip) => expect.objectContaining({ ip, targetRef: expect.objectContaining({ kind: 'Pod' }) })), ports: [{ port: 80, protocol: 'TCP' }] }])
    const described = r.more('kubectl describe service hello').stdout
    expect(described).toMatch(/\nTargetPort: +http\/TCP\n/)
    expect(described).toMatch(/\nEndpoints: +(10\.244\.\d+\.\d+:80,){2}10\.244\.\d+\.\d+:80\n/)
  })

  it('the `kubernetes` Service: the API server publishes 172.18.0.2:6443 (kube: endpoint reconciler)', () => {
    const r = run('kubectl get ep\nkubectl get endpointslice kubernetes')
    expect(rows(r.stdout).slice(0, 1)).toEqual([['kubernetes', '172.18.0.2:6443', '0s']])
    expect(r.stdout).toContain('NAME         ADDRESSTYPE   PORTS   ENDPOINTS    AGE\nkubernetes   IPv4          6443    172.18.0.2   0s\n')
  })

  it('run-my-nginx + nginx-svc: a pod that is not Ready is a notReadyAddress, not in ENDPOINTS; its slice endpoint says ready false', () => {
    const r = run(`kubectl apply -f service/networking/run-my-nginx.yaml\nkubectl apply -f service/networking/nginx-svc.yaml\n${NOT_READY_POD}\nsleep 30`)
    expect(r.stderr).toBe('')
    const ready = podIPs(r, { run: 'my-nginx' }).sort(byIP)
    const [unready] = podIPs(r, { run: 'my-nginx' }, false)
    expect(ready).toHaveLength(2)
    // docs: `kubectl get ep my-nginx` → `my-nginx   10.244.2.5:80,10.244.3.4:80   1m`.
    expect(table(r, 'kubectl get ep my-nginx')).toEqual([['my-nginx', ready.map((ip) => `${ip}:80`).join(','), '30s']])
    const ep = r.cluster.api.get<Endpoints>('Endpoints', 'default', 'my-nginx')
    expect(ep.metadata!.labels).toEqual({ run: 'my-nginx' })
    expect(ep.subsets![0].notReadyAddresses!.map((a) => [a.ip, a.targetRef?.name])).toEqual([[unready, 'web']])
    const eps = slicesOf(r, 'my-nginx').flatMap((s) => s.endpoints)
    expect(eps.find((e) => e.addresses[0] === unready)!.conditions).toEqual({ ready: false, serving: false, terminating: false })
    // docs: `kubectl get endpointslices -l kubernetes.io/service-name=my-nginx` lists every address of the slice.
    const [row] = table(r, 'kubectl get endpointslices -l kubernetes.io/service-name=my-nginx')
    expect(row.slice(1, 3)).toEqual(['IPv4', '80'])
    expect(row[3].split(',').sort(byIP)).toEqual([...ready, unready].sort(byIP))
    expect(r.more('kubectl describe svc my-nginx').stdout).toContain(`Endpoints:                ${eps.filter((e) => e.conditions!.ready).map((e) => `${e.addresses[0]}:80`).join(',')}\n`)
  })

  it('publishNotReadyAddresses: the unready pod is an address and its endpoint is ready', () => {
    const r = run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata: {name: my-nginx}
spec:
  publishNotReadyAddresses: true
  selector: {run: my-nginx}
  ports: [{port: 80}]
EOF
${NOT_READY_POD}
sleep 20`)
    const [ip] = podIPs(r, { run: 'my-nginx' }, false)
    expect(table(r, 'kubectl get ep my-nginx')[0][1]).toBe(`${ip}:80`)
    expect(slicesOf(r, 'my-nginx')[0].endpoints[0].conditions).toEqual({ ready: true, serving: false, terminating: false })
  })

  it('a terminating pod stays in its slice (ready false, serving as its readiness, terminating true) and leaves Endpoints', () => {
    const r = run('kubectl apply -f service/networking/run-my-nginx.yaml\nkubectl apply -f service/networking/nginx-svc.yaml\nsleep 30')
    const victim = r.cluster.api.list<Pod>('Pod', { namespace: 'default' })[0]
    r.cluster.api.delete('Pod', 'default', victim.metadata!.name!, { actor: 'kubectl' })
    r.cluster.clock.advance(60)
    const e = slicesOf(r, 'my-nginx').flatMap((s) => s.endpoints).find((x) => x.targetRef?.name === victim.metadata!.name)
    expect(e?.conditions).toEqual({ ready: false, serving: true, terminating: true })
    const listed = r.cluster.api.get<Endpoints>('Endpoints', 'default', 'my-nginx').subsets!.flatMap((s) => [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])])
    expect(listed.map((a) => a.targetRef?.name)).not.toContain(victim.metadata!.name)
  })

  it('nginx-service (port 8000 → targetPort 80) and simple-service (no pods yet: Endpoints <none>, a placeholder slice <unset>)', () => {
    const r = run('kubectl apply -f service/nginx-service.yaml\nkubectl apply -f service/simple-service.yaml\nsleep 1')
    expect(r.stderr).toBe('')
    expect(table(r, 'kubectl get ep my-service nginx-service')).toEqual([['my-service', '<none>', '1s'], ['nginx-service', '<none>', '1s']])
    // kube: a Service without endpoints keeps one placeholder slice with no ports and no endpoints.
    expect(table(r, 'kubectl get endpointslices -l kubernetes.io/service-name=my-service').map((x) => x.slice(1, 4))).toEqual([['IPv4', '<unset>', '<unset>']])
    r.more(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: nginx, labels: {app.kubernetes.io/name: nginx}}
spec:
  containers: [{name: nginx, image: nginx, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Pod
metadata: {name: myapp, labels: {app.kubernetes.io/name: MyApp}}
spec:
  containers: [{name: app, image: nginx, ports: [{containerPort: 9376}]}]
EOF
sleep 20`)
    const ip = (name: string) => r.cluster.api.get<Pod>('Pod', 'default', name).status!.podIP
    expect(table(r, 'kubectl get ep my-service nginx-service').map((x) => x.slice(0, 2))).toEqual([
      ['my-service', `${ip('myapp')}:9376`], ['nginx-service', `${ip('nginx')}:80`],
    ])
    // The placeholder is replaced by a slice with the endpoint.
    expect(slicesOf(r, 'my-service').map((s) => [s.ports, s.endpoints.length])).toEqual([[[{ name: '', port: 9376, protocol: 'TCP' }], 1]])
  })

  it('a Service selecting more than 100 pods gets slices of at most 100 endpoints (kube default --max-endpoints-per-slice)', () => {
    const r = run('kubectl apply -f service/networking/run-my-nginx.yaml\nkubectl apply -f service/networking/nginx-svc.yaml\nkubectl scale deployment my-nginx --replicas=150\nsleep 60')
    expect(slicesOf(r, 'my-nginx').map((s) => s.endpoints.length).sort((a, b) => b - a)).toEqual([100, 50])
    expect(table(r, 'kubectl get ep my-nginx')[0][1]).toMatch(/^(10\.244\.\d+\.\d+:80,){2}10\.244\.\d+\.\d+:80 \+ 147 more\.\.\.$/)
  })
})

describe('LoadBalancer Services (simulated cloud provider)', () => {
  const LB = `kubectl apply -f service/load-balancer-example.yaml
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata: {name: my-service}
spec:
  type: LoadBalancer
  selector: {app.kubernetes.io/name: load-balancer-example}
  ports: [{port: 8080, targetPort: 8080}]
EOF`

  it('load-balancer-example: EXTERNAL-IP <pending>, then an address from 172.18.255.200-250 with EnsuringLoadBalancer/EnsuredLoadBalancer', () => {
    const r = run(LB)
    expect(r.stderr).toBe('')
    const [before] = table(r, 'kubectl get svc my-service')
    expect(before.slice(1, 5)).toEqual(['LoadBalancer', expect.stringMatching(/^10\./), '<pending>', expect.stringMatching(/^8080:3\d{4}\/TCP$/)])
    r.more('sleep 30')
    expect(table(r, 'kubectl get svc my-service')[0][3]).toBe('172.18.255.200')
    const svc = r.cluster.api.get<Service>('Service', 'default', 'my-service')
    expect(svc.status!.loadBalancer!.ingress).toEqual([{ ip: '172.18.255.200', ipMode: 'VIP' }])
    // kube: the service controller guards the cloud resource with this finalizer.
    expect(svc.metadata!.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup'])
    const events = r.cluster.api.list<KEvent>('Event', { namespace: 'default' }).filter((e) => e.involvedObject.name === 'my-service')
    expect(events.map((e) => [e.reason, e.message, e.source?.component])).toEqual([
      ['EnsuringLoadBalancer', 'Ensuring load balancer', 'service-controller'],
      ['EnsuredLoadBalancer', 'Ensured load balancer', 'service-controller'],
    ])
    // docs: five hello-world pods behind the Service; kubectl shows three and counts the rest.
    expect(table(r, 'kubectl get ep my-service')[0][1]).toMatch(/^(10\.244\.\d+\.\d+:8080,){2}10\.244\.\d+\.\d+:8080 \+ 2 more\.\.\.$/)
    expect(r.more('kubectl describe svc my-service').stdout).toContain('LoadBalancer Ingress:     172.18.255.200 (VIP)\n')
  })

  it('deleting a LoadBalancer Service frees its address and removes its Endpoints and slices', () => {
    const r = run(`${LB}\nsleep 10\nkubectl delete svc my-service\nsleep 1`)
    expect(r.cluster.api.find('Service', 'default', 'my-service')).toBeUndefined()
    expect(r.cluster.api.find('Endpoints', 'default', 'my-service')).toBeUndefined()
    expect(slicesOf(r, 'my-service')).toEqual([])
    r.more(LB.split('\n').slice(1).join('\n') + '\nsleep 10')
    expect(table(r, 'kubectl get svc my-service')[0][3]).toBe('172.18.255.200')
  })
})

describe('NodePort allocation (kube: service-node-port-range 30000-32767)', () => {
  const nodePortSvc = (name: string) => `kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
  type: NodePort
  selector: {app: x}
  ports: [{port: 80, nodePort: 30080}]
EOF`

  it('an explicit nodePort is used as given and must be free', () => {
    const r = run(`${nodePortSvc('a')}\n${nodePortSvc('b')}`)
    expect(r.stderr).toBe('The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n')
    expect(table(r, 'kubectl get svc a')[0][4]).toBe('80:30080/TCP')
    r.more('kubectl delete svc a')
    expect(r.more(nodePortSvc('b')).stderr).toBe('')
  })

  it('a ClusterIP Service changed to NodePort gets a node port from the range', () => {
    const r = run('kubectl apply -f service/networking/nginx-svc.yaml')
    r.more(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata: {name: my-nginx, labels: {run: my-nginx}}
spec:
  type: NodePort
  ports: [{port: 80, protocol: TCP}]
  selector: {run: my-nginx}
EOF`)
    expect(table(r, 'kubectl get svc my-nginx')[0].slice(1, 5)).toEqual(['NodePort', expect.stringMatching(/^10\./), '<none>', expect.stringMatching(/^80:3\d{4}\/TCP$/)])
  })
})
