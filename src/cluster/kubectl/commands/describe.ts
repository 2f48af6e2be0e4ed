/**
 * kubectl describe KIND [NAME_PREFIX]: a name that matches no object exactly describes every object
 * whose name starts with it, as kubectl does (`describe pod nginx` finds `nginx-7c5d...`).
 */
import type { KubeObject } from '../../apiserver/types'
import { ApiError } from '../../apiserver/types'
import { describeNode } from '../describe/node'
import { describePod } from '../describe/pod'
import { describeService } from '../describe/service'
import { describeDeployment, describeReplicaSet } from '../describe/workloads'
import { describeCronJob, describeJob } from '../describe/batch'
import { describeDaemonSet, describeStatefulSet } from '../describe/apps-sets'
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from '../describe/storage'
import { describeNamespace } from '../describe/namespace'
import { describeEndpointSlice, describeEndpoints } from '../describe/discovery'
import { describePodDisruptionBudget, describePriorityClass } from '../describe/policy'
import { describeGeneric } from '../describe/generic'
import { describeReplicationController } from '../describe/replicationcontroller'
import { describeConfigMap, describeSecret } from '../describe/config'
import { describeLimitRange, describeResourceQuota } from '../describe/quota'
import { describeIngress, describeIngressClass, describeNetworkPolicy } from '../describe/networking'
import { describeHorizontalPodAutoscaler } from '../describe/autoscaling'
import { formatError } from '../errors'
import { parseFlags, str, bool, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { byNamespaceAndName, resolveResource } from '../resources'
import { namespaceOf, type CommandContext } from '../context'
import type { Api } from '../../apiserver/types'

const FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'show-events', type: 'bool' },
]

type Describer = (api: Api, obj: never, now: number) => string

const DESCRIBERS: Record<string, Describer> = {
  HorizontalPodAutoscaler: describeHorizontalPodAutoscaler,
  Job: describeJob,
  CronJob: describeCronJob,
  Pod: describePod,
  Node: describeNode,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  Service: describeService,
  StatefulSet: describeStatefulSet,
  DaemonSet: describeDaemonSet,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  ReplicationController: describeReplicationController,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  ResourceQuota: describeResourceQuota, LimitRange: describeLimitRange,
  Ingress: describeIngress, IngressClass: describeIngressClass, NetworkPolicy: describeNetworkPolicy,
  Namespace: describeNamespace,
  Endpoints: describeEndpoints,
  EndpointSlice: describeEndpointSlice,
  PersistentVolume: describePersistentVolume,
  StorageClass: describeStorageClass,
  PodDisruptionBudget: describePodDisruptionBudget,
  PriorityClass: describePriorityClass,
  // ControllerRevision, Lease and Event have no describer of their own in kubectl: the generic one.
}

export function describe(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('describe', words, FLAGS)
  if (!args.length) {
    throw new CommandError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.')
  }
  const api = ctx.host.api
  const namespace = namespaceOf(ctx, flags.namespace)
  const targets: { type: string; name?: string }[] = args[0].includes('/')
    ? args.map((a) => ({ type: a.slice(0, a.indexOf('/')), name: a.slice(a.indexOf('/') + 1) }))
    : args.length > 1 ? args.slice(1).map((name) => ({ type: args[0], name })) : [{ type: args[0] }]
  const pages: string[] = []
  const now = ctx.host.clock.now()
  for (const t of targets) {
    const info = resolveResource(api, t.type)
    const ns = info.namespaced && !bool(flags['all-namespaces']) ? namespace : undefined
    let objects: KubeObject[]
    if (t.name) {
      const exact = api.find<KubeObject>(info.kind, info.namespaced ? namespace : undefined, t.name)
      objects = exact ? [exact] : api.list<KubeObject>(info.kind, { namespace: ns })
        .filter((o) => (o.metadata?.name ?? '').startsWith(t.name!)).sort(byNamespaceAndName)
      if (!objects.length) {
        ctx.out.err(formatError(ApiError.notFound(info, t.name)))
        continue
      }
    } else {
      objects = api.list<KubeObject>(info.kind, { namespace: ns, labelSelector: str(flags.selector) }).sort(byNamespaceAndName)
      if (!objects.length) {
        ctx.out.note(info.namespaced && !bool(flags['all-namespaces']) ? `No resources found in ${namespace} namespace.` : 'No resources found')
        continue
      }
    }
    const fn = DESCRIBERS[info.kind] ?? describeGeneric
    for (const o of objects) {
      const page = fn(api, o as never, now)
      // kube: --show-events=false leaves the Events section (always the last) out.
      pages.push(flags['show-events'] === false ? page.replace(/(^|\n)Events:[\s\S]*$/, '\n') : page)
    }
  }
  if (pages.length) ctx.out.out(pages.join('\n\n'))
}
