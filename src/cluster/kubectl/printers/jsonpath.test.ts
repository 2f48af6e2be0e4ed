import { describe, expect, it } from 'vitest'
import { executeJsonPath, findResults, JsonPathError, parseJsonPath, relaxedJsonPath } from './jsonpath'
import { parseCustomColumns, renderCustomColumns } from './custom-columns'
import { compareValues, naturalCompare, parseQuantity, sortObjects } from './sort-by'
import type { KubeObject } from '../../apiserver/types'

const pod = (name: string, node: string | undefined, images: string[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'web', 'app.kubernetes.io/name': name } },
  spec: { nodeName: node, containers: images.map((image, i) => ({ name: `c${i}`, image, ports: [{ containerPort: 80 + i }] })) },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }] },
  ...extra,
})

const list = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [pod('a', 'node-1', ['nginx:1.14.2']), pod('b', 'node-2', ['redis', 'busybox'])] }
const run = (t: string, data: unknown = list) => executeJsonPath(parseJsonPath(t), data)

describe('kubectl JSONPath', () => {
  it.each([
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0].metadata.name}', 'a'],
    ['{.items[-1].metadata.name}', 'b'],
    ['{.items[-1:].metadata.name}', 'b'],
    ['{.items[0:1].metadata.name}', 'a'],
    ['{.items[0,1].spec.nodeName}', 'node-1 node-2'],
    ['{.items[*].spec.containers[*].image}', 'nginx:1.14.2 redis busybox'],
    ['{..image}', 'nginx:1.14.2 redis busybox'],
    ['{.items[?(@.spec.nodeName=="node-2")].metadata.name}', 'b'],
    ['{.items[0].status.conditions[?(@.type=="Ready")].status}', 'True'],
    ['{.items[*].spec.containers[?(@.ports[0].containerPort>80)].name}', 'c1'],
    ['{.items[0].metadata.labels.app\\.kubernetes\\.io/name}', 'a'],
    ["{.items[0].metadata.labels['app.kubernetes.io/name']}", 'a'],
    ['{.items[0].metadata.labels}', '{"app":"web","app.kubernetes.io/name":"a"}'],
    ['{.items[0].spec.containers[0].ports}', '[{"containerPort":80}]'],
    ['{.items[0].spec.containers[0].ports[0].containerPort}', '80'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}', 'a\tnode-1\nb\tnode-2\n'],
    ['name: {.items[0].metadata.name}!', 'name: a!'],
    ['{.items[*].metadata.missing}', ''],
    ['{.kind}{"\\n"}', 'List\n'],
    ['{$.kind}', 'List'],
    ['{.items[0].metadata.labels.*}', 'web a'],
    ['plain text', 'plain text'],
  ])('%s prints %j', (template, expected) => {
    expect(run(template)).toBe(expected)
  })

  it('prints each result group of jsonpath-as-json as an indented JSON array', () => {
    expect(executeJsonPath(parseJsonPath('{.items[*].metadata.name}'), list, { json: true })).toBe('[\n    "a",\n    "b"\n]\n')
  })

  it.each([
    ['{.x', 'unclosed action'],
    ['{.items[0}', 'unterminated array'],
    ['{!x}', "unrecognized character in action: U+0021 '!'"],
    ['{.items[x]}', 'invalid array index x'],
    ['{end}', 'not in range, nothing to end'],
    ['{"abc}', 'unterminated quoted string'],
    ['{foo}', 'unrecognized identifier foo'],
  ])('rejects %s with %j', (template, message) => {
    expect(() => parseJsonPath(template)).toThrow(new JsonPathError(message))
  })

  it('relaxes custom-columns and sort-by paths as kubectl does', () => {
    expect(relaxedJsonPath('.metadata.name')).toBe('{.metadata.name}')
    expect(relaxedJsonPath('metadata.name')).toBe('{.metadata.name}')
    expect(relaxedJsonPath('{.metadata.name}')).toBe('{.metadata.name}')
    expect(() => relaxedJsonPath('{.metadata.name')).toThrow(/unexpected path string/)
  })

  it('groups the results of each path node', () => {
    expect(findResults('{.items[*].metadata.name}', list)).toEqual([['a', 'b']])
  })
})

describe('custom columns', () => {
  it('joins several values with a comma and prints <none> for a missing field', () => {
    const cols = parseCustomColumns('NAME:.metadata.name,IMAGES:.spec.containers[*].image,IP:.status.podIP,LABELS:.metadata.labels')
    expect(renderCustomColumns(cols, list.items as KubeObject[])).toBe([
      'NAME   IMAGES          IP       LABELS',
      'a      nginx:1.14.2    <none>   map[app:web app.kubernetes.io/name:a]',
      'b      redis,busybox   <none>   map[app:web app.kubernetes.io/name:b]',
      '',
    ].join('\n'))
  })

  it('fails on a spec without a colon, and on an empty spec', () => {
    expect(() => parseCustomColumns('NAME')).toThrow('error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>')
    expect(() => parseCustomColumns('')).toThrow('error: custom-columns format specified but no custom columns given')
  })
})

describe('--sort-by', () => {
  it('orders quantities by value, strings naturally, and missing fields first', () => {
    expect(parseQuantity('500m')).toBe(0.5)
    expect(parseQuantity('1Gi')).toBe(2 ** 30)
    expect(compareValues('500m', '2')).toBeLessThan(0)
    expect(compareValues('128Mi', '1Gi')).toBeLessThan(0)
    expect(naturalCompare('pod-2', 'pod-10')).toBeLessThan(0)
    const objs = [pod('x', 'node-10', []), pod('y', 'node-2', []), pod('z', undefined, [])] as KubeObject[]
    expect(sortObjects(objs, '.spec.nodeName').map((o) => o.metadata?.name)).toEqual(['z', 'y', 'x'])
  })

  it('refuses a field that no object has', () => {
    expect(() => sortObjects([pod('x', 'n', [])] as KubeObject[], '.spec.nope')).toThrow('error: couldn\'t find any field with path "{.spec.nope}" in the list of objects')
  })
})
