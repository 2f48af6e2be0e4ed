// Cluster DNS as CoreDNS's kubernetes plugin answers it (kube: concepts/services-networking/dns-pod-service,
// tasks/administer-cluster/dns-debugging-resolution), seen through busybox 1.28's nslookup and wget in pods.
import { describe, expect, it } from 'vitest'
import type { Pod, Service } from 'kubernetes-types/core/v1'
import { run } from './run'

const BUSYBOX = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: busybox, namespace: default}
spec:
  containers:
  - name: busybox
    image: busybox:1.28
    command: [sleep, "3600"]
EOF`

const HEADER = 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n'
const podIP = (r: ReturnType<typeof run>, name: string) => r.cluster.api.get<Pod>('Pod', 'default', name).status!.podIP!

describe('cluster DNS from a pod (resolv.conf: search <ns>.svc.cluster.local svc.cluster.local cluster.local, ndots:5)', () => {
  it('dns-debugging-resolution: `nslookup kubernetes.default` prints kube-dns as Server and 10.96.0.1', () => {
    const r = run(`${BUSYBOX}\nsleep 20\nkubectl exec -i -t busybox -- nslookup kubernetes.default`)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain(`${HEADER}Name:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n`)
  })

  it('a Service resolves by its short name, `svc.ns`, `svc.ns.svc` and the FQDN; an unknown name is `can\'t resolve`', () => {
    const r = run(`${BUSYBOX}\nkubectl apply -f application/php-apache.yaml\nsleep 20`)
    const ip = r.cluster.api.get<Service>('Service', 'default', 'php-apache').spec!.clusterIP!
    for (const name of ['php-apache', 'php-apache.default', 'php-apache.default.svc', 'php-apache.default.svc.cluster.local']) {
      const out = r.more(`kubectl exec busybox -- nslookup ${name}`)
      expect(out.stdout).toBe(`${HEADER}Name:      ${name}\nAddress 1: ${ip} php-apache.default.svc.cluster.local\n`)
    }
    const miss = r.more('kubectl exec busybox -- nslookup php-apach')
    expect(miss.stdout).toBe(HEADER)
    expect(miss.stderr).toBe("nslookup: can't resolve 'php-apach'\ncommand terminated with exit code 1\n")
  })

  it("short names resolve only within the pod's own namespace (the search path starts with <ns>.svc.cluster.local)", () => {
    const r = run('kubectl create namespace other\nkubectl apply -f application/php-apache.yaml\nkubectl run bb -n other --image=busybox:1.28 -- sleep 3600\nsleep 20')
    expect(r.more('kubectl exec -n other bb -- nslookup php-apache').stderr).toContain("nslookup: can't resolve 'php-apache'")
    expect(r.more('kubectl exec -n other bb -- nslookup php-apache.default').stdout).toContain('php-apache.default.svc.cluster.local')
  })

  it('StatefulSet web (headless `nginx`): the Service name lists every ready pod; web-0.nginx names one pod', () => {
    const r = run(`${BUSYBOX}\nkubectl apply -f application/web/web.yaml\nsleep 60`)
    const web0 = podIP(r, 'web-0')
    const web1 = podIP(r, 'web-1')
    const one = r.more('kubectl exec busybox -- nslookup web-0.nginx')
    expect(one.stdout).toBe(`${HEADER}Name:      web-0.nginx\nAddress 1: ${web0} web-0.nginx.default.svc.cluster.local\n`)
    const all = r.more('kubectl exec busybox -- nslookup nginx').stdout
    expect(all.startsWith(`${HEADER}Name:      nginx\n`)).toBe(true)
    const answers = all.split('\n').filter((l) => l.startsWith('Address ')).slice(1)
    expect(answers.map((l) => l.slice(0, 10))).toEqual(['Address 1:', 'Address 2:'])
    expect(answers.map((l) => l.slice(11)).sort()).toEqual([
      `${web0} web-0.nginx.default.svc.cluster.local`, `${web1} web-1.nginx.default.svc.cluster.local`,
    ].sort())
    expect(r.cluster.network.dns.lookup('web-1.nginx.default.svc.cluster.local', 'default')?.addresses.map((a) => a.ip)).toEqual([web1])
  })

  it('ExternalName: the name is a CNAME to spec.externalName (kube: no proxying, DNS only)', () => {
    const r = run(`${BUSYBOX}
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata: {name: cern}
spec: {type: ExternalName, externalName: info.cern.ch}
EOF
sleep 20`)
    const a = r.cluster.network.dns.lookup('cern', 'default')!
    expect(a).toMatchObject({ name: 'cern.default.svc.cluster.local', cname: 'info.cern.ch', addresses: [{ ip: '188.184.67.127' }] })
    const w = r.more('kubectl exec busybox -- wget -q -O- http://cern')
    expect(w.stdout).toContain('home of the first website')
  })

  it('pod A records: a-b-c-d.<ns>.pod.cluster.local → a.b.c.d (CoreDNS `pods insecure`); nodes and laptops do not resolve cluster names', () => {
    const r = run(`${BUSYBOX}\nsleep 20`)
    const ip = podIP(r, 'busybox')
    expect(r.cluster.network.dns.resolve(`${ip.replace(/\./g, '-')}.default.pod.cluster.local`, 'default')).toBe(ip)
    expect(r.cluster.network.dns.resolve('kubernetes.default.svc.cluster.local')).toBeUndefined()
    expect(r.cluster.network.request({ node: 'node-1' }, 'http://kubernetes.default').error).toBe('could not resolve host')
  })
})
