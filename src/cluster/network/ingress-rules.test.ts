import { describe, expect, it } from 'vitest'
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1'
import { INGRESS_ADDRESS, matchIngress, ownsIngress, pathMatches } from './ingress-rules'

const NGINX: IngressClass = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } }
const EXAMPLE: IngressClass = { ...NGINX, metadata: { name: 'nginx-example' } }
const OTHER: IngressClass = { ...NGINX, metadata: { name: 'traefik' }, spec: { controller: 'traefik.io/ingress-controller' } }

let t = 0
function ingress(name: string, spec: Ingress['spec'], annotations?: Record<string, string>): Ingress {
  t++
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: { name, namespace: 'default', creationTimestamp: `2026-01-01T09:00:${String(t).padStart(2, '0')}Z`, annotations },
    spec,
  }
}
const backend = (name: string, number: number) => ({ service: { name, port: { number } } })

// docs (concepts/services-networking/ingress): minimal-ingress.yaml
const MINIMAL = ingress('minimal-ingress', {
  ingressClassName: 'nginx-example',
  rules: [{ http: { paths: [{ path: '/testpath', pathType: 'Prefix', backend: backend('test', 80) }] } }],
})
// docs: simple-fanout-example.yaml (its class filled in by DefaultIngressClass admission)
const FANOUT = ingress('simple-fanout-example', {
  ingressClassName: 'nginx',
  rules: [{
    host: 'foo.bar.com',
    http: { paths: [
      { path: '/foo', pathType: 'Prefix', backend: backend('service1', 4200) },
      { path: '/bar', pathType: 'Prefix', backend: backend('service2', 8080) },
    ] },
  }],
})

const svc = (m: ReturnType<typeof matchIngress>) => ('service' in m ? `${m.ingress.metadata!.name}:${m.service.name}:${m.service.port}` : `404 ${m.ingress?.metadata?.name ?? ''}`)

describe('the ingress address', () => {
  it("is the control-plane node's address, where kind's ingress-nginx listens on hostPorts 80/443", () => {
    expect(INGRESS_ADDRESS).toBe('172.18.0.2')
  })
})

describe('ownsIngress: which ingresses ingress-nginx serves', () => {
  it.each([
    ['a class of its controller (the docs nginx-example)', MINIMAL, true],
    ['the nginx class', FANOUT, true],
    ['a class that does not exist', ingress('x', { ingressClassName: 'missing' }), false],
    ["another controller's class", ingress('x', { ingressClassName: 'traefik' }), false],
    ['no class at all (kind runs it with --watch-ingress-without-class)', ingress('x', {}), true],
    ['the legacy annotation nginx', ingress('x', {}, { 'kubernetes.io/ingress.class': 'nginx' }), true],
    ['the legacy annotation naming another class', ingress('x', {}, { 'kubernetes.io/ingress.class': 'traefik' }), false],
  ])('%s → %s', (_name, ing, owned) => {
    expect(ownsIngress(ing, [NGINX, EXAMPLE, OTHER])).toBe(owned)
  })
})

describe('pathMatches (kube: the path types table of the Ingress docs)', () => {
  it.each([
    ['Prefix', '/', '/anything', true],
    ['Prefix', '/foo', '/foo', true],
    ['Prefix', '/foo', '/foo/', true],
    ['Prefix', '/foo/', '/foo', true],
    ['Prefix', '/foo', '/foo/bar', true],
    ['Prefix', '/foo', '/foobar', false],
    ['Prefix', '/aaa/bb', '/aaa/bbb', false],
    ['Prefix', '/aaa/bbb', '/aaa/bbb/ccc', true],
    ['Exact', '/foo', '/foo', true],
    ['Exact', '/foo', '/foo/', false],
    ['Exact', '/foo', '/bar', false],
    ['ImplementationSpecific', '/foo', '/foobar', true],
  ])('%s %s vs %s → %s', (type, rule, req, want) => {
    expect(pathMatches(type, rule, req)).toBe(want)
  })
})

describe('matchIngress', () => {
  const classes = [NGINX, EXAMPLE, OTHER]
  it('routes the minimal ingress by path prefix for any host', () => {
    expect(svc(matchIngress([MINIMAL], classes, 'whatever.example', '/testpath/x?q=1'))).toBe('minimal-ingress:test:80')
    expect(svc(matchIngress([MINIMAL], classes, INGRESS_ADDRESS, '/other'))).toBe('404 minimal-ingress')
  })
  it('fans out foo.bar.com by path and ignores the Host port; other hosts get the 404', () => {
    expect(svc(matchIngress([FANOUT], classes, 'foo.bar.com', '/foo'))).toBe('simple-fanout-example:service1:4200')
    expect(svc(matchIngress([FANOUT], classes, 'FOO.bar.com:80', '/bar/x'))).toBe('simple-fanout-example:service2:8080')
    expect(svc(matchIngress([FANOUT], classes, 'other.com', '/foo'))).toBe('404 ')
  })
  it('longest path wins, and Exact beats Prefix for the same path', () => {
    const ing = ingress('paths', { rules: [{ http: { paths: [
      { path: '/', pathType: 'Prefix', backend: backend('root', 80) },
      { path: '/api', pathType: 'Prefix', backend: backend('api', 80) },
      { path: '/api', pathType: 'Exact', backend: backend('api-exact', 80) },
      { path: '/api/v2', pathType: 'Prefix', backend: backend('v2', 80) },
    ] } }] })
    expect(svc(matchIngress([ing], classes, 'a', '/'))).toBe('paths:root:80')
    expect(svc(matchIngress([ing], classes, 'a', '/api'))).toBe('paths:api-exact:80')
    expect(svc(matchIngress([ing], classes, 'a', '/api/v1'))).toBe('paths:api:80')
    expect(svc(matchIngress([ing], classes, 'a', '/api/v2/x'))).toBe('paths:v2:80')
    expect(svc(matchIngress([ing], classes, 'a', '/apix'))).toBe('paths:root:80')
  })
  it('a wildcard host matches one label; an exact host is preferred to it', () => {
    const wild = ingress('wild', { rules: [
      { host: '*.foo.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('wild', 80) }] } },
      { host: 'bar.foo.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('bar', 80) }] } },
    ] })
    expect(svc(matchIngress([wild], classes, 'baz.foo.com', '/'))).toBe('wild:wild:80')
    expect(svc(matchIngress([wild], classes, 'bar.foo.com', '/'))).toBe('wild:bar:80')
    expect(svc(matchIngress([wild], classes, 'foo.com', '/'))).toBe('404 ')
    expect(svc(matchIngress([wild], classes, 'a.b.foo.com', '/'))).toBe('404 ')
  })
  it('falls back to the defaultBackend, and a port may be named', () => {
    const ing = ingress('with-default', {
      defaultBackend: { service: { name: 'fallback', port: { name: 'http' } } },
      rules: [{ http: { paths: [{ path: '/app', pathType: 'Prefix', backend: backend('app', 80) }] } }],
    })
    expect(svc(matchIngress([ing], classes, 'x', '/nothing'))).toBe('with-default:fallback:http')
  })
  it("ignores ingresses of missing or other controllers' classes", () => {
    const mine = ingress('mine', { ingressClassName: 'nginx', rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('mine', 80) }] } }] })
    const theirs = ingress('theirs', { ingressClassName: 'traefik', rules: [{ http: { paths: [{ path: '/x', pathType: 'Prefix', backend: backend('theirs', 80) }] } }] })
    expect(svc(matchIngress([mine, theirs], classes, 'a', '/x'))).toBe('mine:mine:80')
    expect(svc(matchIngress([MINIMAL], [NGINX], 'a', '/testpath'))).toBe('404 ')
  })
  it('of two ingresses with the same host and path, the older one wins', () => {
    const older = ingress('older', { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('old', 80) }] } }] })
    const newer = ingress('newer', { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('new', 80) }] } }] })
    expect(svc(matchIngress([newer, older], classes, 'a', '/'))).toBe('older:old:80')
  })
})
