import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCore } from '../cluster'
import { runKubectl } from './kubectl'
import { runScript } from './script'

const TESTDATA = join(__dirname, 'testdata')
const readFile = (p: string) => readFileSync(join(TESTDATA, p), 'utf8')

function setup() {
  const cluster = createCore({ seed: 1 })
  const run = (line: string, stdin?: string) => runKubectl(cluster, line, { readFile, stdin })
  return { cluster, run }
}

const BAD_REPLICAS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad
spec:
  replicas: -1
  selector:
    matchLabels: {app: x}
  template:
    metadata:
      labels: {app: x}
    spec:
      containers: [{name: a, image: nginx}]
`

describe('kubectl apply', () => {
  it('creates, then reports unchanged, then configured, as client-side apply does', () => {
    const { run } = setup()
    expect(run('kubectl apply -f nginx-deployment.yaml')).toEqual({ stdout: 'deployment.apps/nginx-deployment created\n', stderr: '', exitCode: 0 })
    expect(run('kubectl apply -f nginx-deployment.yaml').stdout).toBe('deployment.apps/nginx-deployment unchanged\n')
    const changed = readFile('nginx-deployment.yaml').replace('replicas: 3', 'replicas: 2')
    expect(run('kubectl apply -f -', changed).stdout).toBe('deployment.apps/nginx-deployment configured\n')
    expect(run('kubectl get deploy nginx-deployment -o json').stdout).toContain('"replicas": 2')
  })

  it('records the configuration in the last-applied annotation and removes fields dropped from it', () => {
    const { run, cluster } = setup()
    const withLabel = readFile('nginx-deployment.yaml').replace('  labels:\n', '  labels:\n    tier: web\n')
    run('kubectl apply -f -', withLabel)
    const annotation = cluster.api.get('Deployment', 'default', 'nginx-deployment').metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']
    expect(annotation).toMatch(/^\{"apiVersion":"apps\/v1","kind":"Deployment","metadata":\{"annotations":\{\},"labels":\{"app.kubernetes.io\/name":"nginx","tier":"web"\},"name":"nginx-deployment","namespace":"default"\}/)
    expect(annotation?.endsWith('\n')).toBe(true)
    run('kubectl apply -f nginx-deployment.yaml')
    expect(cluster.api.get('Deployment', 'default', 'nginx-deployment').metadata?.labels).toEqual({ 'app.kubernetes.io/name': 'nginx' })
  })

  it('names the invalid field as kubectl prints a 422', () => {
    const { run } = setup()
    expect(run('kubectl apply -f -', BAD_REPLICAS)).toEqual({
      stdout: '',
      stderr: 'The Deployment "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
      exitCode: 1,
    })
  })

  it('names the line of a YAML syntax error', () => {
    const { run } = setup()
    const r = run('kubectl apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n   image: b\n')
    expect(r.stderr).toMatch(/^error: error parsing STDIN: error converting YAML to JSON: yaml: line 8: .+\n$/)
    expect(r.exitCode).toBe(1)
  })

  it('refuses a kind the cluster does not serve, and still applies the other documents', () => {
    const { run } = setup()
    const r = run('kubectl apply -f -', 'apiVersion: example.com/v1\nkind: Foo\nmetadata:\n  name: f\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n')
    expect(r.stdout).toBe('namespace/team-a created\n')
    expect(r.stderr).toBe('error: resource mapping not found for name: "f" namespace: "" from "STDIN": no matches for kind "Foo" in version "example.com/v1"\nensure CRDs are installed first\n')
    expect(r.exitCode).toBe(1)
  })

  it('create -f fails with AlreadyExists naming the file', () => {
    const { run } = setup()
    run('kubectl create -f nginx-deployment.yaml')
    expect(run('kubectl create -f nginx-deployment.yaml').stderr)
      .toBe('Error from server (AlreadyExists): error when creating "nginx-deployment.yaml": deployments.apps "nginx-deployment" already exists\n')
  })
})

describe('kubectl get', () => {
  it('prints the kubectl table with ages from virtual time', () => {
    const { run, cluster } = setup()
    run('kubectl apply -f nginx-deployment.yaml')
    cluster.clock.advance(192_000)
    expect(run('kubectl get deploy').stdout).toBe(
      'NAME               READY   UP-TO-DATE   AVAILABLE   AGE\n' +
      'nginx-deployment   0/3     0            0           3m12s\n')
  })

  it('prefixes names with their type and separates tables with a blank line for get all', () => {
    const { run } = setup()
    run('kubectl apply -f nginx-deployment.yaml')
    const out = run('kubectl get all').stdout
    expect(out).toMatch(/^NAME {17}TYPE .*\nservice\/kubernetes .*\n\nNAME .*\ndeployment.apps\/nginx-deployment .*\n$/)
  })

  it('adds a NAMESPACE column with -A and reports empty namespaces on stderr', () => {
    const { run } = setup()
    expect(run('kubectl get svc -A').stdout.split('\n')[0]).toMatch(/^NAMESPACE   NAME  +TYPE/)
    expect(run('kubectl get pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 })
    expect(run('kubectl get pods -n kube-system').stderr).toBe('No resources found in kube-system namespace.\n')
  })

  it('prints kubectl errors for a missing object, an unknown type, a flag and a command', () => {
    const { run } = setup()
    expect(run('kubectl get pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 })
    expect(run('kubectl get foo').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n')
    expect(run('kubectl get pods --foo').stderr).toBe("error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n")
    expect(run('kubectl gte pods').stderr).toBe('error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n')
  })

  it('prints -o name and -o yaml lists as kubectl does', () => {
    const { run } = setup()
    expect(run('kubectl get ns -o name').stdout).toBe('namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n')
    expect(run('kubectl get svc -o yaml').stdout).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}kind: Service\n[\s\S]*kind: List\nmetadata:\n {2}resourceVersion: ""\n$/)
  })
})

describe('kubectl scale and delete', () => {
  it('scales a deployment in both argument forms', () => {
    const { run, cluster } = setup()
    run('kubectl apply -f nginx-deployment.yaml')
    expect(run('kubectl scale deployment/nginx-deployment --replicas=5').stdout).toBe('deployment.apps/nginx-deployment scaled\n')
    expect(run('kubectl scale deploy nginx-deployment --replicas 1').stdout).toBe('deployment.apps/nginx-deployment scaled\n')
    expect((cluster.api.get('Deployment', 'default', 'nginx-deployment').spec as { replicas: number }).replicas).toBe(1)
  })

  it('prints the namespace it deleted from (kubectl v1.33+)', () => {
    const { run } = setup()
    run('kubectl apply -f nginx-deployment.yaml')
    expect(run('kubectl delete deploy nginx-deployment').stdout).toBe('deployment.apps "nginx-deployment" deleted from default namespace\n')
    expect(run('kubectl delete deploy nginx-deployment').stderr).toBe('Error from server (NotFound): deployments.apps "nginx-deployment" not found\n')
  })
})

describe('runScript', () => {
  it('runs kubectl lines and heredocs, advances time with sleep and counts failures', () => {
    const cluster = createCore({ seed: 1 })
    const script = [
      '# a comment',
      'kubectl apply -f nginx-deployment.yaml',
      'k apply -f - <<EOF',
      'apiVersion: v1',
      'kind: Namespace',
      'metadata:',
      '  name: team-a',
      'EOF',
      'sleep 90s',
      'kubectl get ns team-a',
      'kubectl get pod missing',
    ].join('\n')
    const r = runScript(cluster, script, { readFile, echo: true })
    expect(r.failed).toBe(1)
    const text = r.output.map((c) => c.text).join('')
    expect(text).toContain('$ kubectl apply -f nginx-deployment.yaml\ndeployment.apps/nginx-deployment created\n')
    expect(text).toContain('$ k apply -f -\nnamespace/team-a created\n')
    expect(text).toContain('team-a   Active   90s\n')
    expect(r.output.at(-1)).toEqual({ stream: 'stderr', text: 'Error from server (NotFound): pods "missing" not found\n' })
  })
})

describe('kubectl describe pod', () => {
  it('lays out a pending pod as describePod does, aligned by the tab writer', () => {
    const { run, cluster } = setup()
    cluster.api.create({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web', tier: 'fe' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
    } as never, { actor: 'test' })
    const text = run('kubectl describe pod web').stdout
    expect(text).toMatch(/^Name: {13}web\nNamespace: {8}default\n/)
    expect(text).toContain('Node:             <none>\nLabels:           app=web\n                  tier=fe\nAnnotations:      <none>\nStatus:           Pending\n')
    expect(text).toContain('Containers:\n  nginx:\n    Image:        nginx:1.14.2\n    Port:         80/TCP\n    Host Port:    0/TCP\n')
    expect(text).toMatch(/Tolerations: +node.kubernetes.io\/not-ready:NoExecute op=Exists for 300s\n +node.kubernetes.io\/unreachable:NoExecute op=Exists for 300s\nEvents: +<none>\n$/)
    expect(run('kubectl describe pod nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
  })
})

describe('kubectl create namespace', () => {
  it('creates the namespace and prints namespace/NAME created, as kubectl create namespace does', () => {
    const { run, cluster } = setup()
    expect(run('kubectl create namespace qos-example')).toEqual({ stdout: 'namespace/qos-example created\n', stderr: '', exitCode: 0 })
    expect(cluster.api.get('Namespace', undefined, 'qos-example').metadata!.name).toBe('qos-example')
    expect(run('kubectl create ns qos-example')).toEqual({
      stdout: '', stderr: 'Error from server (AlreadyExists): namespaces "qos-example" already exists\n', exitCode: 1,
    })
  })

  it('prints the generated object with --dry-run=client -o yaml and creates nothing', () => {
    const { run, cluster } = setup()
    expect(run('kubectl create namespace dev --dry-run=client -o yaml').stdout)
      .toBe('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\nspec: {}\nstatus: {}\n')
    expect(run('kubectl create namespace dev --dry-run=client').stdout).toBe('namespace/dev created (dry run)\n')
    expect(cluster.api.find('Namespace', undefined, 'dev')).toBeUndefined()
  })

  it('accepts global flags before the subcommand', () => {
    const { run } = setup()
    expect(run('kubectl -n default create ns dev -o name').stdout).toBe('namespace/dev\n')
  })

  it('requires exactly one NAME (kube: NameFromCommandArgs)', () => {
    const { run } = setup()
    expect(run('kubectl create namespace').stderr)
      .toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n")
  })

  it('words apply of a new object into a missing namespace as a create (kube: apply.go AddSourceToErr "creating")', () => {
    const { run } = setup()
    const r = run('kubectl apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: nope\nspec:\n  containers:\n  - name: a\n    image: nginx\n')
    expect(r.stderr).toBe('Error from server (NotFound): error when creating "STDIN": namespaces "nope" not found\n')
  })
})
