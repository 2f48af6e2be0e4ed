// kubectl expose and kubectl run (v1.35): the Service expose derives from its target — selector,
// ports, protocols, labels — and the Pod run generates, labelled run=NAME; their dry-run output, their
// errors, and run's attach when no terminal exists (the docs' HPA load generator).
import { describe, expect, it } from 'vitest'
import type { Pod, Service } from 'kubernetes-types/core/v1'
import { NGINX, rows, run } from './run'

const apply = (yaml: string) => `kubectl apply -f - <<EOF\n${yaml.trim()}\nEOF`
const svc = (r: ReturnType<typeof run>, name: string) => r.cluster.api.get<Service>('Service', 'default', name)

describe('kubectl expose', () => {
  it('exposes a Deployment with its matchLabels as selector and its labels, and the Service gets endpoints', () => {
    const r = run(`kubectl apply -f ${NGINX}\nsleep 30\nkubectl expose deployment nginx-deployment --port=80 --target-port=80\nsleep 5`)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('deployment.apps/nginx-deployment created\nservice/nginx-deployment exposed\n')
    const s = svc(r, 'nginx-deployment')
    expect(s.metadata!.labels).toEqual({ 'app.kubernetes.io/name': 'nginx' })
    expect(s.spec).toMatchObject({ selector: { 'app.kubernetes.io/name': 'nginx' }, type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] })
    expect(rows(r.more('kubectl get endpoints nginx-deployment').stdout)[0][1].split(',')).toHaveLength(3)
  })

  it('takes the ports from the pod template when --port is missing, naming them port-N when there are several', () => {
    const r = run(apply(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: two
spec:
  selector:
    matchLabels: {app: two}
  template:
    metadata:
      labels: {app: two}
    spec:
      containers:
      - name: web
        image: nginx
        ports: [{containerPort: 80}, {containerPort: 53, protocol: UDP}]
`) + '\nkubectl expose deploy two --type=NodePort --name=two-svc')
    expect(r.stdout).toContain('service/two-svc exposed\n')
    const s = svc(r, 'two-svc')
    expect(s.spec!.type).toBe('NodePort')
    expect(s.spec!.ports!.map((p) => [p.name, p.port, p.protocol, p.targetPort])).toEqual([['port-1', 80, 'TCP', 80], ['port-2', 53, 'UDP', 53]])
    expect(s.spec!.ports!.every((p) => p.nodePort! >= 30000 && p.nodePort! <= 32767)).toBe(true)
  })

  it('prints the Service with --dry-run=client -o yaml and creates nothing', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl expose deployment nginx-deployment --port=8080 --target-port=80 --type=LoadBalancer --dry-run=client -o yaml`)
    expect(r.stdout.split('created\n')[1]).toBe([
      'apiVersion: v1', 'kind: Service', 'metadata:', '  labels:', '    app.kubernetes.io/name: nginx', '  name: nginx-deployment', 'spec:', '  ports:',
      '  - port: 8080', '    protocol: TCP', '    targetPort: 80', '  selector:', '    app.kubernetes.io/name: nginx', '  type: LoadBalancer', 'status:', '  loadBalancer: {}', '',
    ].join('\n'))
    expect(r.cluster.api.find('Service', 'default', 'nginx-deployment')).toBeUndefined()
  })

  it('exposes a pod by its labels, a service by its selector, and an object read from a file', () => {
    const r = run([
      'kubectl run web --image=nginx --port=80', 'kubectl expose pod web --port=8080 --target-port=80 --name=web-a',
      'kubectl expose svc web-a --port=9090 --name=web-b', `kubectl apply -f ${NGINX}`, `kubectl expose -f ${NGINX} --name=from-file`,
    ].join('\n'))
    expect(r.stderr).toBe('')
    expect(svc(r, 'web-a').spec!.selector).toEqual({ run: 'web' })
    expect(svc(r, 'web-b').spec).toMatchObject({ selector: { run: 'web' }, ports: [{ port: 9090, targetPort: 9090 }] })
    expect(svc(r, 'from-file').spec).toMatchObject({ selector: { 'app.kubernetes.io/name': 'nginx' }, ports: [{ port: 80, targetPort: 80 }] })
  })

  it('fails as kubectl does for targets it cannot expose', () => {
    const r = run([
      'kubectl expose node node-1 --port=80',
      'kubectl expose deployment missing --port=80',
      apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\nspec:\n  containers: [{name: c, image: nginx}]'),
      'kubectl expose pod bare --port=80',
      'kubectl expose pod bare --selector=app=x',
    ].join('\n'))
    expect(r.stderr).toBe([
      'error: cannot expose a Node',
      'Error from server (NotFound): deployments.apps "missing" not found',
      "error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed",
      "See 'kubectl expose -h' for help and examples",
      "error: couldn't find port via --port flag or introspection",
      "See 'kubectl expose -h' for help and examples",
      '',
    ].join('\n'))
  })

  it('gives the cluster IP of a Service refused by a quota back (kube: the REST create rolls its allocations back)', () => {
    const r = run([
      apply('apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\nspec:\n  hard:\n    services.nodeports: "0"'),
      'kubectl run web --image=nginx --port=80', 'sleep 1',
      'kubectl expose pod web --type=NodePort',
    ].join('\n'))
    expect(r.stderr).toBe('Error from server (Forbidden): services "web" is forbidden: exceeded quota: q, requested: services.nodeports=1, used: services.nodeports=0, limited: services.nodeports=0\n')
    const before = r.cluster.api.list<Service>('Service').map((s) => s.spec!.clusterIP)
    r.more('kubectl expose pod web')
    expect(before).not.toContain(svc(r, 'web').spec!.clusterIP)
  })
})

describe('kubectl run', () => {
  it('creates a Pod labelled run=NAME with one container named NAME', () => {
    const r = run('kubectl run nginx --image=nginx --port=80 --env=MODE=a,b --env DEBUG=1\nsleep 30\nkubectl get pods --show-labels')
    expect(r.stderr).toBe('')
    expect(r.stdout.split('\n')[0]).toBe('pod/nginx created')
    expect(rows(r.stdout.split('pod/nginx created\n')[1])[0]).toEqual(['nginx', '1/1', 'Running', '0', '30s', 'run=nginx'])
    const c = r.cluster.api.get<Pod>('Pod', 'default', 'nginx').spec!.containers[0]
    expect(c).toMatchObject({ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'MODE', value: 'a,b' }, { name: 'DEBUG', value: '1' }] })
  })

  it('prints the Pod kubectl generates with --dry-run=client -o yaml', () => {
    const r = run('kubectl run nginx --image=nginx --dry-run=client -o yaml')
    expect(r.stdout).toBe([
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  labels:', '    run: nginx', '  name: nginx', 'spec:', '  containers:',
      '  - image: nginx', '    name: nginx', '    resources: {}', '  dnsPolicy: ClusterFirst', '  restartPolicy: Always', 'status: {}', '',
    ].join('\n'))
    expect(r.cluster.api.find('Pod', 'default', 'nginx')).toBeUndefined()
  })

  it('puts the words after -- in args, or in command with --command; --labels replace run=NAME; --expose adds a Service', () => {
    const r = run([
      'kubectl run a --image=busybox --restart=Never -- sh -c "echo hi"',
      'kubectl run b --image=busybox --command --labels=app=b,tier=x -- sleep 3600',
      'kubectl run c --image=nginx --port=80 --expose',
    ].join('\n'))
    expect(r.stdout).toBe('pod/a created\npod/b created\npod/c created\nservice/c created\n')
    const pod = (n: string) => r.cluster.api.get<Pod>('Pod', 'default', n)
    expect(pod('a').spec).toMatchObject({ restartPolicy: 'Never', containers: [{ args: ['sh', '-c', 'echo hi'] }] })
    expect(pod('b').metadata!.labels).toEqual({ app: 'b', tier: 'x' })
    expect(pod('b').spec!.containers[0].command).toEqual(['sleep', '3600'])
    expect(svc(r, 'c').spec).toMatchObject({ selector: { run: 'c' }, ports: [{ port: 80, targetPort: 80 }] })
  })

  it('refuses what kubectl refuses', () => {
    const r = run([
      'kubectl run x', 'kubectl run --image=nginx', 'kubectl run x --image=nginx --restart=Sometimes', 'kubectl run x --image=nginx -t',
      'kubectl run x --image=nginx --rm', 'kubectl run x --image=nginx --port=http', 'kubectl run x --image=Nginx',
    ].join('\n'))
    expect(r.stderr).toBe([
      'error: required flag(s) "image" not set',
      'error: NAME is required for run',
      'error: invalid restart policy: Sometimes, valid values are: Always, OnFailure, Never',
      'error: -i/--stdin is required for containers with -t/--tty=true',
      'error: --rm should only be used for attached containers',
      'error: --port must be a number',
      'error: invalid image name "Nginx": invalid reference format',
      '',
    ].join('\n'))
  })

  it('runs a one-off command attached: prints its output, deletes the pod with --rm', () => {
    const r = run('kubectl run -i --rm hello --image=busybox:1.28 --restart=Never -- echo hello world')
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('hello world\npod "hello" deleted from default namespace\n')
    r.more('sleep 5')
    expect(r.cluster.api.find('Pod', 'default', 'hello')).toBeUndefined()
  })

  it('docs (HPA walkthrough): the load generator attaches without a terminal and keeps running', () => {
    const r = run('kubectl run -i --tty load-generator --rm --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"')
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      'Unable to use a TTY - input is not a terminal or the right kind of file',
      "If you don't see a command prompt, try pressing enter.",
    ])
    const pod = r.cluster.api.get<Pod>('Pod', 'default', 'load-generator')
    expect(pod.status!.phase).toBe('Running')
    expect(pod.spec!.containers[0]).toMatchObject({ name: 'load-generator', stdin: true, stdinOnce: true, tty: true, args: ['/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done'] })
    // The runner keeps the pod until it is deleted (real kubectl deletes it on detach).
    r.more('kubectl delete pod load-generator --grace-period=1')
    expect(r.cluster.api.find('Pod', 'default', 'load-generator')).toBeUndefined()
  })
})
