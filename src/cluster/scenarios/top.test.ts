// kubectl top (kubectl v1.35 metricsutil printer) against metrics-server's readings of the kubelets:
// before the first readings, for nodes and pods, and with its flags.
import { describe, expect, it } from 'vitest'
import { rows, run } from './run'

const NGINX_WITH_SIDECAR = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: two
  labels: {app: two}
spec:
  containers:
  - name: web
    image: nginx:1.27
  - name: side
    image: busybox:1.28
    command: ["sh", "-c", "while true; do sleep 1; done"]
EOF`

describe('kubectl top', () => {
  it('says metrics are not available until metrics-server has two readings', () => {
    const r = run('kubectl apply -f controllers/nginx-deployment.yaml')
    expect(r.more('kubectl top nodes').stderr).toBe('error: metrics not available yet\n')
    expect(r.more('kubectl top pods').stderr).toBe('error: metrics not available yet\n')
    expect(r.more('kubectl top pods -n kube-public').stderr).toBe('No resources found in kube-public namespace.\n')
    r.more('sleep 60s')
    expect(r.more('kubectl top pods').stderr).toBe('')
  })

  it('top node: usage and percentages of allocatable, every cell tab-terminated as kubectl prints it', () => {
    const r = run('sleep 30s')
    expect(r.more('kubectl top nodes').stdout).toBe(
      'NAME            CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   \n' +
      'control-plane   150m         3%       620Mi           7%          \n' +
      'node-1          25m          0%       180Mi           2%          \n' +
      'node-2          25m          0%       180Mi           2%          \n' +
      'node-3          25m          0%       180Mi           2%          \n')
    expect(r.more('kubectl top node node-2 --no-headers').stdout).toBe('node-2   25m   0%    180Mi   2%    \n')
    expect(r.more('kubectl top node nope').stderr).toBe('Error from server (NotFound): nodemetrics.metrics.k8s.io "nope" not found\n')
  })

  it('top node: a machine that stopped answering is listed last with unknown usage', () => {
    const r = run('sleep 30s\nnode kill node-1\nsleep 20s')
    const t = rows(r.more('kubectl top nodes').stdout)
    expect(t[t.length - 1]).toEqual(['node-1', '<unknown>', '<unknown>', '<unknown>', '<unknown>'])
  })

  it('top pod: per pod, per container, across namespaces, by label, sorted', () => {
    const r = run(`kubectl apply -f controllers/nginx-deployment.yaml\n${NGINX_WITH_SIDECAR}\nsleep 60s`)
    const pods = rows(r.more('kubectl top pods').stdout)
    expect(pods.map((p) => p[0])).toEqual([...pods.map((p) => p[0])].sort())
    expect(pods).toHaveLength(4)
    for (const [, cpu, mem] of pods) {
      expect(cpu).toMatch(/^\d+m$/)
      expect(mem).toMatch(/^\d+Mi$/)
    }
    expect(rows(r.more('kubectl top pod two --containers').stdout)).toEqual([
      ['two', 'web', expect.stringMatching(/^[01]m$/), expect.stringMatching(/^[3-5]Mi$/)],
      ['two', 'side', expect.stringMatching(/^[5-9]m$/), '1Mi'],
    ])
    expect(r.more('kubectl top pod two --containers').stdout.split('\n')[0]).toBe('POD   NAME   CPU(cores)   MEMORY(bytes)   ')
    expect(rows(r.more('kubectl top pods -l app=two').stdout).map((p) => p[0])).toEqual(['two'])
    expect(rows(r.more('kubectl top pods --sort-by=cpu').stdout)[0][0]).toBe('two')
    const all = r.more('kubectl top pods -A').stdout
    expect(all.split('\n')[0]).toBe('NAMESPACE   NAME                                CPU(cores)   MEMORY(bytes)   ')
    expect(rows(all).every((p) => p[0] === 'default')).toBe(true)
    expect(r.more('kubectl top pod missing').stderr).toBe('Error from server (NotFound): podmetrics.metrics.k8s.io "default/missing" not found\n')
    expect(r.more('kubectl top pods --sort-by=name').stderr).toBe('error: --sort-by accepts only cpu or memory\n')
  })
})
