/**
 * A RollingUpdate watched at every instant of virtual time: a Deployment is created and becomes
 * available, then its image changes one or more times (a new change may land mid-rollout, which
 * is a rollover), and after every clock step the surge and availability bounds are checked.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import { createCluster, type Cluster } from '../cluster'
import { isPodActive, isPodReady } from '../controllers/util/pods'
import { BAD_IMAGE, GOOD_IMAGES, NS, type IntOrPercent } from './operations'

export interface Rollout {
  seed: number
  replicas: number
  maxSurge: IntOrPercent
  maxUnavailable: IntOrPercent
  /** Image changes, each followed by that much virtual time before the next one. */
  changes: { image: string; wait: number }[]
}

/**
 * kube: intstr.GetScaledValueFromIntOrPercent and deployment util ResolveFenceposts — a percentage
 * of spec.replicas, maxSurge rounded up and maxUnavailable rounded down; if both come out 0,
 * maxUnavailable is 1. Written out here again so the test does not trust the code under test.
 */
export function fenceposts(replicas: number, maxSurge: IntOrPercent, maxUnavailable: IntOrPercent): { surge: number; unavailable: number } {
  const scaled = (v: IntOrPercent, up: boolean) => {
    if (typeof v === 'number') return v
    const x = (Number(v.slice(0, -1)) * replicas) / 100
    return up ? Math.ceil(x) : Math.floor(x)
  }
  const surge = scaled(maxSurge, true)
  let unavailable = scaled(maxUnavailable, false)
  if (surge === 0 && unavailable === 0) unavailable = 1
  return { surge, unavailable }
}

const NAME = 'web'
/** Bound on clock steps per wait, so a livelock fails the property instead of hanging it. */
const MAX_STEPS = 20_000

export interface RolloutResult {
  cluster: Cluster
  /** Moments the pods exceeded replicas + maxSurge. */
  surge: string[]
  /** Moments the available pods were fewer than replicas - maxUnavailable. */
  availability: string[]
  /** Whether the Deployment was complete (status = spec on the last image) at the end. */
  complete: boolean
}

export function playRollout(r: Rollout): RolloutResult {
  const c = createCluster({ seed: r.seed })
  const surgeViolations: string[] = []
  const availability: string[] = []
  const setup: string[] = []
  let t0 = c.clock.now()
  let checking = false
  const { surge, unavailable } = fenceposts(r.replicas, r.maxSurge, r.maxUnavailable)
  const image = (i: string) => ({ spec: { template: { spec: { containers: [{ name: 'app', image: i }] } } } })
  c.api.create({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: NAME, namespace: NS },
    spec: {
      replicas: r.replicas, selector: { matchLabels: { app: NAME } },
      template: { metadata: { labels: { app: NAME } }, spec: { containers: [{ name: 'app', image: GOOD_IMAGES[0] }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: r.maxSurge, maxUnavailable: r.maxUnavailable } },
    },
  } as Deployment, { actor: 'kubectl' })

  const complete = () => {
    const d = c.api.get<Deployment>('Deployment', NS, NAME)
    const s = d.status ?? {}
    return s.observedGeneration === d.metadata?.generation && s.replicas === r.replicas && s.updatedReplicas === r.replicas && s.availableReplicas === r.replicas
  }
  const stepFor = (ms: number, until?: () => boolean) => {
    const end = c.clock.now() + ms
    for (let i = 0; i < MAX_STEPS && c.clock.now() < end; i++) {
      if (until?.() || !c.clock.step()) break
      check()
    }
  }
  const check = () => {
    if (!checking || surgeViolations.length + availability.length >= 6) return
    const d = c.api.get<Deployment>('Deployment', NS, NAME)
    const uid = d.metadata!.uid!
    const sets = c.api.list<ReplicaSet>('ReplicaSet', { namespace: NS })
      .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.controller && o.uid === uid))
    const setUids = new Set(sets.map((rs) => rs.metadata!.uid!))
    const pods = c.api.list<Pod>('Pod', { namespace: NS })
      .filter((p) => p.metadata?.ownerReferences?.some((o) => o.controller && setUids.has(o.uid)))
    const active = pods.filter(isPodActive)
    // minReadySeconds is 0: a ready pod is available.
    const available = active.filter(isPodReady).length
    const specTotal = sets.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0)
    const statusAvailable = sets.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0)
    const at = `t=+${(c.clock.now() - t0) / 1000}s`
    const fail = (to: string[], m: string) => to.push(`${at}: ${m} (replicas ${r.replicas}, maxSurge ${r.maxSurge}→${surge}, maxUnavailable ${r.maxUnavailable}→${unavailable}; RS ${sets.map((rs) => `${rs.metadata!.name}=${rs.spec?.replicas}/${rs.status?.availableReplicas ?? 0}`).join(' ')})`)
    // kube rolling.go reconcileNewReplicaSet → deployment_util.go NewRSNewReplicas: the new ReplicaSet
    // grows only while the ReplicaSets' spec.replicas sum (GetReplicaCountForReplicaSets) stays
    // within replicas + maxSurge.
    if (specTotal > r.replicas + surge) fail(surgeViolations, `ReplicaSets want ${specTotal} pods > replicas + maxSurge`)
    // kube v1.35: terminating pods do not count (status.replicas counts non-terminating pods; the
    // terminatingReplicas field of KEP-3973 is reported only), so the bound is on active pods.
    if (active.length > r.replicas + surge) fail(surgeViolations, `${active.length} active pods > replicas + maxSurge`)
    // kube rolling.go: old ReplicaSets are scaled down only while the available pods stay at or above
    // replicas - maxUnavailable (scaleDownOldReplicaSetsForRollingUpdate, GetAvailableReplicaCountForReplicaSets).
    if (statusAvailable < r.replicas - unavailable) fail(availability, `ReplicaSets report ${statusAvailable} available < replicas - maxUnavailable`)
    if (available < r.replicas - unavailable) fail(availability, `${available} available pods < replicas - maxUnavailable`)
  }

  // The first version comes up before any bound applies (maxUnavailable constrains a rollout, not a start).
  stepFor(5 * 60_000, complete)
  if (!complete()) setup.push(`the first version of ${r.replicas} replicas did not become available in 5 minutes`)
  t0 = c.clock.now()
  checking = true
  for (const change of r.changes) {
    c.api.patch('Deployment', NS, NAME, image(change.image), { actor: 'kubectl' })
    stepFor(change.wait)
  }
  const last = r.changes.at(-1)?.image
  if (last !== BAD_IMAGE) stepFor(5 * 60_000, complete)
  return { cluster: c, surge: [...setup, ...surgeViolations], availability, complete: complete() }
}
