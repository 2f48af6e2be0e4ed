import { describe, expect, it } from 'vitest'
import { humanDuration, rfc1123z } from './duration'
import { parseFlags } from './flags'
import { jsonEqual, threeWayMerge } from './merge'
import { parseManifests } from './manifests'
import { renderTable } from './printers/table'
import { tabwrite, DESCRIBE_TABS } from './printers/tabwriter'
import { toJson, toYaml } from './printers/yaml'
import { parseScript, sleepMs } from './script'
import { tokenize } from './tokenize'

describe('tokenize', () => {
  it('splits words like a shell, honouring quotes and escapes', () => {
    expect(tokenize(`kubectl get pods -l 'app in (a, b)' -o=json --selector="x=y z" a\\ b`))
      .toEqual(['kubectl', 'get', 'pods', '-l', 'app in (a, b)', '-o=json', '--selector=x=y z', 'a b'])
  })
  it('drops a trailing comment', () => {
    expect(tokenize('kubectl get pods # all of them')).toEqual(['kubectl', 'get', 'pods'])
  })
  it('rejects an unterminated quote', () => {
    expect(() => tokenize(`get 'pods`)).toThrow(/unterminated/)
  })
})

describe('flags', () => {
  const specs = [
    { name: 'output', short: 'o', type: 'string' as const },
    { name: 'all-namespaces', short: 'A', type: 'bool' as const },
    { name: 'replicas', type: 'int' as const },
  ]
  it('accepts the = form, separate values and glued shorthands', () => {
    expect(parseFlags('get', ['pods', '-ojson', '-n', 'kube-system', '--replicas=3', '-A'], specs))
      .toEqual({ args: ['pods'], flags: { output: 'json', namespace: 'kube-system', replicas: 3, 'all-namespaces': true } })
    expect(parseFlags('get', ['--output', 'yaml', '-o=wide'], specs).flags.output).toBe('wide')
  })
  it("fails on an unknown flag with pflag's text and the usage hint", () => {
    expect(() => parseFlags('get', ['--foo'], specs)).toThrow("error: unknown flag: --foo\nSee 'kubectl get --help' for usage.")
    expect(() => parseFlags('get', ['-z'], specs)).toThrow("error: unknown shorthand flag: 'z' in -z")
  })
  it('fails when a value flag has no value', () => {
    expect(() => parseFlags('scale', ['--replicas'], specs)).toThrow('error: flag needs an argument: --replicas')
  })
})

describe('humanDuration (kubectl ages)', () => {
  it.each([
    [0, '0s'], [45_000, '45s'], [119_000, '119s'], [120_000, '2m'], [192_000, '3m12s'], [720_000, '12m'],
    [179 * 60_000, '179m'], [3 * 3_600_000, '3h'], [(5 * 60 + 3) * 60_000, '5h3m'], [30 * 3_600_000, '30h'],
    [51 * 3_600_000, '2d3h'], [10 * 86_400_000, '10d'], [800 * 86_400_000, '2y70d'], [-500, '0s'], [-5000, '<invalid>'],
  ])('%i ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text)
  })
  it('formats describe times as Go RFC1123Z', () => {
    expect(rfc1123z('2026-01-01T09:00:05Z')).toBe('Thu, 01 Jan 2026 09:00:05 +0000')
  })
})

describe('table layout (Go tabwriter, padding 3, min width 6)', () => {
  it('pads every column but the last to its widest cell plus three spaces', () => {
    expect(renderTable({ headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], rows: [['web-1', '1/1', 'Running', '0', '5s']] }))
      .toBe('NAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          5s\n')
  })
  it('gives short columns the minimum width', () => {
    expect(renderTable({ headers: ['A', 'B'], rows: [['x', 'y']] })).toBe('A     B\nx     y\n')
  })
  it('aligns describe blocks only across consecutive tabbed lines', () => {
    const text = 'Name:\tx\nService Account:\tdefault\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/r\n'
    expect(tabwrite(text, DESCRIBE_TABS)).toBe(
      'Name:             x\nService Account:  default\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/r\n')
  })
})

describe('yaml and json printers', () => {
  it('prints YAML as kubectl does: sorted keys, unindented sequences, go-yaml quoting', () => {
    const y = toYaml({
      spec: { ports: [{ port: 80, targetPort: '80' }], args: [] },
      metadata: { name: 'x', labels: {}, creationTimestamp: '2026-01-01T09:00:00Z', annotations: { a: '{"k":1}\n' } },
      apiVersion: 'v1',
    })
    expect(y).toBe([
      'apiVersion: v1',
      'metadata:',
      '  annotations:',
      '    a: |',
      '      {"k":1}',
      '  creationTimestamp: "2026-01-01T09:00:00Z"',
      '  labels: {}',
      '  name: x',
      'spec:',
      '  args: []',
      '  ports:',
      '  - port: 80',
      '    targetPort: "80"',
      '',
    ].join('\n'))
  })
  it('prints JSON with sorted keys and four-space indentation', () => {
    expect(toJson({ b: 1, a: { d: 2, c: [1] } })).toBe('{\n    "a": {\n        "c": [\n            1\n        ],\n        "d": 2\n    },\n    "b": 1\n}\n')
  })
})

describe('three-way merge of client-side apply', () => {
  it('removes fields the last applied configuration had and the new one dropped', () => {
    const live = { spec: { replicas: 3, paused: true, strategy: { type: 'RollingUpdate' } } }
    const last = { spec: { replicas: 3, paused: true } }
    const config = { spec: { replicas: 5 } }
    expect(threeWayMerge(live, last, config)).toEqual({ spec: { replicas: 5, strategy: { type: 'RollingUpdate' } } })
  })
  it('merges containers by name and keeps fields the server defaulted', () => {
    const live = { containers: [{ name: 'a', image: 'x:1', imagePullPolicy: 'IfNotPresent' }, { name: 'b', image: 'y' }] }
    const last = { containers: [{ name: 'a', image: 'x:1' }, { name: 'b', image: 'y' }] }
    const config = { containers: [{ name: 'a', image: 'x:2' }] }
    expect(threeWayMerge(live, last, config)).toEqual({ containers: [{ name: 'a', image: 'x:2', imagePullPolicy: 'IfNotPresent' }] })
  })
  it('compares JSON values regardless of key order', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true)
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false)
  })
})

describe('manifests', () => {
  it('reads several documents, JSON and KYAML flow style', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"b"}}\n---\n{apiVersion: v1, kind: Namespace, metadata: {name: c}}\n---\n'
    const set = parseManifests(text, 'f.yaml')
    expect(set.errors).toEqual([])
    expect(set.manifests.map((m) => m.object.metadata?.name)).toEqual(['a', 'b', 'c'])
  })
  it('names the line of a YAML syntax error within its document and keeps the other documents', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n   image: b\n'
    const set = parseManifests(text, 'bad.yaml')
    expect(set.manifests).toHaveLength(1)
    expect(set.errors[0]).toMatch(/^error: error parsing bad\.yaml: error converting YAML to JSON: yaml: line 8: /)
  })
  it('rejects a document without kind as kubectl cannot decode it', () => {
    const set = parseManifests('apiVersion: v1\nmetadata:\n  name: a\n', 'f.yaml')
    expect(set.errors[0]).toBe(`error: unable to decode "f.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"a"}}'`)
  })
})

describe('script parsing', () => {
  it('joins continuations and collects heredocs with any delimiter', () => {
    const steps = parseScript("# setup\nkubectl get \\\n  pods\n\nkubectl apply -f - <<'YAML'\nkind: A\nYAML\nsleep 5m\n")
    expect(steps).toEqual([
      { command: 'kubectl get pods' },
      { command: 'kubectl apply -f -', stdin: 'kind: A\n' },
      { command: 'sleep 5m' },
    ])
  })
  it('reads sleep durations', () => {
    expect([sleepMs('30'), sleepMs('90s'), sleepMs('5m'), sleepMs('1h'), sleepMs('x')]).toEqual([30_000, 90_000, 300_000, 3_600_000, undefined])
  })
})
