/** Builders for the scheduler's tests: pods and nodes as the API would store them. */
import type { Container, Node, Pod, PodSpec, Taint } from 'kubernetes-types/core/v1'
import { NodeInfo } from './nodeinfo'
import { newPodInfo, type PodInfo } from './podinfo'

let uid = 0

export function makePod(name: string, spec: Partial<PodSpec> = {}, requests?: Record<string, string>): Pod {
  const container: Container = { name: 'app', image: 'nginx', ...(requests ? { resources: { requests } } : {}) }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}-${++uid}` },
    spec: { containers: [container], ...spec },
    status: { phase: 'Pending' },
  }
}

export function podInfo(spec: Partial<PodSpec> = {}, requests?: Record<string, string>): PodInfo {
  return newPodInfo(makePod('p', spec, requests))
}

export interface NodeOptions {
  cpu?: string
  memory?: string
  pods?: number
  taints?: Taint[]
  labels?: Record<string, string>
  unschedulable?: boolean
  extra?: Record<string, string>
}

export function makeNode(name: string, o: NodeOptions = {}): Node {
  const allocatable = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: String(o.pods ?? 110), ...(o.extra ?? {}) }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { capacity: allocatable, allocatable },
  }
}

export function nodeInfo(name = 'node-1', o: NodeOptions = {}, pods: PodInfo[] = []): NodeInfo {
  const ni = new NodeInfo(name, makeNode(name, o))
  for (const p of pods) ni.addPod(p)
  return ni
}

export const CONTROL_PLANE_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }
