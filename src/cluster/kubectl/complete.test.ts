import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster'
import { complete } from './complete'
import { KubeConfig } from './kubeconfig'
import { runKubectl } from './kubectl'

function setup() {
  const cluster = createCluster({ seed: 1 })
  const run = (line: string) => runKubectl(cluster, line, { waitForDeletion: false })
  run('kubectl create deployment nginx --image=nginx --replicas=2')
  run('kubectl create deployment redis --image=redis')
  run('kubectl create namespace dev')
  run('kubectl create deployment api -n dev --image=nginx')
  cluster.clock.settle()
  cluster.clock.advance(5000)
  const at = (line: string, opts = {}) => complete(cluster, line, line.length, opts).candidates
  return { cluster, at, run }
}

describe('complete', () => {
  it('completes the word kubectl at the start of a line', () => {
    const { at } = setup()
    expect(at('kub')).toEqual(['kubectl'])
    expect(at('ls ')).toEqual([])
  })

  it('completes command names, with or without the k alias', () => {
    const { at } = setup()
    expect(at('kubectl ge')).toEqual(['get'])
    expect(at('k rol')).toEqual(['rollout'])
    expect(at('kubectl de')).toEqual(expect.arrayContaining(['delete', 'describe']))
  })

  it('completes subcommands of rollout, create, config and create service', () => {
    const { at } = setup()
    expect(at('kubectl rollout st')).toEqual(['status'])
    expect(at('kubectl rollout ')).toEqual(['history', 'pause', 'restart', 'resume', 'status', 'undo'])
    expect(at('kubectl create dep')).toEqual(['deployment'])
    expect(at('kubectl config use')).toEqual(['use-context'])
    expect(at('kubectl create service n')).toEqual(['nodeport'])
  })

  it('completes a short name or singular typed in full to its plural, and prefixes to plurals', () => {
    const { at } = setup()
    expect(at('kubectl get po')).toEqual(['pods'])
    expect(at('kubectl get deploy')).toEqual(['deployments'])
    expect(at('kubectl get svc')).toEqual(['services'])
    expect(at('kubectl describe no')).toEqual(['nodes'])
    expect(at('kubectl get replicas')).toEqual(['replicasets'])
    expect(at('kubectl get p').length).toBeGreaterThan(1)
  })

  it('offers only the types a command accepts (scale, rollout)', () => {
    const { at } = setup()
    expect(at('kubectl scale ')).toEqual(['deployments', 'replicasets', 'replicationcontrollers', 'statefulsets'])
    expect(at('kubectl rollout status ')).toEqual(['daemonsets', 'deployments', 'statefulsets'])
  })

  it('completes object names of the type typed in the current namespace', () => {
    const { at } = setup()
    expect(at('kubectl get deploy ')).toEqual(['nginx', 'redis'])
    expect(at('kubectl get pod ng').every((n) => n.startsWith('nginx-'))).toBe(true)
    expect(at('kubectl get pod ng')).toHaveLength(2)
    expect(at('kubectl get nodes node-')).toEqual(['node-1', 'node-2', 'node-3'])
  })

  it('completes TYPE/NAME after the slash', () => {
    const { cluster } = setup()
    const line = 'kubectl describe deploy/'
    expect(complete(cluster, line, line.length)).toEqual({ replaceFrom: line.length, candidates: ['nginx', 'redis'] })
    expect(complete(cluster, 'kubectl rollout status deployment/r', 35).candidates).toEqual(['redis'])
  })

  it('uses -n, --namespace=, -A and the kubeconfig namespace for names', () => {
    const { at } = setup()
    expect(at('kubectl get deploy -n dev ')).toEqual(['api'])
    expect(at('kubectl -n dev get deploy ')).toEqual(['api'])
    expect(at('kubectl get deploy --namespace=dev ')).toEqual(['api'])
    expect(at('kubectl get deploy -A ')).toEqual(['api', 'nginx', 'redis'])
    expect(at('kubectl get deploy ', { kubeconfig: new KubeConfig('dev') })).toEqual(['api'])
  })

  it('completes pods for logs and exec, nodes for cordon and drain, contexts for use-context', () => {
    const { at } = setup()
    expect(at('kubectl logs ')).toHaveLength(3)
    expect(at('kubectl exec red')).toHaveLength(1)
    expect(at('kubectl logs deploy/')).toEqual(['nginx', 'redis'])
    expect(at('kubectl cordon node-')).toEqual(['node-1', 'node-2', 'node-3'])
    expect(at('kubectl drain c')).toEqual(['control-plane'])
    expect(at('kubectl config use-context ', { kubeconfig: new KubeConfig() })).toEqual(['kind-terrarium'])
  })

  it('completes flags of the command and values of -n and -o', () => {
    const { cluster, at } = setup()
    expect(at('kubectl get pods --show-l')).toEqual(['--show-labels'])
    expect(at('kubectl get pods --all-')).toEqual(['--all-namespaces'])
    expect(at('kubectl logs --fol')).toEqual(['--follow'])
    expect(at('kubectl get pods -n ')).toEqual(['default', 'dev', 'kube-node-lease', 'kube-public', 'kube-system'])
    expect(at('kubectl get pods -n kube-s')).toEqual(['kube-system'])
    expect(at('kubectl get pods -o ya')).toEqual(['yaml'])
    const line = 'kubectl get pods --output=js'
    expect(complete(cluster, line, line.length)).toEqual({ replaceFrom: line.indexOf('=') + 1, candidates: ['json', 'jsonpath-as-json=', 'jsonpath-file=', 'jsonpath='] })
  })

  it('completes the word under the cursor, not the end of the line', () => {
    const { cluster } = setup()
    const line = 'kubectl ge pods'
    expect(complete(cluster, line, 10)).toEqual({ replaceFrom: 8, candidates: ['get'] })
  })
})
