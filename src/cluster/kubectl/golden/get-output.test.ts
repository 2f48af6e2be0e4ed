/** Golden: `kubectl get` output formats and flags, exact text for fixed objects (fixture.ts). */
import { describe, expect, it } from 'vitest'
import { runKubectl } from '../kubectl'
import { bootFixture } from './fixture'

describe('kubectl get -o jsonpath', () => {
  const { run } = bootFixture()

  it('prints space-separated names without a trailing newline', () => {
    expect(run('kubectl get pods -o jsonpath={.items[*].metadata.name}')).toEqual({ stdout: 'db-0 web-10 web-2', stderr: '', exitCode: 0 })
  })

  it('accepts -o=jsonpath= and a quoted template with range, tabs and newlines', () => {
    const r = run(`kubectl get pods -o=jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}'`)
    expect(r.stdout).toBe('db-0\tnode-3\nweb-10\tnode-2\nweb-2\tnode-1\n')
  })

  it('runs filters and recursive descent', () => {
    expect(run(`kubectl get pods -o jsonpath='{.items[?(@.metadata.labels.app=="db")].metadata.name}'`).stdout).toBe('db-0')
    // `..` descends through maps and lists: status.containerStatuses[*].image would match too.
    expect(run('kubectl get pods -o jsonpath={.items[*].spec.containers..image}').stdout).toBe('redis:7 nginx:1.14.2 nginx:1.14.2 redis:7')
    expect(run(`kubectl get nodes -o jsonpath='{.items[-1:].metadata.name}'`).stdout).toBe('node-3')
  })

  it('applies the template to the object itself when one name is given', () => {
    expect(run('kubectl get pod web-2 -o jsonpath={.spec.containers[*].name}').stdout).toBe('c0 c1')
  })

  it('prints jsonpath-as-json as an indented array', () => {
    expect(run('kubectl get pods -o jsonpath-as-json={.items[0:2].metadata.name}').stdout).toBe('[\n    "db-0",\n    "web-10"\n]\n')
  })

  it('reports template errors as kubectl does', () => {
    expect(run('kubectl get pods -o jsonpath={.x')).toEqual({ stdout: '', stderr: 'error: error parsing jsonpath {.x, unclosed action\n', exitCode: 1 })
    expect(run('kubectl get pods -o jsonpath').stderr).toBe('error: template format specified but no template given\n')
    expect(run('kubectl get pods -o foo').stderr).toBe('error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n')
  })
})

describe('kubectl get -o custom-columns and --sort-by', () => {
  const { run } = bootFixture()

  it('prints one column per spec, joining several values and <none> for missing', () => {
    expect(run('kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image,NOMINATED:.status.nominatedNodeName').stdout).toBe([
      'NAME     IMAGE                  NOMINATED',
      'db-0     redis:7                <none>',
      'web-10   nginx:1.14.2           <none>',
      'web-2    nginx:1.14.2,redis:7   <none>',
      '',
    ].join('\n'))
  })

  it('honours --no-headers and sorts names naturally with --sort-by', () => {
    expect(run('kubectl get pods --no-headers --sort-by=.metadata.name -o custom-columns=N:metadata.name,NODE:{.spec.nodeName}').stdout)
      .toBe('db-0     node-3\nweb-2    node-1\nweb-10   node-2\n')
  })

  it('sorts table rows by a nested field', () => {
    expect(run('kubectl get pods --sort-by={.spec.nodeName} -o name').stdout).toBe('pod/web-2\npod/web-10\npod/db-0\n')
  })

  it('refuses a sort field that no object has', () => {
    expect(run('kubectl get pods --sort-by=.spec.foo').stderr).toBe('error: couldn\'t find any field with path "{.spec.foo}" in the list of objects\n')
  })
})

describe('kubectl get table flags', () => {
  const { run } = bootFixture()

  it('adds -L label columns (named after the key\'s last segment) before LABELS', () => {
    expect(run('kubectl get pods -L tier,example.com/missing --show-labels').stdout).toBe([
      'NAME     READY   STATUS    RESTARTS   AGE   TIER       MISSING   LABELS',
      'db-0     1/1     Running   0          30s                        app=db',
      'web-10   1/1     Running   0          30s   frontend             app=web,tier=frontend',
      'web-2    2/2     Running   0          30s   frontend             app=web,tier=frontend',
      '',
    ].join('\n'))
  })

  it('selects with set-based label selectors', () => {
    expect(run('kubectl get pods -l "app in (db),!tier" -o name').stdout).toBe('pod/db-0\n')
    expect(run('kubectl get pods -l app,tier!=frontend -o name').stdout).toBe('pod/db-0\n')
  })

  it('filters with supported field selectors', () => {
    expect(run('kubectl get pods --field-selector spec.nodeName=node-1 -o name').stdout).toBe('pod/web-2\n')
    expect(run('kubectl get pods --field-selector status.phase!=Running,metadata.name=db-0').stderr).toBe('No resources found in default namespace.\n')
    expect(run('kubectl get nodes --field-selector spec.unschedulable=false -o name').stdout).toBe('node/control-plane\nnode/node-1\nnode/node-2\nnode/node-3\n')
  })

  it('answers an unsupported field selector with the server\'s BadRequest', () => {
    expect(run('kubectl get pods --field-selector foo=bar')).toEqual({
      stdout: '', exitCode: 1,
      stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n',
    })
    expect(run('kubectl get deploy -l app=x --field-selector spec.replicas=1').stderr)
      .toBe('Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "app=x", field selector "spec.replicas=1": field label not supported: spec.replicas\n')
  })

  it('prints -o name for several kinds, and NAMESPACE first with -A', () => {
    expect(run('kubectl get pods,nodes -o name -l app=db').stdout).toBe('pod/db-0\n')
    const lines = run('kubectl get pods -A --no-headers').stdout.split('\n')
    expect(lines[0]).toMatch(/^default +db-0 +1\/1 +Running +0 +30s$/)
  })

  it('says a Go template is not simulated', () => {
    expect(run('kubectl get pods -o go-template={{.kind}}').stderr).toBe('error: output format "go-template" is not supported by this simulator; use -o jsonpath=... instead\n')
  })
})

describe('kubectl get with template files', () => {
  it('reads -o custom-columns-file and -o jsonpath-file through the host', () => {
    const { cluster } = bootFixture()
    const files: Record<string, string> = { 'cols.txt': 'NAME          NODE\n.metadata.name   .spec.nodeName\n', 'names.jsonpath': '{.items[*].metadata.name}\n' }
    const readFile = (p: string) => {
      if (!(p in files)) throw new Error('missing')
      return files[p]
    }
    expect(runKubectl(cluster, 'kubectl get pods -l app=db -o custom-columns-file=cols.txt', { readFile }).stdout).toBe('NAME   NODE\ndb-0   node-3\n')
    expect(runKubectl(cluster, 'kubectl get pods -o jsonpath-file=names.jsonpath', { readFile }).stdout).toBe('db-0 web-10 web-2\n')
    expect(runKubectl(cluster, 'kubectl get pods -o jsonpath-file=nope', { readFile }).stderr).toBe('error: open nope: no such file or directory\n')
  })
})
