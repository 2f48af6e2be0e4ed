/**
 * Golden runs through the whole cluster (createCluster): the docs' nginx Deployment applied, time
 * advanced, and kubectl's views of it. Random name suffixes are matched by pattern.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as clusterModule from '../cluster'
import type { KubectlHost } from './host'
import { runKubectl } from './kubectl'

const createCluster = (clusterModule as unknown as { createCluster?: (o: { seed?: number }) => KubectlHost }).createCluster
const readFile = (p: string) => readFileSync(join(__dirname, 'testdata', p), 'utf8')

describe.skipIf(!createCluster)('kubectl against a running cluster', () => {
  function boot() {
    const cluster = createCluster!({ seed: 1 })
    cluster.clock.advance(5_000)
    const run = (line: string) => runKubectl(cluster, line, { readFile })
    return { cluster, run }
  }

  it('shows the nginx deployment running three pods', () => {
    const { cluster, run } = boot()
    expect(run('kubectl apply -f nginx-deployment.yaml').stdout).toBe('deployment.apps/nginx-deployment created\n')
    cluster.clock.advance(60_000)
    const pods = run('kubectl get pods').stdout.split('\n').filter(Boolean)
    expect(pods[0]).toMatch(/^NAME +READY   STATUS    RESTARTS   AGE$/)
    expect(pods.slice(1)).toHaveLength(3)
    for (const row of pods.slice(1)) expect(row).toMatch(/^nginx-deployment-[a-z0-9]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5} +1\/1 +Running +0 +\d+s$/)
    expect(run('kubectl get deploy').stdout).toMatch(/^NAME +READY   UP-TO-DATE   AVAILABLE   AGE\nnginx-deployment   3\/3     3            3           \d+s\n$/)
  })

  it('describes a pod with kubectl sections in order', () => {
    const { cluster, run } = boot()
    run('kubectl apply -f nginx-deployment.yaml')
    cluster.clock.advance(60_000)
    const text = run('kubectl describe pod nginx-deployment').stdout
    const first = text.split('\n\n\n')[0] || text
    const labels = ['Name:', 'Namespace:', 'Priority:', 'Node:', 'Start Time:', 'Labels:', 'Annotations:', 'Status:', 'IP:', 'IPs:',
      'Controlled By:', 'Containers:', 'Conditions:', 'Volumes:', 'QoS Class:', 'Node-Selectors:', 'Tolerations:', 'Events:']
    let at = -1
    for (const l of labels) {
      const i = first.indexOf('\n' + l) >= 0 ? first.indexOf('\n' + l) : first.indexOf(l)
      expect({ label: l, inOrder: i > at }).toEqual({ label: l, inOrder: true })
      at = i
    }
    expect(first).toMatch(/Tolerations: +node.kubernetes.io\/not-ready:NoExecute op=Exists for 300s\n +node.kubernetes.io\/unreachable:NoExecute op=Exists for 300s\n/)
    expect(first).toMatch(/ {2}Type {4}Reason {5}Age {3}From {15}Message\n {2}---- {4}------/)
  })

  it('lists nodes Ready with the control-plane role, wide', () => {
    const { run } = boot()
    const lines = run('kubectl get nodes -o wide').stdout.split('\n').filter(Boolean)
    expect(lines[0]).toMatch(/^NAME +STATUS   ROLES +AGE   VERSION +INTERNAL-IP   EXTERNAL-IP   OS-IMAGE +KERNEL-VERSION +CONTAINER-RUNTIME$/)
    expect(lines[1]).toMatch(/^control-plane +Ready +control-plane +\d+s +v1\.35/)
    expect(lines.slice(2).every((l) => /^node-\d +Ready +<none> +/.test(l))).toBe(true)
  })
})
