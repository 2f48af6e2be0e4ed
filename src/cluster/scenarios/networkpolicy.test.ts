// NetworkPolicy (networking.k8s.io/v1, kube v1.35): defaulting, validation and kubectl's views, with
// the docs' manifests (concepts/services-networking/network-policies). Enforcement is network/policy.ts.
import { describe, expect, it } from 'vitest'
import type { NetworkPolicy } from 'kubernetes-types/networking/v1'
import { run } from './run'

const apply = (yaml: string) => `kubectl apply -f - <<EOF\n${yaml.trim()}\nEOF`
const policy = (spec: string, name = 'np') => apply(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}}\nspec:\n${spec}`)

describe('the docs NetworkPolicies', () => {
  it('apply unchanged, and kubectl get lists them by pod selector', () => {
    const r = run('kubectl apply -f service/networking/networkpolicy.yaml\nkubectl apply -f service/networking/network-policy-default-deny-ingress.yaml\nsleep 5')
    expect(r.stdout).toBe('networkpolicy.networking.k8s.io/test-network-policy created\nnetworkpolicy.networking.k8s.io/default-deny-ingress created\n')
    expect(r.stderr).toBe('')
    expect(r.more('kubectl get netpol').stdout).toBe('NAME                   POD-SELECTOR   AGE\ndefault-deny-ingress   <none>         5s\ntest-network-policy    role=db        5s\n')
    expect(r.more('kubectl get networkpolicies.networking.k8s.io -A').stdout).toContain('default     test-network-policy    role=db        5s\n')
  })

  it('describe prints the spec as kubectl does', () => {
    const r = run('kubectl apply -f service/networking/networkpolicy.yaml')
    expect(r.more('kubectl describe networkpolicy test-network-policy').stdout).toBe([
      'Name:         test-network-policy',
      'Namespace:    default',
      'Created on:   2026-01-01 09:00:00 +0000 UTC',
      'Labels:       <none>',
      'Annotations:  <none>',
      'Spec:',
      '  PodSelector:     role=db',
      '  Allowing ingress traffic:',
      '    To Port: 6379/TCP',
      '    From:',
      '      IPBlock:',
      '        CIDR: 172.17.0.0/16',
      '        Except: 172.17.1.0/24',
      '    From:',
      '      NamespaceSelector: project=myproject',
      '    From:',
      '      PodSelector: role=frontend',
      '  Allowing egress traffic:',
      '    To Port: 5978/TCP',
      '    To:',
      '      IPBlock:',
      '        CIDR: 10.0.0.0/24',
      '        Except: ',
      '  Policy Types: Ingress, Egress',
      '',
    ].join('\n'))
  })

  it('default-deny-ingress: every pod isolated for ingress, egress untouched', () => {
    const r = run('kubectl apply -f service/networking/network-policy-default-deny-ingress.yaml')
    expect(r.more('kubectl describe netpol default-deny-ingress').stdout).toBe([
      'Name:         default-deny-ingress',
      'Namespace:    default',
      'Created on:   2026-01-01 09:00:00 +0000 UTC',
      'Labels:       <none>',
      'Annotations:  <none>',
      'Spec:',
      '  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)',
      '  Allowing ingress traffic:',
      '    <none> (Selected pods are isolated for ingress connectivity)',
      '  Not affecting egress traffic',
      '  Policy Types: Ingress',
      '',
    ].join('\n'))
  })
})

describe('NetworkPolicy defaulting (kube: SetDefaults_NetworkPolicy, SetDefaults_NetworkPolicyPort)', () => {
  it('policyTypes is Ingress, plus Egress when there are egress rules; ports default to TCP', () => {
    const r = run(`${policy('  podSelector: {matchLabels: {app: a}}\n  ingress: [{ports: [{port: 80}]}]', 'ingress-only')}
${policy('  podSelector: {}\n  egress: [{ports: [{port: 53, protocol: UDP}, {port: dns}]}]', 'with-egress')}
${policy('  podSelector: {}\n  policyTypes: [Egress]', 'egress-deny')}`)
    expect(r.stderr).toBe('')
    const get = (n: string) => r.cluster.api.get<NetworkPolicy>('NetworkPolicy', 'default', n)
    expect(get('ingress-only').spec).toEqual({ podSelector: { matchLabels: { app: 'a' } }, ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }], policyTypes: ['Ingress'] })
    expect(get('with-egress').spec!.policyTypes).toEqual(['Ingress', 'Egress'])
    expect(get('with-egress').spec!.egress![0].ports).toEqual([{ port: 53, protocol: 'UDP' }, { port: 'dns', protocol: 'TCP' }])
    expect(get('egress-deny').spec!.policyTypes).toEqual(['Egress'])
    expect(get('egress-deny').metadata!.generation).toBe(1)
    const out = r.more('kubectl describe netpol egress-deny ingress-only').stdout
    expect(out).toContain('  Not affecting ingress traffic\n  Allowing egress traffic:\n    <none> (Selected pods are isolated for egress connectivity)\n  Policy Types: Egress\n')
    expect(out).toContain('  Allowing ingress traffic:\n    To Port: 80/TCP\n    From: <any> (traffic not restricted by source)\n')
  })
})

describe('NetworkPolicy validation (kube: pkg/apis/networking/validation)', () => {
  it.each([
    ['an except outside its cidr',
      '  podSelector: {}\n  ingress: [{from: [{ipBlock: {cidr: 172.17.0.0/16, except: [10.0.0.0/24]}}]}]',
      'spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.0.0.0/24": must be a strict subset of `cidr`'],
    ['a cidr that is not one',
      '  podSelector: {}\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/33}}]}]',
      'spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'],
    ['ipBlock with another peer',
      '  podSelector: {}\n  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]',
      'spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer'],
    ['an empty peer',
      '  podSelector: {}\n  ingress: [{from: [{}]}]',
      'spec.ingress[0].from[0]: Required value: must specify a peer'],
    ['endPort below port',
      '  podSelector: {}\n  ingress: [{ports: [{port: 32000, endPort: 31000}]}]',
      'spec.ingress[0].ports[0].endPort: Invalid value: 31000: must be greater than or equal to `port`'],
    ['endPort with a named port',
      '  podSelector: {}\n  ingress: [{ports: [{port: http, endPort: 90}]}]',
      'spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric'],
    ['an unknown protocol',
      '  podSelector: {}\n  ingress: [{ports: [{port: 80, protocol: ICMP}]}]',
      'spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"'],
    ['an unknown policy type',
      '  podSelector: {}\n  policyTypes: [Inbound]',
      'spec.policyTypes[0]: Unsupported value: "Inbound": supported values: "Ingress", "Egress"'],
  ])('%s', (_name, spec, message) => {
    expect(run(policy(spec, 'bad')).stderr).toBe(`The NetworkPolicy "bad" is invalid: ${message}\n`)
  })
})
