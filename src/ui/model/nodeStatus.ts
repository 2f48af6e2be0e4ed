/** A node's readiness and the resources its pods request, as `kubectl describe node` sums them. */
import type { Node, Pod } from 'kubernetes-types/core/v1'

export function nodeReady(node: Node): 'Ready' | 'NotReady' | 'Unknown' {
  const c = node.status?.conditions?.find((x) => x.type === 'Ready')
  if (!c) return 'Unknown'
  return c.status === 'True' ? 'Ready' : 'NotReady'
}

export function nodeRoles(node: Node): string {
  const roles = Object.keys(node.metadata?.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
  return roles.length ? roles.join(',') : 'worker'
}

/** Parses a Kubernetes quantity into base units (cores, bytes). */
export function parseQuantity(q: string | number | undefined): number {
  if (q === undefined) return 0
  if (typeof q === 'number') return q
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q.trim())
  if (!m) return 0
  const n = Number(m[1])
  const suffix: Record<string, number> = {
    '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12,
    Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4,
  }
  return n * (suffix[m[2]] ?? 1)
}

export function podRequests(pod: Pod): { cpu: number; memory: number } {
  let cpu = 0
  let memory = 0
  for (const c of pod.spec?.containers ?? []) {
    cpu += parseQuantity(c.resources?.requests?.cpu)
    memory += parseQuantity(c.resources?.requests?.memory)
  }
  return { cpu, memory }
}

export function formatCpu(cores: number): string {
  if (cores === 0) return '0'
  return cores >= 1 && Number.isInteger(cores) ? String(cores) : `${Math.round(cores * 1000)}m`
}

export function formatMemory(bytes: number): string {
  if (bytes === 0) return '0'
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)}Gi`
  return `${Math.round(bytes / 1024 ** 2)}Mi`
}
