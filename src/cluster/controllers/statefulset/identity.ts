/**
 * A StatefulSet pod's identity (kube: pkg/controller/statefulset/stateful_set_utils.go): its name
 * `<set>-<ordinal>`, the labels that say so, its hostname and subdomain, and its claims
 * `<template>-<set>-<ordinal>` made from the volumeClaimTemplates.
 */
import type { StatefulSet } from 'kubernetes-types/apps/v1'
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1'
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import { podFromTemplate } from '../util/template'
import { POD_REVISION_HASH_LABEL } from '../history'

/** kube: apps.StatefulSetPodNameLabel */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name'
/** kube: apps.PodIndexLabel (PodIndexLabel, GA in v1.32) */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index'

const ORDINAL = /^(.*)-(\d+)$/

/** kube: getParentNameAndOrdinal — (`web`, 2) for `web-2`; ordinal -1 when the name has none. */
export function parentAndOrdinal(pod: Pod): { parent: string; ordinal: number } {
  const m = ORDINAL.exec(pod.metadata?.name ?? '')
  if (!m) return { parent: '', ordinal: -1 }
  return { parent: m[1], ordinal: Number.parseInt(m[2], 10) }
}

/** kube: isMemberOf — the pod's name is `<set>-<n>`. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return parentAndOrdinal(pod).parent === set.metadata?.name
}

export const podName = (set: StatefulSet, ordinal: number) => `${set.metadata?.name}-${ordinal}`

/** kube: getPersistentVolumeClaimName */
export const claimName = (set: StatefulSet, templateName: string, ordinal: number) =>
  `${templateName}-${set.metadata?.name}-${ordinal}`

/** kube: getStartOrdinal — spec.ordinals.start, 0 by default. */
export const startOrdinal = (set: StatefulSet) => set.spec?.ordinals?.start ?? 0

export const getPodRevision = (pod: Pod | undefined) => pod?.metadata?.labels?.[POD_REVISION_HASH_LABEL] ?? ''

/**
 * kube: getPersistentVolumeClaims — one claim per template, labelled with the set's matchLabels,
 * owned as the retention policy says (WhenDeleted: Delete makes the set an owner).
 */
export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const match = set.spec?.selector?.matchLabels ?? {}
  const deleteWithSet = set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete'
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
    const owner: OwnerReference = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata!.name!, uid: set.metadata!.uid! }
    const labels = { ...(t.metadata?.labels ?? {}), ...match }
    const claim: PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName(set, t.metadata?.name ?? '', ordinal),
        namespace: set.metadata?.namespace,
        ...(Object.keys(labels).length ? { labels } : {}),
        ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
        ...(deleteWithSet ? { ownerReferences: [owner] } : {}),
      },
      spec: structuredClone(t.spec),
    }
    return claim
  })
}

/**
 * kube: newStatefulSetPod + setPodRevision — the pod of `ordinal` from `set`'s template, with its
 * identity, its claims mounted in place of same-named volumes, and the revision it was made from.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, revision: string, controllerRef: OwnerReference): Pod {
  const pod = podFromTemplate(set.spec?.template, set.metadata?.namespace, set.metadata?.name ?? '', controllerRef)
  const meta = pod.metadata!
  delete meta.generateName
  meta.name = podName(set, ordinal)
  meta.labels = { ...(meta.labels ?? {}), [POD_NAME_LABEL]: meta.name, [POD_INDEX_LABEL]: String(ordinal), [POD_REVISION_HASH_LABEL]: revision }
  const spec = pod.spec!
  // kube: updateIdentity — the pod's DNS name is <pod>.<serviceName>.
  spec.hostname = meta.name
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName
  // kube: updateStorage — a claim template replaces any template volume of the same name.
  const templates = set.spec?.volumeClaimTemplates ?? []
  if (templates.length) {
    const claimed = new Set(templates.map((t) => t.metadata?.name))
    const volumes: Volume[] = templates.map((t) => ({
      name: t.metadata?.name ?? '',
      persistentVolumeClaim: { claimName: claimName(set, t.metadata?.name ?? '', ordinal) },
    }))
    spec.volumes = [...volumes, ...(spec.volumes ?? []).filter((v) => !claimed.has(v.name))]
  }
  return pod
}
