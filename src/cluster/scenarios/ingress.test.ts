// Ingress and IngressClass (networking.k8s.io/v1, kube v1.35) with the built-in ingress-nginx, driven
// by the docs' manifests (concepts/services-networking/ingress, ingress-controllers) and kubectl.
import { describe, expect, it } from 'vitest'
import type { Event as KEvent } from 'kubernetes-types/core/v1'
import type { Ingress } from 'kubernetes-types/networking/v1'
import { rows, run, type Run } from './run'

const table = (r: Run, cmd: string) => rows(r.more(cmd).stdout)
const ing = (r: Run, name: string) => r.cluster.api.get<Ingress>('Ingress', 'default', name)
const apply = (yaml: string) => `kubectl apply -f - <<EOF\n${yaml.trim()}\nEOF`
const syncEvents = (r: Run, name: string) => r.cluster.api.list<KEvent>('Event', { namespace: 'default' })
  .filter((e) => e.involvedObject.name === name && e.involvedObject.kind === 'Ingress')

const NGINX_EXAMPLE_CLASS = apply(`
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx-example
spec:
  controller: k8s.io/ingress-nginx`)

const TEST_SERVICE = apply(`
apiVersion: v1
kind: Service
metadata: {name: test}
spec:
  selector: {app: test}
  ports: [{port: 80, targetPort: 80}]`)

describe('the ingress-nginx IngressClass', () => {
  it('exists from the start, marked default, served by k8s.io/ingress-nginx', () => {
    const r = run('')
    expect(r.more('kubectl get ingressclass').stdout).toBe('NAME    CONTROLLER             PARAMETERS   AGE\nnginx   k8s.io/ingress-nginx   <none>       0s\n')
    expect(r.more('kubectl describe ingressclass nginx').stdout).toBe([
      'Name:         nginx',
      'Labels:       app.kubernetes.io/component=controller',
      '              app.kubernetes.io/instance=ingress-nginx',
      '              app.kubernetes.io/name=ingress-nginx',
      '              app.kubernetes.io/part-of=ingress-nginx',
      'Annotations:  ingressclass.kubernetes.io/is-default-class: true',
      'Controller:   k8s.io/ingress-nginx',
      'Events:       <none>',
      '',
    ].join('\n'))
  })

  it('keeps its controller immutable and requires a domain-prefixed one', () => {
    const r = run(apply('apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec: {controller: example.com/other}'))
    expect(r.stderr).toBe('The IngressClass "nginx" is invalid: spec.controller: Invalid value: "example.com/other": field is immutable\n')
    const bad = r.more(apply('apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: bad}\nspec: {controller: nginx}'))
    expect(bad.stderr).toBe('The IngressClass "bad" is invalid: spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")\n')
  })
})

describe('Ingress admission and the controller status', () => {
  it('simple-fanout-example gets the default class, a Sync event, then the address on the 60 s status tick', () => {
    const r = run('kubectl apply -f service/networking/simple-fanout-example.yaml')
    expect(r.stdout).toBe('ingress.networking.k8s.io/simple-fanout-example created\n')
    // kube: DefaultIngressClass admission sets spec.ingressClassName.
    expect(ing(r, 'simple-fanout-example').spec!.ingressClassName).toBe('nginx')
    expect(table(r, 'kubectl get ingress')).toEqual([['simple-fanout-example', 'nginx', 'foo.bar.com', '80', '0s']])
    expect(syncEvents(r, 'simple-fanout-example').map((e) => [e.reason, e.message, e.source?.component])).toEqual([
      ['Sync', 'Scheduled for sync', 'nginx-ingress-controller']])
    r.more('sleep 59')
    expect(ing(r, 'simple-fanout-example').status?.loadBalancer?.ingress).toBeUndefined()
    r.more('sleep 1')
    expect(ing(r, 'simple-fanout-example').status!.loadBalancer!.ingress).toEqual([{ ip: '172.18.0.2' }])
    expect(r.more('kubectl get ing').stdout).toBe(
      'NAME                    CLASS   HOSTS         ADDRESS      PORTS   AGE\nsimple-fanout-example   nginx   foo.bar.com   172.18.0.2   80      60s\n')
    // ingress-nginx sees its own status write as one more change: the usual (x2 over ...).
    expect(syncEvents(r, 'simple-fanout-example')[0].count).toBe(2)
    const writes = r.cluster.api.writes().filter((w) => w.kind === 'Ingress' && w.actor === 'ingress-nginx-controller')
    expect(writes).toHaveLength(1)
    r.more('sleep 300')
    expect(r.cluster.api.writes().filter((w) => w.kind === 'Ingress' && w.actor === 'ingress-nginx-controller')).toHaveLength(1)
  })

  it('minimal-ingress names the nginx-example class: ignored until that class exists, then served', () => {
    const r = run('kubectl apply -f service/networking/minimal-ingress.yaml\nsleep 120')
    expect(table(r, 'kubectl get ingress minimal-ingress')).toEqual([['minimal-ingress', 'nginx-example', '*', '80', '2m']])
    expect(syncEvents(r, 'minimal-ingress')).toEqual([])
    r.more(`${NGINX_EXAMPLE_CLASS}\nsleep 60`)
    expect(table(r, 'kubectl get ingress minimal-ingress')).toEqual([['minimal-ingress', 'nginx-example', '*', '172.18.0.2', '80', '3m']])
  })

  it("an ingress of another controller's class gets no address and no event", () => {
    const r = run(`${apply('apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: traefik}\nspec: {controller: traefik.io/ingress-controller}')}
${apply(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: other}
spec:
  ingressClassName: traefik
  defaultBackend: {service: {name: test, port: {number: 80}}}`)}
sleep 120`)
    expect(r.stderr).toBe('')
    expect(ing(r, 'other').status?.loadBalancer?.ingress).toBeUndefined()
    expect(syncEvents(r, 'other')).toEqual([])
  })

  it('TLS adds port 443; many hosts are cut to three', () => {
    const r = run(apply(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: tls-example-ingress}
spec:
  tls:
  - hosts: [https-example.foo.com]
    secretName: testsecret-tls
  rules:
  - host: https-example.foo.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: service1, port: {number: 80}}}}]}
  - host: a.foo.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: service1, port: {number: 80}}}}]}
  - host: b.foo.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: service1, port: {number: 80}}}}]}
  - host: c.foo.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: service1, port: {number: 80}}}}]}`))
    expect(r.stderr).toBe('')
    expect(r.more('kubectl get ingress').stdout).toBe('NAME                  CLASS   HOSTS                                                   ADDRESS   PORTS     AGE\n'
      + 'tls-example-ingress   nginx   https-example.foo.com,a.foo.com,b.foo.com + 1 more...             80, 443   0s\n')
    expect(r.more('kubectl describe ingress tls-example-ingress').stdout).toContain('TLS:\n  testsecret-tls terminates https-example.foo.com\nRules:\n')
  })
})

describe('kubectl describe ingress', () => {
  it('prints the docs layout: rules by host, each backend with its endpoints, then the events', () => {
    const r = run(`${NGINX_EXAMPLE_CLASS}\nkubectl apply -f service/networking/minimal-ingress.yaml\n${TEST_SERVICE}\nsleep 60`)
    expect(r.more('kubectl describe ingress minimal-ingress').stdout).toBe([
      'Name:             minimal-ingress',
      'Labels:           <none>',
      'Namespace:        default',
      'Address:          172.18.0.2',
      'Ingress Class:    nginx-example',
      'Default backend:  <default>',
      'Rules:',
      '  Host        Path  Backends',
      '  ----        ----  --------',
      '  *           ',
      '              /testpath   test:80 ()',
      'Annotations:  <none>',
      'Events:',
      '  Type    Reason  Age               From                      Message',
      '  ----    ------  ----              ----                      -------',
      '  Normal  Sync    0s (x2 over 60s)  nginx-ingress-controller  Scheduled for sync',
      '',
    ].join('\n'))
  })

  it('names the missing Service, as kubectl does', () => {
    const r = run('kubectl apply -f service/networking/simple-fanout-example.yaml')
    const out = r.more('kubectl describe ing simple-fanout-example').stdout
    expect(out).toContain('  foo.bar.com  \n               /foo   service1:4200 (<error: services "service1" not found>)\n')
    expect(out).toContain('Address:          \n')
  })

  it('shows the ready endpoints of the backend Service', () => {
    const r = run(`kubectl apply -f service/networking/run-my-nginx.yaml
kubectl apply -f service/networking/nginx-svc.yaml
${apply(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  defaultBackend: {service: {name: my-nginx, port: {number: 80}}}`)}
sleep 30`)
    expect(r.stderr).toBe('')
    const out = r.more('kubectl describe ingress web').stdout
    expect(out).toMatch(/\nDefault backend:  my-nginx:80 \(10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\)\n/)
    expect(out).toMatch(/\n  \*\s+\*\s+my-nginx:80 \(10\.244/)
  })
})

describe('Ingress validation (kube: pkg/apis/networking/validation)', () => {
  const bad = (spec: string) => run(apply(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: bad}\nspec:\n${spec}`)).stderr
  const path = (p: string) => `  rules:\n  - http:\n      paths:\n${p}`
  it.each([
    ['pathType is required',
      path('      - path: /\n        backend: {service: {name: s, port: {number: 80}}}'),
      'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
    ['an unknown pathType',
      path('      - path: /\n        pathType: Regex\n        backend: {service: {name: s, port: {number: 80}}}'),
      'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"'],
    ['a Prefix path must be absolute',
      path('      - path: foo\n        pathType: Prefix\n        backend: {service: {name: s, port: {number: 80}}}'),
      'spec.rules[0].http.paths[0].path: Invalid value: "foo": must be an absolute path'],
    ['a port name and number together',
      path('      - path: /\n        pathType: Exact\n        backend: {service: {name: s, port: {number: 80, name: http}}}'),
      'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number'],
    ['a backend port is required',
      path('      - path: /\n        pathType: Exact\n        backend: {service: {name: s}}'),
      'spec.rules[0].http.paths[0].backend: Required value: port name or number is required'],
    ['neither rules nor defaultBackend',
      '  ingressClassName: nginx',
      'spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified'],
  ])('%s', (_name, spec, message) => {
    expect(bad(spec)).toBe(`The Ingress "bad" is invalid: ${message}\n`)
  })
  it('rejects an IP address as a host', () => {
    expect(bad('  rules:\n  - host: 1.2.3.4\n    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}]}'))
      .toBe('The Ingress "bad" is invalid: spec.rules[0].host: Invalid value: "1.2.3.4": must be a DNS name, not an IP address\n')
  })
})
