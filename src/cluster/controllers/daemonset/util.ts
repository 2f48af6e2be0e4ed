/**
 * What a daemon pod is and where it belongs (kube: pkg/controller/daemon/util and the predicates of
 * daemon_controller.go): the tolerations every daemon pod gets, the node affinity that pins it to
 * its node, and whether a node should run (or may keep running) the daemon.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1'
import type { Affinity, Node, Pod, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1'
import { compileTerm, findUntoleratedTaint, toleratesTaint } from '../../scheduler/plugins/helpers'
import type { NodeView } from '../../scheduler/nodeinfo'
import { POD_REVISION_HASH_LABEL } from '../history'

/** kube: extensions.DaemonSetTemplateGenerationKey — still set on every daemon pod. */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation'

/**
 * kube: util.AddOrUpdateDaemonPodTolerations — daemons keep running on not-ready and unreachable
 * nodes (NoExecute, no time limit) and are placed on nodes under pressure or cordoned (NoSchedule);
 * host-network daemons also on nodes whose network is not ready.
 */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const out: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ]
  if (hostNetwork) out.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' })
  return out
}

/** kube: v1helper.AddOrUpdateTolerationInPod — a toleration equal in key, operator, value and effect replaces. */
function addOrUpdate(list: Toleration[], t: Toleration): void {
  const i = list.findIndex((x) => (x.key ?? '') === (t.key ?? '') && (x.operator ?? 'Equal') === (t.operator ?? 'Equal')
    && (x.value ?? '') === (t.value ?? '') && (x.effect ?? '') === (t.effect ?? ''))
  if (i >= 0) list[i] = t
  else list.push(t)
}

/** kube: util.CreatePodTemplate — the template with the daemon tolerations, generation and hash labels. */
export function daemonPodTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
  const t = structuredClone(ds.spec?.template ?? {}) as PodTemplateSpec
  t.spec ??= { containers: [] }
  const tolerations = [...(t.spec.tolerations ?? [])]
  for (const tol of daemonTolerations(!!t.spec.hostNetwork)) addOrUpdate(tolerations, tol)
  t.spec.tolerations = tolerations
  t.metadata = { ...(t.metadata ?? {}) }
  t.metadata.labels = { ...(t.metadata.labels ?? {}) }
  if (ds.metadata?.generation !== undefined) t.metadata.labels[TEMPLATE_GENERATION_LABEL] = String(ds.metadata.generation)
  t.metadata.labels[POD_REVISION_HASH_LABEL] = hash
  return t
}

/**
 * kube: util.ReplaceDaemonSetPodNodeNameNodeAffinity — the required node affinity becomes one term
 * matching the node's name, so the default scheduler places the pod there and nowhere else.
 */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }
  const a = structuredClone(affinity ?? {}) as Affinity
  a.nodeAffinity ??= {}
  a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] }
  return a
}

/** kube: util.GetTargetNodeName — spec.nodeName, or the node the affinity pins the pod to. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName
  for (const term of pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0]
    }
  }
  return undefined
}

/** kube: util.IsPodUpdated — the pod carries the current hash (or the current template generation). */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {}
  const byGeneration = generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(generation)
  return byGeneration || labels[POD_REVISION_HASH_LABEL] === hash
}

export interface Placement {
  /** The daemon should be placed on the node. */
  shouldRun: boolean
  /** A daemon already there may stay (no NoExecute taint it does not tolerate). */
  shouldContinueRunning: boolean
}

/**
 * kube: NodeShouldRunDaemonPod — the daemon pod (with its automatic tolerations) fits the node's
 * name, nodeSelector and required node affinity, and tolerates its NoSchedule/NoExecute taints.
 */
export function nodeShouldRunDaemonPod(template: PodTemplateSpec, node: Node): Placement {
  const spec = template.spec
  const name = node.metadata?.name ?? ''
  const labels = node.metadata?.labels ?? {}
  const fitsName = !spec?.nodeName || spec.nodeName === name
  let fitsAffinity = true
  for (const [k, v] of Object.entries(spec?.nodeSelector ?? {})) if (labels[k] !== v) fitsAffinity = false
  const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  if (fitsAffinity && required) {
    const view = { name, labels } as unknown as NodeView
    fitsAffinity = (required.nodeSelectorTerms ?? []).some((t) => compileTerm(t)(view))
  }
  const taints = node.spec?.taints ?? []
  const tolerations = spec?.tolerations ?? []
  const untolerated = findUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')
  const untoleratedNoExecute = taints.some((t) => t.effect === 'NoExecute' && !tolerations.some((tol) => toleratesTaint(tol, t)))
  return {
    shouldRun: fitsName && fitsAffinity && !untolerated,
    shouldContinueRunning: fitsName && fitsAffinity && !untoleratedNoExecute,
  }
}
