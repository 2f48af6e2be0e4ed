/**
 * The downward API as the kubelet answers it: what `fieldRef` and `resourceFieldRef` read, for
 * environment variables and for the files of downwardAPI volumes (kube: kubelet_pods.go
 * podFieldSelectorRuntimeValue, pkg/fieldpath ExtractFieldPathAsString and
 * ExtractContainerResourceValue), and the hostname the container sees.
 */
import type { Container, ObjectFieldSelector, Pod, ResourceFieldSelector, Service } from 'kubernetes-types/core/v1'
import { parseBytes, parseCpuMillis } from '../apiserver/quantity'

/** What only the running pod knows: its addresses. */
export interface RuntimeFacts {
  podIP: string
  hostIP: string
  /** The node's allocatable cpu and memory, the default of an unset limit. */
  allocatable?: Record<string, string>
  /** The Services the pod's containers may be linked to (service-env.ts linkableServices). */
  services?: () => readonly Service[]
}

export type Resolved = { ok: true; value: string } | { ok: false; error: string }

const ok = (value: string): Resolved => ({ ok: true, value })

/** kube: podFieldSelectorRuntimeValue, then ExtractFieldPathAsString for the metadata paths. */
export function podFieldValue(pod: Pod, selector: ObjectFieldSelector, facts: RuntimeFacts): Resolved {
  const path = selector.fieldPath
  switch (path) {
    case 'spec.nodeName': return ok(pod.spec?.nodeName ?? '')
    case 'spec.serviceAccountName': return ok(pod.spec?.serviceAccountName ?? '')
    case 'status.hostIP': case 'status.hostIPs': return ok(facts.hostIP)
    case 'status.podIP': case 'status.podIPs': return ok(facts.podIP)
  }
  const meta = pod.metadata ?? {}
  const sub = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path)
  if (sub) return ok((sub[1] === 'labels' ? meta.labels : meta.annotations)?.[sub[2]] ?? '')
  switch (path) {
    case 'metadata.name': return ok(meta.name ?? '')
    case 'metadata.namespace': return ok(meta.namespace ?? '')
    case 'metadata.uid': return ok(meta.uid ?? '')
    case 'metadata.labels': return ok(formatMap(meta.labels))
    case 'metadata.annotations': return ok(formatMap(meta.annotations))
  }
  return { ok: false, error: `unsupported fieldPath: ${path}` }
}

/** kube: fieldpath.FormatMap — `key="value"` lines in key order, Go-quoted. */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}=${JSON.stringify(m![k])}`).join('\n')
}

/**
 * kube: ExtractContainerResourceValue, after the kubelet gave an unset limit the node's
 * allocatable (defaultPodLimitsForDownwardAPI). The value is divided by the divisor (default 1)
 * and rounded up: `limits.cpu` 500m with divisor 1 reads `1`, with divisor 1m reads `500`.
 */
export function resourceFieldValue(container: Container | undefined, selector: ResourceFieldSelector, facts: RuntimeFacts): Resolved {
  if (!container) return { ok: false, error: `container ${selector.containerName} not found` }
  const [kind, resource] = selector.resource.split('.') as ['limits' | 'requests', string]
  let q = container.resources?.[kind]?.[resource]
  if (q === undefined && kind === 'limits') q = facts.allocatable?.[resource]
  const divisor = !selector.divisor || selector.divisor === '0' ? '1' : selector.divisor
  try {
    if (resource === 'cpu' && (kind === 'limits' || kind === 'requests')) {
      return ok(String(Math.ceil(parseCpuMillis(q ?? 0) / parseCpuMillis(divisor))))
    }
    if ((resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-')) && (kind === 'limits' || kind === 'requests')) {
      return ok(String(Math.ceil(parseBytes(q ?? 0) / parseBytes(divisor))))
    }
  } catch (e) {
    return { ok: false, error: (e as Error).message }
  }
  return { ok: false, error: `unsupported container resource : ${selector.resource}` }
}

// kube: the hostname is at most 63 characters (a DNS label).
const MAX_HOSTNAME = 63

/**
 * kube: GeneratePodHostnameAndDomain — spec.hostname when set, else the pod's name, cut to 63
 * characters without a trailing `-` or `.` (truncatePodHostnameIfNeeded); setHostnameAsFQDN makes
 * it `<hostname>.<subdomain>.<namespace>.svc.cluster.local`.
 */
export function podHostname(pod: Pod): string {
  const spec = pod.spec ?? { containers: [] }
  let name = spec.hostname || pod.metadata?.name || ''
  if (name.length > MAX_HOSTNAME) name = name.slice(0, MAX_HOSTNAME).replace(/[-.]+$/, '')
  if (spec.setHostnameAsFQDN && spec.subdomain) return `${name}.${spec.subdomain}.${pod.metadata?.namespace ?? 'default'}.svc.cluster.local`
  return name
}
