import { describe, expect, it } from 'vitest'
import { createCluster } from './cluster/cluster'
import { runKubectl } from './cluster/kubectl/index'
import { entriesOf, fileOptions, normalizePath } from './worker-files'

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`
const examples = {
  read: (p: string) => {
    if (p === 'pods/simple-pod.yaml') return 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.14.2\n'
    throw new Error('404')
  },
  list: () => ['pods/simple-pod.yaml', 'service/nginx-service.yaml'],
}

describe('terminal files for kubectl -f', () => {
  it('normalises paths to the home folder', () => {
    expect(normalizePath('./a/../b.yaml')).toBe('b.yaml')
    expect(normalizePath('~/web/x.yaml')).toBe('web/x.yaml')
    expect(entriesOf(['web/a.yaml', 'web/sub/b.yaml', 'c.yaml', 'empty/'], '')).toEqual(['c.yaml', 'empty/', 'web/'])
  })

  it('kubectl applies a file, a folder, and an example the terminal can reach', () => {
    const c = createCluster({ seed: 1 })
    const opts = fileOptions({ 'one.yaml': cm('one'), 'app/b.yaml': cm('b'), 'app/a.yaml': cm('a') }, examples)
    expect(runKubectl(c, 'apply -f ./one.yaml', opts).stdout).toBe('configmap/one created\n')
    expect(runKubectl(c, 'apply -f app/', opts).stdout).toBe('configmap/a created\nconfigmap/b created\n')
    expect(runKubectl(c, 'apply -f examples/pods/simple-pod.yaml', opts).stdout).toBe('pod/nginx created\n')
    expect(runKubectl(c, 'apply -f nope.yaml', opts).stderr).toBe('error: the path "nope.yaml" does not exist\n')
    expect(opts.listDir!('examples')).toEqual(['pods/', 'service/'])
  })
})
