import { describe, it, expect } from 'vitest'
import type { ContainerPort, PodSpec } from 'kubernetes-types/core/v1'
import { NodePorts, ERR_REASON } from './nodePorts'
import { SKIP } from '../types'
import { nodeInfo, podInfo } from '../testutil'

const plugin = new NodePorts()
const withPorts = (...ports: ContainerPort[]): Partial<PodSpec> => ({ containers: [{ name: 'app', image: 'nginx', ports }] })

function fits(want: ContainerPort[], used: ContainerPort[]): boolean {
  const pod = podInfo(withPorts(...want))
  const state = plugin.preFilter(pod)
  if (state === SKIP) return true
  return plugin.filter(state, pod, nodeInfo('n', {}, [podInfo(withPorts(...used))])) === undefined
}

describe('NodePorts Filter', () => {
  it('is skipped for a pod without host ports', () => {
    expect(plugin.preFilter(podInfo(withPorts({ containerPort: 80 })))).toBe(SKIP)
  })
  it.each<[string, ContainerPort[], ContainerPort[], boolean]>([
    ['the same hostPort and protocol conflict', [{ containerPort: 80, hostPort: 8080 }], [{ containerPort: 80, hostPort: 8080 }], false],
    ['another port is free', [{ containerPort: 80, hostPort: 8081 }], [{ containerPort: 80, hostPort: 8080 }], true],
    ['UDP and TCP on one port do not conflict', [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }], [{ containerPort: 53, hostPort: 53 }], true],
    ['two specific host IPs do not conflict', [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }], [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.2' }], true],
    ['0.0.0.0 overlaps every host IP', [{ containerPort: 80, hostPort: 80 }], [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.2' }], false],
  ])('%s', (_name, want, used, ok) => {
    expect(fits(want, used)).toBe(ok)
  })
  it("words the reason as kube does and lets preemption try (Unschedulable)", () => {
    const pod = podInfo(withPorts({ containerPort: 80, hostPort: 80 }))
    const status = plugin.filter(plugin.preFilter(pod) as never, pod, nodeInfo('n', {}, [podInfo(withPorts({ containerPort: 80, hostPort: 80 }))]))
    expect(status).toEqual({ code: 'Unschedulable', reasons: [ERR_REASON] })
    expect(ERR_REASON).toBe("node(s) didn't have free ports for the requested pod ports")
  })
})
