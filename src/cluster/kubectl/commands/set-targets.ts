/** The objects `kubectl set env|resources` work on: `TYPE NAME`, `TYPE/NAME`, or `TYPE -l SEL | --all`. */
import type { PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../apiserver/types'
import type { CommandContext } from '../context'
import { bool, str, type FlagValues } from '../flags'
import { byNamespaceAndName, resolveResource } from '../resources'
import { resourceTargets, type Target } from './targets'

export function setTargets(ctx: CommandContext, resources: string[], flags: FlagValues, namespace: string, command: string): Target[] {
  const api = ctx.host.api
  const selector = str(flags.selector)
  if (resources.length === 1 && !resources[0].includes('/') && (selector || bool(flags.all))) {
    const info = resolveResource(api, resources[0])
    return api.list<KubeObject>(info.kind, { namespace: info.namespaced ? namespace : undefined, labelSelector: selector })
      .sort(byNamespaceAndName).map((o) => ({ info, namespace: o.metadata?.namespace, name: o.metadata!.name! }))
  }
  return resourceTargets(api, resources, namespace, command)
}

/** kube: selectContainers — `-c` is a shell-style wildcard over container names. */
export function containerMatcher(pattern: string | undefined): (name: string) => boolean {
  const p = pattern ?? '*'
  const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)
  return (name) => re.test(name)
}

/** kube: polymorphichelpers.UpdatePodSpecForObject — where each kind keeps its pod spec. */
export function podSpecOf(obj: KubeObject): PodSpec | undefined {
  if (obj.kind === 'Pod') return obj.spec as PodSpec
  const spec = obj.spec as { template?: PodTemplateSpec; jobTemplate?: { spec?: { template?: PodTemplateSpec } } } | undefined
  return spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec
}
