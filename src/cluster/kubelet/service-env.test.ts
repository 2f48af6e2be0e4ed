import { describe, expect, it } from 'vitest'
import type { Service, ServicePort } from 'kubernetes-types/core/v1'
import { serviceLinkEnv } from './service-env'

const svc = (namespace: string, name: string, clusterIP: string, ports: ServicePort[]): Service =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { clusterIP, ports } })

const KUBERNETES = svc('default', 'kubernetes', '10.96.0.1', [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }])

describe('serviceLinkEnv', () => {
  it('gives the master service the variables a kind cluster shows (kube: envvars.FromServices)', () => {
    expect(serviceLinkEnv([KUBERNETES], 'default')).toEqual({
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      KUBERNETES_SERVICE_PORT_HTTPS: '443',
      KUBERNETES_PORT: 'tcp://10.96.0.1:443',
      KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
      KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
      KUBERNETES_PORT_443_TCP_PORT: '443',
      KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
    })
  })

  it('links the services of the pod namespace, with `-` as `_` and one set per port', () => {
    const s = svc('shop', 'redis-leader', '10.96.4.7', [{ port: 6379 }, { name: 'metrics', port: 9121, protocol: 'UDP' }])
    const env = serviceLinkEnv([KUBERNETES, s], 'shop')
    expect(env).toMatchObject({
      REDIS_LEADER_SERVICE_HOST: '10.96.4.7',
      REDIS_LEADER_SERVICE_PORT: '6379',
      REDIS_LEADER_SERVICE_PORT_METRICS: '9121',
      REDIS_LEADER_PORT: 'tcp://10.96.4.7:6379',
      REDIS_LEADER_PORT_6379_TCP_PROTO: 'tcp',
      REDIS_LEADER_PORT_9121_UDP: 'udp://10.96.4.7:9121',
      REDIS_LEADER_PORT_9121_UDP_PROTO: 'udp',
      REDIS_LEADER_PORT_9121_UDP_ADDR: '10.96.4.7',
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
    })
    expect(Object.keys(env).filter((k) => k.startsWith('REDIS_LEADER_PORT_6379'))).toHaveLength(4)
  })

  it('ignores services of other namespaces, headless services and those without a cluster IP', () => {
    const env = serviceLinkEnv([
      svc('other', 'web', '10.96.1.1', [{ port: 80 }]),
      svc('shop', 'headless', 'None', [{ port: 80 }]),
      svc('shop', 'pending', '', [{ port: 80 }]),
    ], 'shop')
    expect(env).toEqual({})
  })

  it('keeps only the master service when enableServiceLinks is false', () => {
    const env = serviceLinkEnv([KUBERNETES, svc('shop', 'web', '10.96.1.1', [{ port: 80 }])], 'shop', false)
    expect(Object.keys(env).some((k) => k.startsWith('WEB_'))).toBe(false)
    expect(env.KUBERNETES_PORT).toBe('tcp://10.96.0.1:443')
  })

  it('brackets an IPv6 cluster IP in the URLs (kube: net.JoinHostPort)', () => {
    expect(serviceLinkEnv([svc('a', 'v6', 'fd00::1', [{ port: 80 }])], 'a').V6_PORT).toBe('tcp://[fd00::1]:80')
  })
})
