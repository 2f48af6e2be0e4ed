/** kubectl apply -f DIR: the manifests of a folder, lexical order, subfolders only with -R. */
import { describe, expect, it } from 'vitest'
import { createCluster } from '../../cluster'
import { runKubectl } from '../kubectl'
import type { KubectlOptions } from '../host'

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`

// A tiny folder tree: files by path, folders are the prefixes that end in `/`.
const FILES: Record<string, string> = {
  'app/b.yaml': cm('b'),
  'app/a.yml': cm('a'),
  'app/c.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
  'app/notes.txt': 'not a manifest',
  'app/sub/d.yaml': cm('d'),
}

const opts: KubectlOptions = {
  readFile: (path) => {
    if (!(path in FILES)) throw new Error('ENOENT')
    return FILES[path]
  },
  listDir: (path) => {
    const dir = path.replace(/\/$/, '') + '/'
    const names = Object.keys(FILES).filter((f) => f.startsWith(dir)).map((f) => f.slice(dir.length).replace(/\/.*$/, '/'))
    return names.length ? [...new Set(names)] : undefined
  },
}

describe('kubectl apply -f DIR', () => {
  it('applies the .yaml, .yml and .json files of the folder in lexical order, not its subfolders', () => {
    const cluster = createCluster({ seed: 1 })
    const r = runKubectl(cluster, 'apply -f app/', opts)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('configmap/a created\nconfigmap/b created\nconfigmap/c created\n')
    expect(cluster.api.find('ConfigMap', 'default', 'd')).toBeUndefined()
  })

  it('walks subfolders with -R, and a folder named without the slash is the same folder', () => {
    const cluster = createCluster({ seed: 1 })
    const r = runKubectl(cluster, 'apply -R -f app', opts)
    expect(r.stdout).toBe('configmap/a created\nconfigmap/b created\nconfigmap/c created\nconfigmap/d created\n')
  })

  it('a folder without manifests passes no objects', () => {
    const cluster = createCluster({ seed: 1 })
    const r = runKubectl(cluster, 'apply -f app/sub/none', { ...opts, listDir: (p) => (p === 'app/sub/none' ? ['x.txt'] : undefined) })
    expect(r.stderr).toBe('error: no objects passed to apply\n')
  })
})
