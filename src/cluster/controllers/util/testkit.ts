/**
 * A small cluster for the workload controllers' tests: the API server from createCore, the
 * ReplicaSet, Deployment and garbage collector controllers, and a stand-in kubelet that binds each
 * new pod to a node, reports it Running and Ready after a delay, and finishes graceful deletions.
 * Test-only: the real scheduler and kubelets live elsewhere.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { createCore, type CoreCluster } from '../../cluster'
import type { KubeObject } from '../../apiserver/types'
import { isNotFound } from '../../apiserver/types'
import { ReplicaSetController } from '../replicaset/replicaset'
import { DeploymentController } from '../deployment/deployment'
import { GarbageCollector } from '../garbagecollector/garbagecollector'

export interface FakeKubeletOptions {
  /** Pods bound and ready after this many ms; undefined: never bound or ready (stay Pending). */
  readyAfterMs?: number
  /** Graceful deletions finish after this many ms. */
  terminateAfterMs?: number
  nodes?: string[]
}

export interface TestCluster extends CoreCluster {
  rs: ReplicaSetController
  deployments: DeploymentController
  gc: GarbageCollector
}

const KUBELET = { actor: 'kubelet/test' }

export function testCluster(kubelet: FakeKubeletOptions = { readyAfterMs: 1000, terminateAfterMs: 0 }): TestCluster {
  const core = createCore({ seed: 7 })
  const rs = new ReplicaSetController(core)
  const deployments = new DeploymentController(core)
  const gc = new GarbageCollector(core)
  rs.start()
  deployments.start()
  gc.start()
  fakeKubelet(core, kubelet)
  return { ...core, rs, deployments, gc }
}

function fakeKubelet(core: CoreCluster, o: FakeKubeletOptions): void {
  const nodes = o.nodes ?? ['node-1', 'node-2', 'node-3']
  let next = 0
  const { api, clock } = core
  const safely = (fn: () => void) => () => {
    try { fn() } catch (e) { if (!isNotFound(e)) throw e }
  }
  core.informers.for<Pod>('Pod').addEventHandler({
    add: (pod) => {
      if (o.readyAfterMs === undefined || pod.spec?.nodeName) return
      const ns = pod.metadata!.namespace!
      const name = pod.metadata!.name!
      const uid = pod.metadata!.uid
      const node = nodes[next++ % nodes.length]
      clock.schedule(0, safely(() => api.bind(ns, name, node, KUBELET)), 'test: bind')
      clock.schedule(o.readyAfterMs, safely(() => {
        const cur = api.get<Pod>('Pod', ns, name)
        if (cur.metadata?.uid !== uid || cur.metadata?.deletionTimestamp) return
        setReady(core, cur, true)
      }), 'test: ready')
    },
    update: (old, pod) => {
      if (!pod.metadata?.deletionTimestamp || old.metadata?.deletionTimestamp) return
      const ns = pod.metadata.namespace!
      const name = pod.metadata.name!
      clock.schedule(o.terminateAfterMs ?? 0, safely(() => {
        api.delete('Pod', ns, name, KUBELET, { gracePeriodSeconds: 0, uid: pod.metadata!.uid })
      }), 'test: terminate')
    },
  })
}

/** Reports a pod Running with its Ready condition as given (as the kubelet would). */
export function setReady(core: CoreCluster, pod: Pod, ready: boolean): Pod {
  const next = structuredClone(pod)
  const now = core.clock.timestamp()
  const status = (next as { status?: Pod['status'] }).status ?? {}
  status.phase = 'Running'
  const conditions = (status.conditions ?? []).filter((c) => c.type !== 'Ready')
  conditions.push({ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now })
  status.conditions = conditions
  ;(next as { status?: Pod['status'] }).status = status
  return core.api.updateStatus(next as KubeObject, KUBELET) as Pod
}
