/**
 * kubectl explain against the schema generated from kubernetes-types: the plaintext layout of kubectl
 * v1.35's explain template (GROUP/KIND/VERSION, FIELD, DESCRIPTION wrapped to 80 columns, FIELDS),
 * --recursive, --api-version and its error texts.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { createCluster } from '../../cluster'
import { runKubectl } from '../kubectl'
import { indent, renderExplain, wrap } from '../explain/render'
import { loadSchema, type SchemaData } from '../explain/schema'
import { explainCompletions } from '../explain/paths'

let schema: SchemaData
beforeAll(async () => {
  schema = await loadSchema()
})

function kubectl(line: string) {
  return runKubectl(createCluster({ seed: 1 }), line)
}

describe('kubectl explain', () => {
  it('prints a core kind without GROUP, its description and its fields', () => {
    const r = kubectl('kubectl explain pods')
    expect(r.exitCode).toBe(0)
    expect(r.stdout.startsWith(`KIND:       Pod
VERSION:    v1

DESCRIPTION:
    Pod is a collection of containers that can run on a host. This resource is
    created by clients and scheduled onto hosts.
FIELDS:
  apiVersion\t<string>
    APIVersion defines the versioned schema of this representation of an object.
    Servers should convert recognized schemas to the latest internal value, and
    may reject unrecognized values. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources

  kind\t<string>
`)).toBe(true)
    expect(r.stdout).toContain('  metadata\t<ObjectMeta>\n    Standard object\'s metadata.')
    expect(r.stdout).toContain('  spec\t<PodSpec>\n')
    // kube: every field ends with a blank line, and the template adds one more line break at the end.
    expect(r.stdout.endsWith('#spec-and-status\n\n\n')).toBe(true)
  })

  it('prints GROUP for a named group and resolves short names and resource.group', () => {
    for (const line of ['explain deploy', 'explain deployments.apps', 'explain Deployment']) {
      expect(kubectl(line).stdout.startsWith('GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nDESCRIPTION:\n')).toBe(true)
    }
  })

  it('explains a field: FIELD line with its type, two blank lines, the descriptions of the field and its type', () => {
    const r = kubectl('explain pods.spec.containers')
    expect(r.stdout.startsWith(`KIND:       Pod
VERSION:    v1

FIELD: containers <[]Container>


DESCRIPTION:
    List of containers belonging to the pod.`)).toBe(true)
    // kube#126533 (v1.32+): line breaks are dropped before wrapping, so the two descriptions run together.
    expect(r.stdout).toMatch(/Cannot be\s+updated\.A single application container/)
    expect(r.stdout).toContain('FIELDS:\n  args\t<[]string>\n')
    expect(r.stdout).toContain('  name\t<string> -required-\n')
    expect(r.stdout).toContain('  resources\t<ResourceRequirements>\n')
  })

  it('prints kubectl type names: integer, boolean, maps, IntOrString, Quantity, Time as string', () => {
    expect(kubectl('explain deploy.spec').stdout).toContain('  replicas\t<integer>\n')
    expect(kubectl('explain deploy.spec').stdout).toContain('  selector\t<LabelSelector> -required-\n')
    expect(kubectl('explain deploy.spec').stdout).toContain('  paused\t<boolean>\n')
    expect(kubectl('explain deploy.spec.strategy.rollingUpdate').stdout).toContain('  maxSurge\t<IntOrString>\n')
    expect(kubectl('explain pod.spec.containers.resources').stdout).toContain('  limits\t<map[string]Quantity>\n')
    expect(kubectl('explain pod.metadata').stdout).toContain('  labels\t<map[string]string>\n')
    expect(kubectl('explain pod.metadata').stdout).toContain('  creationTimestamp\t<string>\n')
  })

  it('explains a leaf field without a FIELDS section', () => {
    const r = kubectl('explain deploy.spec.replicas')
    expect(r.stdout).toBe(`GROUP:      apps
KIND:       Deployment
VERSION:    v1

FIELD: replicas <integer>


DESCRIPTION:
    Number of desired pods. This is a pointer to distinguish between explicit
    zero and not specified. Defaults to 1.

`)
  })

  it('--recursive prints the field tree without descriptions, two spaces per level', () => {
    const out = kubectl('explain deploy.spec.strategy --recursive').stdout
    expect(out).toContain(`FIELDS:
  rollingUpdate\t<RollingUpdateDeployment>
    maxSurge\t<IntOrString>
    maxUnavailable\t<IntOrString>
  type\t<string>
`)
  })

  it('--api-version picks another served version, and refuses one the server does not have', () => {
    expect(kubectl('explain hpa --api-version=autoscaling/v1').stdout.startsWith('GROUP:      autoscaling\nKIND:       HorizontalPodAutoscaler\nVERSION:    v1\n')).toBe(true)
    expect(kubectl('explain hpa').stdout).toContain('VERSION:    v2\n')
    const bad = kubectl('explain deploy --api-version=apps/v2')
    expect(bad.stderr).toBe('error: couldn\'t find resource for "apps/v2, Resource=deployments"\n')
    expect(kubectl('explain pods --api-version=v2').stderr).toBe('error: couldn\'t find resource for "/v2, Resource=pods"\n')
    expect(kubectl('explain deploy --api-version=batch/v1').stderr).toBe('error: GVR (batch/v1, Resource=deployments) not found in OpenAPI schema\n')
    expect(kubectl('explain pods --output=json').stderr).toBe('error: unrecognized format: json\n')
  })

  it('fails as kubectl does', () => {
    expect(kubectl('explain').stderr).toBe('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n')
    expect(kubectl('explain pods svc').stderr).toBe('error: We accept only this format: explain RESOURCE\n')
    expect(kubectl('explain foo').stderr).toBe('error: the server doesn\'t have a resource type "foo"\n')
    // kube: the template names the last element of the path, whichever step failed.
    expect(kubectl('explain pods.foo.bar').stderr).toBe('error: field "bar" does not exist\n')
    expect(kubectl('explain pods.spec.restartPolicy.x').stderr).toBe('error: field "x" does not exist\n')
    expect(kubectl('explain pods.foo').exitCode).toBe(1)
  })
})

describe('the lazily loaded schema', () => {
  it('explain asks to retry while the schema chunk is loading, and works once it has arrived', async () => {
    vi.resetModules()
    const fresh = await import('../kubectl')
    const cluster = createCluster({ seed: 1 })
    const first = fresh.runKubectl(cluster, 'explain pods')
    expect(first.stderr).toBe('error: the API schema is still loading, try again in a moment\n')
    expect(first.exitCode).toBe(1)
    await (await import('../explain/schema')).loadSchema()
    expect(fresh.runKubectl(cluster, 'explain pods').stdout.startsWith('KIND:       Pod\n')).toBe(true)
  })
})

describe('explainCompletions', () => {
  it('completes the field names one level below the typed path', () => {
    const api = createCluster({ seed: 1 }).api
    expect(explainCompletions(api, 'pods.sp')).toEqual(['pods.spec'])
    expect(explainCompletions(api, 'deploy.spec.st')).toEqual(['deploy.spec.strategy'])
    expect(explainCompletions(api, 'po.spec.containers.resources.')).toEqual([
      'po.spec.containers.resources.claims', 'po.spec.containers.resources.limits', 'po.spec.containers.resources.requests',
    ])
    expect(explainCompletions(api, 'pods')).toEqual([])
    expect(explainCompletions(api, 'nothing.spec')).toEqual([])
  })
})

describe('the generated schema', () => {
  it('comes from kubernetes-types with descriptions and required fields', () => {
    expect(schema.source).toMatch(/^kubernetes-types@\d+\.\d+/)
    const spec = schema.defs['apps/v1.DeploymentSpec']
    const field = (name: string) => spec.f.find((f) => f[0] === name)!
    expect(field('template')[2]).toBe(1)
    expect(field('replicas')[2]).toBe(0)
    expect(field('template')[4]).toBe('core/v1.PodTemplateSpec')
    expect(schema.defs['core/v1.PodSpec'].d).toBe('PodSpec is a description of a pod.')
  })

  it('keeps paragraphs of multi-line comments as line breaks', () => {
    const claims = schema.defs['core/v1.ResourceRequirements'].f.find((f) => f[0] === 'claims')!
    expect(claims[3]).toContain('by this container.\n\nThis is an alpha field')
  })
})

describe('renderExplain', () => {
  it('stops --recursive at a type already being listed (a cycle)', () => {
    const cyclic: SchemaData = {
      source: 'test',
      defs: {
        'x/v1.Node': { d: 'A tree.', f: [['children', '[]Node', 0, 'Kids.', 'x/v1.Node'], ['name', 'string', 1, 'Name.']] },
        'x/v1.Root': { d: 'Root.', f: [['tree', 'Node', 0, 'The tree.', 'x/v1.Node']] },
      },
    }
    const out = renderExplain(cyclic, { group: 'x', kind: 'Root', version: 'v1', definition: 'x/v1.Root', path: [], recursive: true })
    expect(out).toBe('GROUP:      x\nKIND:       Root\nVERSION:    v1\n\nDESCRIPTION:\n    Root.\nFIELDS:\n  tree\t<Node>\n    children\t<[]Node>\n    name\t<string> -required-\n\n')
  })

  it('prints <empty> and <no description> for missing texts', () => {
    const bare: SchemaData = { source: 'test', defs: { 'v1.K': { d: '', f: [['a', 'string', 0, '']] } } }
    const out = renderExplain(bare, { group: '', kind: 'K', version: 'v1', definition: 'v1.K', path: [], recursive: false })
    expect(out).toBe('KIND:       K\nVERSION:    v1\n\nDESCRIPTION:\n    <empty>\nFIELDS:\n  a\t<string>\n    <no description>\n\n\n')
  })
})

describe('wrap (go-wordwrap as kubectl uses it)', () => {
  it('breaks between words so no line is longer than the limit', () => {
    const text = 'the quick brown fox jumps over the lazy dog '.repeat(10).trim()
    const lines = wrap(30, text).split('\n')
    expect(lines.length).toBeGreaterThan(5)
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30)
    expect(lines.join(' ')).toBe(text)
  })

  it('keeps a word longer than the limit whole on its own line', () => {
    expect(wrap(10, 'see https://example.com/a/very/long/path now')).toBe('see\nhttps://example.com/a/very/long/path\nnow')
  })

  it('drops line breaks first (kubernetes/kubernetes#126533)', () => {
    expect(wrap(76, 'one.\n\nTwo.')).toBe('one.Two.')
  })

  it('indents every line', () => {
    expect(indent(4, 'a\nb')).toBe('    a\n    b')
  })
})
