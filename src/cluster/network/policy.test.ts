import { describe, expect, it } from 'vitest'
import type { Namespace, Pod } from 'kubernetes-types/core/v1'
import type { NetworkPolicy } from 'kubernetes-types/networking/v1'
import { cidrContains, evaluateNetworkPolicies, policyTypes, type PolicyQuery } from './policy'

function pod(name: string, labels: Record<string, string>, ip: string, namespace = 'default', ports: { name: string; containerPort: number }[] = []): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'c', image: 'nginx', ports }] }, status: { podIP: ip },
  }
}
const ns = (name: string, labels: Record<string, string> = {}): Namespace =>
  ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } })
const NAMESPACES = [ns('default'), ns('myproject', { project: 'myproject' }), ns('other')]
const namespaceOf = (n: string) => NAMESPACES.find((x) => x.metadata!.name === n)

// docs (concepts/services-networking/network-policies): networkpolicy.yaml
const TEST_POLICY: NetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'test-network-policy', namespace: 'default' },
  spec: {
    podSelector: { matchLabels: { role: 'db' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [{
      from: [
        { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
        { namespaceSelector: { matchLabels: { project: 'myproject' } } },
        { podSelector: { matchLabels: { role: 'frontend' } } },
      ],
      ports: [{ protocol: 'TCP', port: 6379 }],
    }],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
  },
}
// docs: network-policy-default-deny-ingress.yaml
const DENY_INGRESS: NetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny-ingress', namespace: 'default' },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
}

const DB = pod('db', { role: 'db' }, '10.244.1.5', 'default', [{ name: 'redis', containerPort: 6379 }])
const FRONTEND = pod('frontend', { role: 'frontend' }, '10.244.2.7')
const STRANGER = pod('stranger', { role: 'other' }, '10.244.3.9')
const IN_PROJECT = pod('p', { app: 'x' }, '10.244.3.10', 'myproject')
const IN_OTHER_NS = pod('frontend', { role: 'frontend' }, '10.244.3.11', 'other')

const ask = (policies: NetworkPolicy[], source: PolicyQuery['source'], dest: Pod, port: number, protocol: 'TCP' | 'UDP' = 'TCP') =>
  evaluateNetworkPolicies({ policies, namespaceOf, source, destination: { pod: dest, port, protocol } })
const from = (p: Pod) => ({ pod: p, ip: p.status!.podIP! })

describe('evaluateNetworkPolicies with the docs test-network-policy (ingress to role=db)', () => {
  it.each([
    ['a role=frontend pod of the same namespace on 6379', from(FRONTEND), 6379, true],
    ['a role=frontend pod on another port', from(FRONTEND), 80, false],
    ['a pod of a namespace labelled project=myproject', from(IN_PROJECT), 6379, true],
    ['a role=frontend pod of another namespace (podSelector is namespace-local)', from(IN_OTHER_NS), 6379, false],
    ['a pod matching no peer', from(STRANGER), 6379, false],
    ['an outside address inside 172.17.0.0/16', { ip: '172.17.5.4' }, 6379, true],
    ['an outside address in the except 172.17.1.0/24', { ip: '172.17.1.4' }, 6379, false],
    ['an outside address elsewhere', { ip: '8.8.8.8' }, 6379, false],
  ])('%s → allowed %s', (_name, source, port, allowed) => {
    const denied = { allowed: false, deniedBy: { namespace: 'default', name: 'test-network-policy', direction: 'ingress' } }
    expect(ask([TEST_POLICY], source, DB, port)).toEqual(allowed ? { allowed: true } : denied)
  })

  it('leaves pods it does not select open', () => {
    expect(ask([TEST_POLICY], from(STRANGER), FRONTEND, 80)).toEqual({ allowed: true })
  })

  it('isolates role=db for egress: only TCP 5978 to 10.0.0.0/24', () => {
    const inRange = pod('svc', {}, '10.0.0.7')
    expect(ask([TEST_POLICY], from(DB), inRange, 5978).allowed).toBe(true)
    expect(ask([TEST_POLICY], from(DB), inRange, 80).allowed).toBe(false)
    expect(ask([TEST_POLICY], from(DB), FRONTEND, 5978)).toEqual({
      allowed: false, deniedBy: { namespace: 'default', name: 'test-network-policy', direction: 'egress' },
    })
  })
})

describe('evaluateNetworkPolicies: default deny and unions', () => {
  it('default-deny-ingress closes every pod of its namespace, and only that namespace', () => {
    expect(ask([DENY_INGRESS], from(FRONTEND), STRANGER, 80)).toEqual({
      allowed: false, deniedBy: { namespace: 'default', name: 'default-deny-ingress', direction: 'ingress' },
    })
    expect(ask([DENY_INGRESS], from(FRONTEND), IN_OTHER_NS, 80).allowed).toBe(true)
    // egress is not affected: a pod of default may still reach out
    expect(ask([DENY_INGRESS], from(STRANGER), IN_OTHER_NS, 80).allowed).toBe(true)
  })
  it('policies add up: the deny plus an allow lets the allowed traffic in; deniedBy names the first policy by name', () => {
    expect(ask([TEST_POLICY, DENY_INGRESS], from(FRONTEND), DB, 6379).allowed).toBe(true)
    expect(ask([TEST_POLICY, DENY_INGRESS], from(STRANGER), DB, 6379).deniedBy?.name).toBe('default-deny-ingress')
  })
  it('a named port resolves on the destination pod, and endPort makes a range', () => {
    const named: NetworkPolicy = { ...DENY_INGRESS, metadata: { name: 'named', namespace: 'default' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 'redis' }] }] } }
    expect(ask([named], from(FRONTEND), DB, 6379).allowed).toBe(true)
    expect(ask([named], from(FRONTEND), DB, 6380).allowed).toBe(false)
    expect(ask([named], from(FRONTEND), DB, 6379, 'UDP').allowed).toBe(false)
    const range: NetworkPolicy = { ...named, spec: { podSelector: {}, ingress: [{ ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }] }] } }
    expect(ask([range], from(FRONTEND), DB, 32500).allowed).toBe(true)
    expect(ask([range], from(FRONTEND), DB, 32769).allowed).toBe(false)
  })
  it('namespaceSelector with podSelector in one peer means both (AND)', () => {
    const and: NetworkPolicy = { ...DENY_INGRESS, metadata: { name: 'and', namespace: 'default' }, spec: { podSelector: {}, ingress: [{ from: [{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } }, podSelector: { matchLabels: { role: 'frontend' } },
    }] }] } }
    expect(ask([and], from(IN_OTHER_NS), DB, 1).allowed).toBe(true)
    expect(ask([and], from(FRONTEND), DB, 1).allowed).toBe(false)
    expect(ask([and], from(IN_PROJECT), DB, 1).allowed).toBe(false)
  })
  it('an empty rule allows everything; egress must allow as well as ingress', () => {
    const allowAll: NetworkPolicy = { ...DENY_INGRESS, metadata: { name: 'allow-all', namespace: 'default' }, spec: { podSelector: {}, ingress: [{}] } }
    expect(ask([allowAll], { ip: '1.2.3.4' }, DB, 9).allowed).toBe(true)
    const denyEgress: NetworkPolicy = { ...DENY_INGRESS, metadata: { name: 'deny-egress', namespace: 'other' }, spec: { podSelector: {}, policyTypes: ['Egress'] } }
    expect(ask([allowAll, denyEgress], from(IN_OTHER_NS), DB, 9).deniedBy).toEqual({ namespace: 'other', name: 'deny-egress', direction: 'egress' })
  })
})

describe('helpers', () => {
  it('policyTypes defaults as the API server does', () => {
    expect(policyTypes({ spec: { podSelector: {} } })).toEqual(['Ingress'])
    expect(policyTypes({ spec: { podSelector: {}, egress: [{}] } })).toEqual(['Ingress', 'Egress'])
  })
  it('cidrContains', () => {
    expect(cidrContains('172.17.0.0/16', '172.17.255.1')).toBe(true)
    expect(cidrContains('172.17.0.0/16', '172.18.0.1')).toBe(false)
    expect(cidrContains('0.0.0.0/0', '8.8.8.8')).toBe(true)
    expect(cidrContains('10.0.0.5/32', '10.0.0.5')).toBe(true)
  })
})
