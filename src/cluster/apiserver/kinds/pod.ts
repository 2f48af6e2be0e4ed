/** Pod (v1): defaulting, the admission plugins that touch every pod, validation. */
import type { Pod, PodSpec, Toleration, Volume } from 'kubernetes-types/core/v1'
import { type Causes, forbidden, isObject } from '../validation'
import { checkPodSpecTypes, defaultPodSpec, validatePodSpec } from './podspec'
import type { Writable } from '../types'
import { qosClass } from './qos'
import { info, type KindDef, type ServerContext } from './kind'
import { KUBE_DEFAULT_TIMINGS } from '../../timings'
import { admitPodPriority } from './scheduling'
import { checkAffinityDecoding, mergeMatchLabelKeys } from './affinity'
import { admitPodLimitRanges, admitPodResourceQuotas } from './quota'

export const podKind: KindDef = {
  info: info({ kind: 'Pod', apiVersion: 'v1', resource: 'pods', shortNames: ['po'], categories: ['all'] }),
  nameRule: 'subdomain',
  checkTypes: (obj) => {
    checkAffinityDecoding(obj)
    return checkPodSpecTypes(obj.spec, 'spec')
  },
  applyDefaults: (obj) => {
    const pod = obj as Pod
    defaultPodSpec(pod.spec!)
    pod.spec!.enableServiceLinks ??= true
  },
  prepareForCreate: (obj, ctx) => {
    const pod = obj as Pod
    admitPodLimitRanges(pod, ctx) // kube: mutating admission runs before the QoS class is computed
    ;(pod as Writable<Pod>).status = { phase: 'Pending', qosClass: qosClass(pod.spec!) }
    admitPodPriority(pod, ctx)
    mergeMatchLabelKeys(pod)
    admitServiceAccount(pod, ctx)
    admitDefaultTolerationSeconds(pod.spec!, KUBE_DEFAULT_TIMINGS.defaultTolerationSeconds)
    admitPodResourceQuotas(pod, ctx) // kube: ResourceQuota is the last validating admission plugin
  },
  validate: (obj) => validatePodSpec((obj as Pod).spec!, 'spec'),
  validateUpdate: (obj, old) => validatePodUpdate(obj as Pod, old as Pod),
}

/**
 * kube: ServiceAccount admission — the `default` account and its projected token volume, mounted in
 * every container, so `-o yaml` and `describe` show what a real cluster shows.
 */
function admitServiceAccount(pod: Pod, ctx: ServerContext): void {
  const spec = pod.spec!
  spec.serviceAccountName ??= spec.serviceAccount ?? 'default'
  spec.serviceAccount = spec.serviceAccountName
  if (spec.automountServiceAccountToken === false) return
  const mountPath = '/var/run/secrets/kubernetes.io/serviceaccount'
  const all = [...(spec.initContainers ?? []), ...spec.containers]
  if (all.some((c) => (c.volumeMounts ?? []).some((m) => m.mountPath === mountPath))) return
  const name = `kube-api-access-${ctx.clock.random.nameSuffix(5)}`
  const volume: Volume = {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  }
  spec.volumes = [...(spec.volumes ?? []), volume]
  for (const c of all) c.volumeMounts = [...(c.volumeMounts ?? []), { name, mountPath, readOnly: true }]
}

/**
 * kube: DefaultTolerationSeconds admission — a pod tolerates a not-ready or unreachable node for
 * 300 s before the taint eviction controller evicts it.
 */
function admitDefaultTolerationSeconds(spec: PodSpec, seconds: number): void {
  const tolerations: Toleration[] = spec.tolerations ?? []
  const has = (key: string) =>
    tolerations.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'))
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!has(key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds })
  }
  spec.tolerations = tolerations
}

/** kube: ValidatePodUpdate — only images, activeDeadlineSeconds and added tolerations may change. */
function validatePodUpdate(pod: Pod, old: Pod): Causes {
  const a = pod.spec!
  const b = old.spec!
  // kube: scheduling gates may only be removed, which is how a gated pod is released.
  const oldGates = new Set((b.schedulingGates ?? []).map((g) => g.name))
  const added = (a.schedulingGates ?? []).find((g) => !oldGates.has(g.name))
  if (added) return [forbidden('spec.schedulingGates', `only deletion is allowed, but found new scheduling gate '${added.name}'`)]
  if (JSON.stringify(stripDeep(a)) !== JSON.stringify(stripDeep(b))) {
    return [forbidden('spec', 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)')]
  }
  return []
}

function stripDeep(s: PodSpec): unknown {
  const copy = structuredClone(s) as PodSpec
  for (const c of [...(copy.containers ?? []), ...(copy.initContainers ?? [])]) delete (c as { image?: string }).image
  delete copy.activeDeadlineSeconds
  delete copy.tolerations
  delete copy.schedulingGates
  return sortKeys(copy)
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (isObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]))
  return v
}
