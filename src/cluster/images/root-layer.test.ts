import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1'
import { imageOs, notFound, ships } from './image-os'
import { hostsFile, resolvConf, RootLayer } from './root-layer'

const pod = (spec: Partial<Pod['spec']> = {}, name = 'web-0', namespace = 'default'): Pod =>
  ({ metadata: { name, namespace }, spec: { containers: [{ name: 'c' }], ...spec } }) as Pod

describe('image families', () => {
  it('busybox, Alpine (and -alpine tags, curl, bash), Ubuntu, and Debian for official server images', () => {
    expect(['busybox:1.28', 'registry.k8s.io/busybox', 'alpine:3.22', 'nginx:1.27-alpine', 'curlimages/curl', 'bash:5', 'ubuntu', 'nginx:1.14.2', 'redis', 'some/unknown:1']
      .map((i) => imageOs(i).family)).toEqual(['busybox', 'busybox', 'alpine', 'alpine', 'alpine', 'alpine', 'ubuntu', 'debian', 'debian', 'debian'])
  })

  it("nginx's numbered tags follow the Debian release of their time; a tag naming one wins", () => {
    expect(['nginx:1.14.2', 'nginx:1.16.1', 'nginx:1.21', 'nginx:1.27', 'nginx:1.29', 'nginx:latest', 'nginx:1.29-bookworm'].map((i) => imageOs(i).codename))
      .toEqual(['stretch', 'buster', 'bullseye', 'bookworm', 'trixie', 'trixie', 'bookworm'])
  })

  it('procps is in busybox, Alpine, Ubuntu and perl, not in Debian-slim based images', () => {
    expect(['busybox', 'alpine', 'ubuntu', 'perl:5.34.0', 'nginx', 'postgres:16', 'debian'].map((i) => ships(imageOs(i), 'ps'))).toEqual([true, true, true, true, false, false, false])
  })

  it("each shell's `not found`", () => {
    expect(notFound(imageOs('busybox'), 'sh', 'x')).toBe('sh: x: not found')
    expect(notFound(imageOs('nginx'), 'sh', 'x')).toBe('sh: 1: x: not found')
    expect(notFound(imageOs('ubuntu'), 'bash', 'x')).toBe('bash: line 1: x: command not found')
  })
})

describe('kubelet-managed files', () => {
  it('/etc/hosts: the FQDN for a pod with a subdomain, and the HostAliases section (kube docs: hostaliases-pod)', () => {
    const p = pod({ subdomain: 'nginx', hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }, { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] }] })
    expect(hostsFile(p, '10.244.1.5').split('\n').slice(7)).toEqual([
      '10.244.1.5\tweb-0.nginx.default.svc.cluster.local\tweb-0', '', '# Entries added by HostAliases.',
      '127.0.0.1\tfoo.local\tbar.local', '10.1.2.3\tfoo.remote\tbar.remote', '',
    ])
  })

  it('/etc/resolv.conf: ClusterFirst search path of the namespace; dnsPolicy None with dnsConfig (kube docs: dns-example)', () => {
    expect(resolvConf(pod({}, 'x', 'prod'))).toBe('search prod.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n')
    const none = pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['192.0.2.1'], searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } })
    expect(resolvConf(none)).toBe('search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 192.0.2.1\noptions ndots:2 edns0\n')
  })
})

describe('RootLayer', () => {
  const layer = (image: string, container = { name: 'c' }) => new RootLayer({ image, container, pod: () => pod(), podIP: () => '10.244.1.5', now: Date.UTC(2026, 0, 1) })

  it('follows merged-/usr links: /bin/ls of a Debian image is /usr/bin/ls', () => {
    const l = layer('nginx:1.27')
    expect(l.resolve('/bin/ls')).toBe('/usr/bin/ls')
    expect(l.read('/etc/os-release')).toContain('bookworm')
    expect(l.stat('/bin')).toMatchObject({ type: 'link', target: 'usr/bin' })
  })

  it("PID 1 is the image's default command when the pod gives none; the pod's command otherwise", () => {
    expect(layer('redis').processes()[0]).toMatchObject({ pid: 1, user: 'redis', args: 'redis-server *:6379' })
    expect(layer('busybox', { name: 'c', command: ['sh', '-c'], args: ['sleep 10'] } as never).processes()[0].args).toBe('sh -c sleep 10')
    expect(layer('httpd').workingDir).toBe('/usr/local/apache2')
  })

  it('new processes take increasing PIDs after the container\'s own', () => {
    const l = layer('busybox')
    expect([l.spawn(), l.spawn()]).toEqual([7, 8])
  })
})
