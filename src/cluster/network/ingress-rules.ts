/**
 * How the built-in ingress controller (ingress-nginx, as kind's ingress guide installs it) picks the
 * backend of an HTTP request: pure functions over Ingress and IngressClass objects, no clock, no API.
 */
import type { Ingress, IngressBackend, IngressClass } from 'kubernetes-types/networking/v1'

/** ingress-nginx's controller name (its IngressClass spec.controller, `--controller-class`). */
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx'
/** kube: the deprecated class annotation, which ingress-nginx still honours (its `--ingress-class` is `nginx`). */
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class'
const LEGACY_CLASS_VALUE = 'nginx'

/**
 * kind's ingress guide runs ingress-nginx on the control-plane node with hostPorts 80 and 443, so
 * the ingress is reached on that node's address: the control-plane node is the first node and kind
 * gives it 172.18.0.2 (node-object.ts `nodeAddresses(0)`). The controller publishes it as the
 * ingresses' status address, which `kubectl get ingress` prints as ADDRESS.
 */
export const INGRESS_ADDRESS = '172.18.0.2'

export type IngressMatch =
  | { ingress: Ingress; service: { name: string; port: number | string } }
  | { ingress?: Ingress; notFound: true }

/**
 * Whether ingress-nginx serves this ingress: its class (spec.ingressClassName, else the legacy
 * annotation) names an IngressClass whose controller is ingress-nginx's; the annotation value
 * `nginx` counts without a class object (`--ingress-class=nginx`); an ingress with no class at all
 * is served because kind's deployment of ingress-nginx passes `--watch-ingress-without-class=true`.
 * A class that does not exist, or belongs to another controller, leaves the ingress alone.
 */
export function ownsIngress(ing: Ingress, classes: readonly IngressClass[]): boolean {
  const name = ing.spec?.ingressClassName
  if (name) return classes.some((c) => c.metadata?.name === name && c.spec?.controller === INGRESS_NGINX_CONTROLLER)
  const annotation = ing.metadata?.annotations?.[LEGACY_CLASS_ANNOTATION]
  if (annotation === undefined) return true
  if (annotation === LEGACY_CLASS_VALUE) return true
  return classes.some((c) => c.metadata?.name === annotation && c.spec?.controller === INGRESS_NGINX_CONTROLLER)
}

/** `Host: foo.bar.com:8080` → `foo.bar.com`, lower case, as nginx selects a server. */
function hostOnly(host: string): string {
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1)
  const colon = h.indexOf(':')
  return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.slice(0, colon) : h
}

/** kube: a wildcard host `*.foo.com` matches exactly one more label (`bar.foo.com`, not `foo.com` or `a.b.foo.com`). */
function wildcardMatches(pattern: string, host: string): boolean {
  const suffix = pattern.slice(1) // `.foo.com`
  if (!host.endsWith(suffix)) return false
  const label = host.slice(0, host.length - suffix.length)
  return label.length > 0 && !label.includes('.')
}

const elements = (p: string) => p.split('/').filter((e) => e !== '')

/**
 * kube: Prefix matches element by element (`/foo` matches `/foo` and `/foo/bar`, not `/foobar`; a
 * trailing slash is ignored); Exact matches the whole path; ImplementationSpecific is ingress-nginx's
 * plain nginx location prefix (`/foo` matches `/foobar`).
 */
export function pathMatches(pathType: string, rulePath: string, requestPath: string): boolean {
  const path = rulePath || '/'
  if (pathType === 'Exact') return requestPath === path
  if (pathType === 'Prefix') {
    const want = elements(path)
    const got = elements(requestPath)
    return want.length <= got.length && want.every((e, i) => e === got[i])
  }
  return requestPath.startsWith(path)
}

/** ingress-nginx: of two ingresses defining the same host and path, the older one wins. */
function byAge(a: Ingress, b: Ingress): number {
  const ta = a.metadata?.creationTimestamp ?? ''
  const tb = b.metadata?.creationTimestamp ?? ''
  if (ta !== tb) return ta < tb ? -1 : 1
  const ka = `${a.metadata?.namespace}/${a.metadata?.name}`
  const kb = `${b.metadata?.namespace}/${b.metadata?.name}`
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

function serviceOf(ingress: Ingress, backend: IngressBackend | undefined): IngressMatch {
  const svc = backend?.service
  // ingress-nginx serves Service backends only; a resource backend answers as nothing there.
  if (!svc?.name) return { ingress, notFound: true }
  return { ingress, service: { name: svc.name, port: svc.port?.number ?? svc.port?.name ?? 80 } }
}

/**
 * Which backend a request to the ingress address reaches. The host picks the rules, as nginx picks a
 * server block: rules naming exactly that host, else rules whose wildcard matches it, else the rules
 * without a host. Among those the longest matching path wins, Exact before Prefix for the same path,
 * the older ingress on a tie. No path matches → the defaultBackend of the ingress whose rules were
 * chosen (or of any served ingress, oldest first), else the controller's own 404.
 */
export function matchIngress(ingresses: readonly Ingress[], classes: readonly IngressClass[], host: string, path: string): IngressMatch {
  const served = ingresses.filter((i) => !i.metadata?.deletionTimestamp && ownsIngress(i, classes)).sort(byAge)
  const h = hostOnly(host)
  const requestPath = (path.split('?')[0] || '/').split('#')[0] || '/'
  type Rule = { ingress: Ingress; rule: NonNullable<NonNullable<Ingress['spec']>['rules']>[number] }
  const rules: Rule[] = served.flatMap((ingress) => (ingress.spec?.rules ?? []).map((rule) => ({ ingress, rule })))
  const exact = rules.filter((r) => r.rule.host && !r.rule.host.startsWith('*') && r.rule.host === h)
  const wildcard = rules.filter((r) => r.rule.host?.startsWith('*.') && wildcardMatches(r.rule.host, h))
  const any = rules.filter((r) => !r.rule.host)
  const chosen = exact.length ? exact : wildcard.length ? wildcard : any
  let best: { ingress: Ingress; backend: IngressBackend; length: number; exact: boolean } | undefined
  for (const { ingress, rule } of chosen) {
    for (const p of rule.http?.paths ?? []) {
      if (!pathMatches(p.pathType, p.path ?? '', requestPath)) continue
      const length = (p.path || '/').length
      const isExact = p.pathType === 'Exact'
      if (!best || length > best.length || (length === best.length && isExact && !best.exact)) {
        best = { ingress, backend: p.backend, length, exact: isExact }
      }
    }
  }
  if (best) return serviceOf(best.ingress, best.backend)
  const owner = chosen[0]?.ingress
  const fallback = chosen.map((r) => r.ingress).find((i) => i.spec?.defaultBackend) ?? served.find((i) => i.spec?.defaultBackend)
  if (fallback) return serviceOf(fallback, fallback.spec!.defaultBackend)
  return owner ? { ingress: owner, notFound: true } : { notFound: true }
}
