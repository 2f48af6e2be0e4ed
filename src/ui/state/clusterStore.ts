/**
 * The mirror of the cluster as React reads it. Written only by the worker bridge; components select
 * one object (`useObject(uid)`) or one id list (`useIds('Deployment')`) with small selectors.
 */
import { create } from 'zustand'
import type { KubeObject } from '../../cluster/apiserver/types'
import type { ClockState, CronNext, WorkerMessage } from '../../protocol/messages'
import { applyChanges, emptyMirror, nameKey, type Mirror } from './mirror'

interface ClusterState extends Mirror {
  connected: boolean
  revision: number
  clock: ClockState
  /** Nodes whose machine is powered off, as the worker's simulator reports (not the UI's clicks). */
  poweredOff: Record<string, true>
  /** When each CronJob (by uid) runs next, as the worker computed it. */
  cronNext: CronNext
  received: (msg: WorkerMessage) => void
}

const NO_IDS: string[] = []

const powerMap = (names: string[]): Record<string, true> => Object.fromEntries(names.map((n) => [n, true] as const))

export const useCluster = create<ClusterState>((set) => ({
  ...emptyMirror(),
  connected: false,
  revision: 0,
  clock: { now: 0, paused: false, speed: 1 },
  poweredOff: {},
  cronNext: {},
  received: (msg) =>
    set((s) => {
      if (msg.type === 'hello') {
        return {
          ...applyChanges(emptyMirror(), msg.objects, [], []),
          connected: true,
          revision: msg.revision,
          clock: msg.clock,
          poweredOff: powerMap(msg.machines.poweredOff),
          cronNext: msg.cronNext,
        }
      }
      if (msg.type === 'diff') {
        return {
          ...applyChanges(s, msg.added, msg.updated, msg.removed),
          revision: msg.revision,
          clock: msg.clock,
          ...(msg.machines && { poweredOff: powerMap(msg.machines.poweredOff) }),
          ...(msg.cronNext && { cronNext: { ...s.cronNext, ...msg.cronNext } }),
        }
      }
      return s
    }),
}))

export const useObject = <T extends KubeObject = KubeObject>(uid: string | undefined): T | undefined =>
  useCluster((s) => (uid ? (s.objects.get(uid) as T | undefined) : undefined))

export const useIds = (kind: string): string[] => useCluster((s) => s.ids[kind] ?? NO_IDS)

export const usePodIdsOn = (nodeName: string): string[] => useCluster((s) => s.podsByNode[nodeName] ?? NO_IDS)

export const usePoweredOff = (nodeName: string): boolean => useCluster((s) => !!s.poweredOff[nodeName])

export const useUidByName = (kind: string, namespace: string | undefined, name: string): string | undefined =>
  useCluster((s) => s.byName.get(nameKey(kind, namespace, name)))

export const useCronNext = (uid: string): number | null | undefined => useCluster((s) => s.cronNext[uid])
