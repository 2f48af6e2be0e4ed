/**
 * Pod spec defaulting and validation, shared by Pods and every pod template (ReplicaSet,
 * Deployment, later StatefulSet, DaemonSet, Job).
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1'
import { canonicalQuantity } from '../quantity'
import { type Causes, checkInt, dns1123Label, duplicate, invalid, isObject, required, typeError, unsupported } from '../validation'

/** kube: SetDefaults_PodSpec and SetDefaults_Container. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ??= 'Always'
  spec.terminationGracePeriodSeconds ??= 30
  spec.dnsPolicy ??= 'ClusterFirst'
  spec.securityContext ??= {}
  spec.schedulerName ??= 'default-scheduler'
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) defaultContainer(c)
  if (spec.overhead && !sameList(canonicalList(spec.overhead), spec.overhead)) spec.overhead = canonicalList(spec.overhead)
}

/** kube: every resource.Quantity is stored in its canonical form (`0.5` → `500m`, YAML `1` → `"1"`). */
function canonicalList(list: Record<string, string>): Record<string, string> {
  if (!isObject(list)) return list
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(list)) {
    out[k] = typeof v === 'string' || typeof v === 'number' ? canonicalQuantity(v) : v
  }
  return out
}

function defaultContainer(c: Container): void {
  // kube: imagePullPolicy is Always for `:latest` or an untagged image, else IfNotPresent.
  if (!c.imagePullPolicy && typeof c.image === 'string') {
    const ref = c.image.split('@')[0]
    const lastPart = ref.slice(ref.lastIndexOf('/') + 1)
    const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : ''
    c.imagePullPolicy = c.image.includes('@') ? 'IfNotPresent' : !tag || tag === 'latest' ? 'Always' : 'IfNotPresent'
  }
  c.terminationMessagePath ??= '/dev/termination-log'
  c.terminationMessagePolicy ??= 'File'
  c.resources ??= {}
  // kube: requests default to limits when only limits are given.
  const { limits, requests } = c.resources
  // Assign only what changes: a patch shares the untouched parts of the stored (frozen) object,
  // which are already defaulted.
  let next = requests && limits && Object.keys(limits).some((k) => requests[k] === undefined) ? { ...limits, ...requests } : requests
  if (limits && !requests) next = { ...limits }
  const canonLimits = limits && canonicalList(limits)
  const canonRequests = next && canonicalList(next)
  if (canonLimits && !sameList(canonLimits, limits)) c.resources.limits = canonLimits
  if (canonRequests && !sameList(canonRequests, requests)) c.resources.requests = canonRequests
  for (const p of c.ports ?? []) p.protocol ??= 'TCP'
}

function sameList(a: Record<string, unknown>, b: Record<string, unknown> | undefined): boolean {
  if (!b) return false
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k])
}

export function checkPodSpecTypes(spec: unknown, path: string): Causes {
  const out: Causes = []
  if (spec === undefined || spec === null) return [required(path)]
  if (!isObject(spec)) return [typeError(path, spec, 'object')]
  for (const list of ['containers', 'initContainers'] as const) {
    const cs = spec[list]
    if (cs === undefined || cs === null) continue
    if (!Array.isArray(cs)) {
      out.push(typeError(`${path}.${list}`, cs, 'array'))
      continue
    }
    cs.forEach((c, i) => {
      const cp = `${path}.${list}[${i}]`
      if (!isObject(c)) return out.push(typeError(cp, c, 'object'))
      for (const f of ['name', 'image'] as const) {
        if (c[f] !== undefined && typeof c[f] !== 'string') out.push(typeError(`${cp}.${f}`, c[f], 'string'))
      }
      if (c.ports !== undefined && !Array.isArray(c.ports)) out.push(typeError(`${cp}.ports`, c.ports, 'array'))
      if (Array.isArray(c.ports)) {
        c.ports.forEach((p, j) => {
          if (!isObject(p)) out.push(typeError(`${cp}.ports[${j}]`, p, 'object'))
          else checkInt(`${cp}.ports[${j}].containerPort`, p.containerPort, out)
        })
      }
      for (const f of ['command', 'args'] as const) {
        if (c[f] !== undefined && !(Array.isArray(c[f]) && (c[f] as unknown[]).every((x) => typeof x === 'string'))) {
          out.push(typeError(`${cp}.${f}`, c[f], 'array'))
        }
      }
      if (c.resources !== undefined && !isObject(c.resources)) out.push(typeError(`${cp}.resources`, c.resources, 'object'))
    })
  }
  if (spec.nodeSelector !== undefined && !isObject(spec.nodeSelector)) out.push(typeError(`${path}.nodeSelector`, spec.nodeSelector, 'object'))
  if (spec.tolerations !== undefined && !Array.isArray(spec.tolerations)) out.push(typeError(`${path}.tolerations`, spec.tolerations, 'array'))
  checkInt(`${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds, out)
  return out
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never']
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?\d+)?$/

/** kube: ValidatePodSpec, for the parts the simulation uses. */
export function validatePodSpec(spec: PodSpec, path: string): Causes {
  const out: Causes = []
  if (!spec.containers || spec.containers.length === 0) out.push(required(`${path}.containers`))
  const names = new Set<string>()
  const check = (list: Container[] | undefined, listName: string) => {
    ;(list ?? []).forEach((c, i) => {
      const cp = `${path}.${listName}[${i}]`
      if (!c.name) out.push(required(`${cp}.name`))
      else {
        out.push(...dns1123Label(`${cp}.name`, c.name))
        if (names.has(c.name)) out.push(duplicate(`${cp}.name`, c.name))
        names.add(c.name)
      }
      if (!c.image || !c.image.trim()) out.push(required(`${cp}.image`))
      ;(c.ports ?? []).forEach((p, j) => {
        const pp = `${cp}.ports[${j}]`
        if (p.containerPort === undefined) out.push(required(`${pp}.containerPort`))
        else if (p.containerPort < 1 || p.containerPort > 65535) {
          out.push(invalid(`${pp}.containerPort`, p.containerPort, 'must be between 1 and 65535, inclusive'))
        }
        if (p.protocol && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) {
          out.push(unsupported(`${pp}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']))
        }
      })
      for (const kind of ['requests', 'limits'] as const) {
        for (const [res, q] of Object.entries(c.resources?.[kind] ?? {})) {
          if (!QUANTITY.test(String(q))) {
            out.push(invalid(`${cp}.resources.${kind}[${res}]`, q, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"))
          }
        }
      }
    })
  }
  check(spec.initContainers, 'initContainers')
  check(spec.containers, 'containers')
  if (spec.restartPolicy && !RESTART_POLICIES.includes(spec.restartPolicy)) {
    out.push(unsupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES))
  }
  if (spec.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds < 0) {
    out.push(invalid(`${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds, 'must be greater than or equal to 0'))
  }
  ;(spec.tolerations ?? []).forEach((t, i) => {
    if (t.operator && !['Exists', 'Equal'].includes(t.operator)) {
      out.push(unsupported(`${path}.tolerations[${i}].operator`, t.operator, ['Equal', 'Exists']))
    }
    if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      out.push(unsupported(`${path}.tolerations[${i}].effect`, t.effect, ['NoExecute', 'NoSchedule', 'PreferNoSchedule']))
    }
  })
  return out
}
