/**
 * The environment and command line of a container, as the kubelet builds them before creating it
 * (kube: kubelet_pods.go makeEnvironmentVariables, then ExpandContainerCommandAndArgs): envFrom
 * first, then env in order — a later value may refer to an earlier one as `$(NAME)` — with
 * `valueFrom` read from the pod (downward API), its resources, ConfigMaps and Secrets. A missing
 * ConfigMap or Secret that is not optional stops the container with CreateContainerConfigError.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { podFieldValue, podHostname, resourceFieldValue, type RuntimeFacts } from './downward-api'
import { serviceLinkEnv } from './service-env'

/** Reads a ConfigMap's or Secret's data (Secret values already decoded); undefined when missing. */
export type DataSource = (kind: 'ConfigMap' | 'Secret', namespace: string, name: string) => Record<string, string> | undefined

export type ContainerConfig =
  | { ok: true; env: Record<string, string>; command?: string[]; args?: string[] }
  /** `error` is the message of the `Failed` event (`Error: …`) and the waiting state. */
  | { ok: false; error: string }

// The image's own environment (busybox, debian…): containerd puts it before the pod's.
const IMAGE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

/** kube: a C identifier is what envFrom keys must be (else an InvalidEnvironmentVariableNames event). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/

export function containerConfig(pod: Pod, container: Container, facts: RuntimeFacts, data: DataSource): ContainerConfig {
  const ns = pod.metadata?.namespace ?? 'default'
  const env = new Map<string, string>()
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef
    if (!ref) continue
    const kind = from.configMapRef ? 'ConfigMap' : 'Secret'
    const values = data(kind, ns, ref.name ?? '')
    if (!values) {
      if (ref.optional) continue
      return { ok: false, error: notFound(kind, ref.name ?? '') }
    }
    for (const [k, v] of Object.entries(values)) {
      const name = (from.prefix ?? '') + k
      if (ENV_NAME.test(name)) env.set(name, v)
    }
  }
  // kube: service links are visible to `$(VAR)` but never replace a variable the pod defines.
  const links = serviceLinkEnv(facts.services?.() ?? [], ns, pod.spec?.enableServiceLinks ?? true)
  const lookup = (name: string) => env.get(name) ?? (Object.hasOwn(links, name) ? links[name] : undefined)
  for (const e of container.env ?? []) {
    if (!e.valueFrom) {
      // kube: a plain value may refer to the variables defined before it.
      env.set(e.name, expand(e.value ?? '', lookup))
      continue
    }
    const v = e.valueFrom
    if (v.fieldRef) {
      const r = podFieldValue(pod, v.fieldRef, facts)
      if (!r.ok) return { ok: false, error: r.error }
      env.set(e.name, r.value)
    } else if (v.resourceFieldRef) {
      const name = v.resourceFieldRef.containerName || container.name
      const target = name === container.name ? container : [...pod.spec!.containers, ...(pod.spec!.initContainers ?? [])].find((c) => c.name === name)
      const r = resourceFieldValue(target, v.resourceFieldRef, facts)
      if (!r.ok) return { ok: false, error: r.error }
      env.set(e.name, r.value)
    } else {
      const ref = v.configMapKeyRef ?? v.secretKeyRef
      if (!ref) continue
      const kind = v.configMapKeyRef ? 'ConfigMap' : 'Secret'
      const values = data(kind, ns, ref.name ?? '')
      if (!values) {
        if (ref.optional) continue
        return { ok: false, error: notFound(kind, ref.name ?? '') }
      }
      if (!(ref.key in values)) {
        if (ref.optional) continue
        return { ok: false, error: `couldn't find key ${ref.key} in ${kind} ${ns}/${ref.name}` }
      }
      env.set(e.name, values[ref.key])
    }
  }
  const all: Record<string, string> = { PATH: IMAGE_PATH, HOSTNAME: podHostname(pod), ...links }
  for (const [k, v] of env) all[k] = v
  const mapping = (name: string) => (Object.hasOwn(all, name) ? all[name] : undefined)
  return {
    ok: true,
    env: all,
    command: container.command?.map((s) => expand(s, mapping)),
    args: container.args?.map((s) => expand(s, mapping)),
  }
}

/** The lister's NotFound, as the kubelet quotes it: `configmap "x" not found`. */
function notFound(kind: 'ConfigMap' | 'Secret', name: string): string {
  return `${kind.toLowerCase()} "${name}" not found`
}

/**
 * kube: third_party/forked/golang/expansion — `$(NAME)` becomes the variable's value when it is
 * defined and stays as written otherwise; `$$` is an escaped `$`; any other `$` is literal.
 */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  if (!input.includes('$')) return input
  let out = ''
  for (let i = 0; i < input.length; i++) {
    const c = input[i]
    if (c !== '$' || i + 1 >= input.length) { out += c; continue }
    const next = input[i + 1]
    if (next === '$') { out += '$'; i++; continue }
    if (next === '(') {
      const close = input.indexOf(')', i + 2)
      if (close < 0) { out += '$('; i++; continue }
      const name = input.slice(i + 2, close)
      out += lookup(name) ?? `$(${name})`
      i = close
      continue
    }
    out += c + next
    i++
  }
  return out
}
