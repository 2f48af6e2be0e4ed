/**
 * Turning a pod template into a pod (kube: controller.GetPodFromTemplate).
 */
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { OwnerReference } from 'kubernetes-types/meta/v1'

/** kube: getPodsPrefix — `<parent>-`, so generated names are `<parent>-<5 chars>`. */
export function podNamePrefix(parentName: string): string {
  return `${parentName}-`
}

export function podFromTemplate(
  template: PodTemplateSpec | undefined,
  namespace: string | undefined,
  parentName: string,
  controllerRef?: OwnerReference,
): Pod {
  const meta = template?.metadata ?? {}
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: podNamePrefix(parentName),
      namespace,
      labels: meta.labels ? { ...meta.labels } : undefined,
      annotations: meta.annotations ? { ...meta.annotations } : undefined,
      finalizers: meta.finalizers ? [...meta.finalizers] : undefined,
      ownerReferences: controllerRef ? [{ ...controllerRef }] : undefined,
    },
    spec: structuredClone(template?.spec) ?? { containers: [] },
  }
  for (const k of ['labels', 'annotations', 'finalizers', 'ownerReferences'] as const) {
    if (pod.metadata![k] === undefined) delete pod.metadata![k]
  }
  return pod
}
