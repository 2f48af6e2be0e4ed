/**
 * What a settled cluster must look like: each workload controller has brought the world to its
 * spec. Returns the differences as sentences (empty when converged).
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { Cluster } from '../cluster'
import { isPodActive } from '../controllers/util/pods'
import { BAD_IMAGE, NS } from './operations'

const imageOf = (o: { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } }) => o.spec?.template?.spec?.containers?.[0]?.image
const controllerUid = (p: Pod) => p.metadata?.ownerReferences?.find((r) => r.controller)?.uid

export interface ConvergenceOptions {
  /** StatefulSets that were ever given the unpullable image (an OrderedReady set may stay stuck on it). */
  everBroken: Set<string>
}

export function convergenceErrors(c: Cluster, opts: ConvergenceOptions): string[] {
  const out: string[] = []
  const pods = c.api.list<Pod>('Pod', { namespace: NS })
  const active = pods.filter(isPodActive)
  const byOwner = new Map<string, Pod[]>()
  for (const p of active) {
    const uid = controllerUid(p)
    if (uid) byOwner.set(uid, [...(byOwner.get(uid) ?? []), p])
  }
  const ownedBy = (o: { metadata?: { uid?: string } }) => byOwner.get(o.metadata!.uid!) ?? []
  const nodes = c.api.list<Node>('Node')
  const nodeNames = new Set(nodes.map((n) => n.metadata!.name!))

  // kube: ReplicaSet controller — the number of active pods equals spec.replicas (standalone or a Deployment's).
  for (const rs of c.api.list<ReplicaSet>('ReplicaSet', { namespace: NS })) {
    const want = rs.spec?.replicas ?? 1
    const have = ownedBy(rs).length
    if (have !== want) out.push(`ReplicaSet ${rs.metadata!.name} has ${have} active pods, spec.replicas ${want}`)
    if ((rs.status?.replicas ?? 0) !== have) out.push(`ReplicaSet ${rs.metadata!.name} status.replicas ${rs.status?.replicas} but ${have} active pods`)
  }

  // kube: a Deployment whose image can be pulled completes: replicas = updated = available = spec.replicas.
  for (const d of c.api.list<Deployment>('Deployment', { namespace: NS })) {
    if (imageOf(d) === BAD_IMAGE || d.metadata?.deletionTimestamp) continue
    const want = d.spec?.replicas ?? 1
    const s = d.status ?? {}
    if ((s.replicas ?? 0) !== want || (s.updatedReplicas ?? 0) !== want || (s.availableReplicas ?? 0) !== want || s.observedGeneration !== d.metadata?.generation) {
      out.push(`Deployment ${d.metadata!.name} spec.replicas ${want} but status ${JSON.stringify({ ...s, conditions: undefined })}`)
    }
  }

  // kube: StatefulSet identity — the pods are exactly <name>-0 … <name>-(N-1).
  for (const s of c.api.list<StatefulSet>('StatefulSet', { namespace: NS })) {
    const name = s.metadata!.name!
    if (s.metadata?.deletionTimestamp) continue
    if (opts.everBroken.has(name) && s.spec?.podManagementPolicy !== 'Parallel') continue
    const want = Array.from({ length: s.spec?.replicas ?? 1 }, (_, i) => `${name}-${i}`)
    const have = ownedBy(s).map((p) => p.metadata!.name!).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    if (have.join() !== want.join()) out.push(`StatefulSet ${name} has pods [${have}], want [${want}]`)
    if (imageOf(s) !== BAD_IMAGE && !opts.everBroken.has(name) && (s.status?.readyReplicas ?? 0) !== want.length) {
      out.push(`StatefulSet ${name} readyReplicas ${s.status?.readyReplicas}, want ${want.length}`)
    }
  }

  // kube: DaemonSet — one pod on every node whose taints the daemon tolerates (not the control plane), none elsewhere.
  for (const ds of c.api.list<DaemonSet>('DaemonSet', { namespace: NS })) {
    if (ds.metadata?.deletionTimestamp) continue
    const eligible = nodes.filter((n) => !n.spec?.taints?.some((t) => t.effect === 'NoSchedule' && t.key === 'node-role.kubernetes.io/control-plane'))
      .map((n) => n.metadata!.name!).sort()
    const on = ownedBy(ds).map((p) => p.spec?.nodeName ?? '(unbound)').sort()
    if (on.join() !== eligible.join()) out.push(`DaemonSet ${ds.metadata!.name} has pods on [${on}], want one on each of [${eligible}]`)
  }

  // kube: pod GC — no pod stays bound to a node that no longer exists.
  for (const p of pods) {
    const n = p.spec?.nodeName
    if (n && !nodeNames.has(n)) out.push(`Pod ${p.metadata!.name} is bound to missing node ${n}`)
  }
  return out
}
