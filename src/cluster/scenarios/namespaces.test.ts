/**
 * Namespaces (kube docs: admin/namespaces-walkthrough): create them from the docs' manifests, work
 * in one through the kubeconfig's current context, and delete one with its content.
 */
import { describe, expect, it } from 'vitest'
import type { Namespace } from 'kubernetes-types/core/v1'
import { rows, run } from './run'

const DEV = `kubectl apply -f admin/namespace-dev.yaml
kubectl apply -f admin/namespace-prod.yaml
`

describe('namespaces', () => {
  it('the docs walkthrough: both namespaces are created Active with their name label (kube: kubernetes.io/metadata.name)', () => {
    const r = run(`${DEV}kubectl get ns --show-labels`)
    expect(r.stdout).toContain('namespace/development created\nnamespace/production created\n')
    const byName = Object.fromEntries(rows(r.stdout.split('\n').slice(2).join('\n')).map((x) => [x[0], x]))
    expect(byName.development[1]).toBe('Active')
    expect(byName.production[3]).toBe('kubernetes.io/metadata.name=production,name=production')
  })

  it('kubectl config set-context --current --namespace makes later commands without -n use it', () => {
    const r = run(`${DEV}kubectl config set-context --current --namespace=development
kubectl config current-context
kubectl config get-contexts
kubectl get pods
kubectl apply -f controllers/nginx-deployment.yaml
sleep 20
kubectl get deploy
kubectl get pods -n production`)
    expect(r.stdout).toContain('Context "kind-terrarium" modified.\nkind-terrarium\n')
    expect(r.stdout).toContain(
      'CURRENT   NAME             CLUSTER          AUTHINFO         NAMESPACE\n' +
      '*         kind-terrarium   kind-terrarium   kind-terrarium   development\n')
    expect(r.stderr).toContain('No resources found in development namespace.\nNo resources found in production namespace.\n')
    expect(r.stdout).toMatch(/nginx-deployment\s+3\/3\s+3\s+3\s+20s/)
    expect(r.cluster.api.list('Pod', { namespace: 'development' })).toHaveLength(3)
    expect(r.cluster.api.list('Deployment', { namespace: 'default' })).toHaveLength(0)
    const view = r.more('kubectl config view --minify').stdout
    expect(view).toContain('- context:\n    cluster: kind-terrarium\n    namespace: development\n    user: kind-terrarium\n  name: kind-terrarium\ncurrent-context: kind-terrarium\n')
  })

  it('a deleted namespace is Terminating while the namespace controller empties it, then NotFound (kube: spec.finalizers kubernetes)', () => {
    const r = run(`${DEV}kubectl apply -f controllers/nginx-deployment.yaml -n development
sleep 20
kubectl delete ns development --wait=false
kubectl get ns development`)
    expect(r.stdout).toContain('namespace "development" deleted\n')
    expect(rows(r.stdout.slice(r.stdout.lastIndexOf('NAME')))[0].slice(0, 2)).toEqual(['development', 'Terminating'])
    // kube: the controller processes a namespace event 5 s after it arrives (namespaceDeletionGracePeriod).
    expect(r.cluster.api.list('Pod', { namespace: 'development' })).toHaveLength(3)
    r.cluster.clock.advance(5_000)
    const ns = r.cluster.api.get<Namespace>('Namespace', undefined, 'development')
    expect(ns.status?.phase).toBe('Terminating')
    expect(ns.spec?.finalizers).toEqual(['kubernetes'])
    expect(ns.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted'],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers'],
    ])
    // kube: the deleter's message names group-resources, the core group as an empty suffix.
    expect(ns.status?.conditions?.[3].message).toBe('Some resources are remaining: pods. has 3 resource instances')
    // Pods go gracefully: marked with the pods' grace period, not removed.
    const pods = r.cluster.api.list('Pod', { namespace: 'development' })
    expect(pods.length).toBe(3)
    expect(pods.every((p) => p.metadata?.deletionTimestamp && p.metadata.deletionGracePeriodSeconds === 30)).toBe(true)
    expect(r.cluster.api.list('Deployment', { namespace: 'development' })).toHaveLength(0)
    r.cluster.clock.advance(30_000)
    const m = r.more('kubectl get ns development\nkubectl get ns')
    expect(m.stderr).toBe('Error from server (NotFound): namespaces "development" not found\n')
    expect(m.stdout).not.toContain('development')
    expect(m.stdout).toContain('production')
    const actors = r.cluster.api.writes().filter((w) => w.kind === 'Namespace' && w.name === 'development').map((w) => `${w.actor} ${w.verb}`)
    expect(actors.slice(-2)).toEqual(['namespace-controller status', 'namespace-controller delete'])
  })

  it('kubectl delete ns waits until the namespace is gone (kube: --wait=true)', () => {
    const r = run(`${DEV}kubectl apply -f controllers/nginx-deployment.yaml -n development
sleep 20
kubectl delete ns development
kubectl get pods -n development
kubectl get ns development`)
    expect(r.stdout).toContain('namespace "development" deleted\n')
    expect(r.stderr).toContain('No resources found in development namespace.\nError from server (NotFound): namespaces "development" not found\n')
    expect(r.cluster.api.find('Namespace', undefined, 'development')).toBeUndefined()
  })

  it('the system namespaces may not be deleted (kube: NamespaceLifecycle admission)', () => {
    const r = run(`kubectl delete ns default
kubectl delete namespace kube-system
kubectl delete ns kube-public`)
    expect(r.stderr).toBe([
      'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted',
      'Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted',
      'Error from server (Forbidden): namespaces "kube-public" is forbidden: this namespace may not be deleted',
      '',
    ].join('\n'))
    expect(r.failed).toBe(3)
    expect(r.cluster.api.get<Namespace>('Namespace', undefined, 'default').status?.phase).toBe('Active')
  })

  it('nothing new may be created in a terminating namespace (kube: NamespaceLifecycle admission)', () => {
    const r = run(`${DEV}kubectl apply -f controllers/nginx-deployment.yaml -n development
sleep 20
kubectl delete ns development --wait=false
kubectl apply -f pods/simple-pod.yaml -n development`)
    expect(r.stderr).toBe('Error from server (Forbidden): error when creating "pods/simple-pod.yaml": pods "nginx" is forbidden: unable to create new content in namespace development because it is being terminated\n')
    // The ReplicaSet controller cannot replace what the namespace controller deletes.
    r.cluster.clock.advance(60_000)
    expect(r.cluster.api.find('Namespace', undefined, 'development')).toBeUndefined()
    expect(r.cluster.api.list('Pod', { namespace: 'development' })).toHaveLength(0)
  })
})
