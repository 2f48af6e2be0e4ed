// Step 5 of the walking skeleton: the basic kubectl commands print kubectl's own columns and formats.
import { describe, expect, it } from 'vitest'
import { NGINX, run } from './run'

const header = (out: string) => out.split('\n')[0].trim().split(/\s{2,}/)

describe('kubectl basics against a running Deployment', () => {
  const r = run(`kubectl apply -f ${NGINX}\nsleep 45`)
  const get = (line: string) => {
    const out = r.more(line)
    expect(out.stderr).toBe('')
    return out.stdout
  }

  it.each([
    ['kubectl get pods', ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']],
    ['kubectl get pods -o wide', ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']],
    ['kubectl get nodes', ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']],
    ['kubectl get nodes -o wide', ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']],
    ['kubectl get deployments', ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']],
    ['kubectl get replicasets', ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']],
    ['kubectl get services', ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']],
    ['kubectl get events', ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']],
    ['kubectl get namespaces', ['NAME', 'STATUS', 'AGE']],
    ['kubectl get pods -A', ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']],
  ])('%s prints kubectl\'s columns', (line, columns) => {
    expect(header(get(line))).toEqual(columns)
  })

  it('READY and AGE use kubectl\'s forms', () => {
    expect(get('kubectl get deploy')).toMatch(/\nnginx-deployment\s+3\/3\s+3\s+3\s+45s\n$/)
    expect(get('kubectl get pods')).toMatch(/\s1\/1\s+Running\s+0\s+45s\n/)
  })

  it('-l, -n and -A select as kubectl does', () => {
    expect(get('kubectl get pods -l app.kubernetes.io/name=nginx').trim().split('\n')).toHaveLength(4)
    const none = r.more('kubectl get pods -l app=none')
    expect(none.stderr).toBe('No resources found in default namespace.\n')
    expect(r.more('kubectl get pods -n kube-system').stderr).toBe('No resources found in kube-system namespace.\n')
    expect(get('kubectl get ns')).toMatch(/^NAME\s+STATUS\s+AGE\ndefault\s+Active\s+\d+s\nkube-node-lease\s+Active/)
  })

  it('get all lists pods, services, deployments and replicasets with type prefixes', () => {
    const out = get('kubectl get all')
    expect(out).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\npod\/nginx-deployment-/)
    expect(out).toContain('\nservice/kubernetes ')
    expect(out).toContain('\ndeployment.apps/nginx-deployment ')
    expect(out).toMatch(/\nreplicaset\.apps\/nginx-deployment-\w+ /)
  })

  it('-o yaml and -o json print the stored object with sorted keys', () => {
    const yaml = get('kubectl get deploy nginx-deployment -o yaml')
    expect(yaml).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n  annotations:\n/)
    expect(yaml).toContain('  replicas: 3\n')
    const json = JSON.parse(get('kubectl get deploy nginx-deployment -o json'))
    expect(json.status.readyReplicas).toBe(3)
    expect(get('kubectl get deploy nginx-deployment -o json')).toMatch(/^\{\n {4}"apiVersion": "apps\/v1",\n {4}"kind": "Deployment",/)
  })

  it.each(['pod', 'node', 'deployment', 'replicaset'])('describe %s prints sections and the Events table last', (kind) => {
    const name = kind === 'node' ? 'node-1' : kind === 'deployment' ? 'nginx-deployment' : ''
    const target = name ? `${kind} ${name}` : `${kind} -l app.kubernetes.io/name=nginx`
    const out = get(`kubectl describe ${target}`)
    expect(out).toMatch(/^Name:\s+/)
    expect(out).toMatch(/\nEvents:/)
  })
})
