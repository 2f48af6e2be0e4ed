import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1'
import { RootLayer } from '../images/root-layer'
import { ContainerFs, type VolumeTree } from './container-fs'

const root = (image: string) => new RootLayer({ image, container: { name: 'c' }, pod: () => ({ metadata: { name: 'p' }, spec: { containers: [] } }) as Pod, podIP: () => '10.0.0.1', now: 0 })
const volume = (files: Record<string, string>): VolumeTree => new Map(Object.entries(files))

describe('ContainerFs over an image', () => {
  it('reads the image beneath the writable layer; a write hides the image file; rm whites it out', () => {
    const fs = new ContainerFs([], [], { root: root('nginx:1.27') })
    expect(fs.get('/usr/share/nginx/html/index.html')).toContain('Welcome to nginx!')
    fs.set('/usr/share/nginx/html/index.html', 'mine')
    expect(fs.get('/usr/share/nginx/html/index.html')).toBe('mine')
    expect(fs.delete('/usr/share/nginx/html/index.html')).toBe(true)
    expect(fs.get('/usr/share/nginx/html/index.html')).toBeUndefined()
    expect(fs.list('/usr/share/nginx/html')).toEqual(['50x.html'])
  })

  it("a volume mounted over an image directory hides the image's files there (kube: bind mount)", () => {
    const fs = new ContainerFs([{ mountPath: '/etc/nginx/conf.d', tree: volume({ 'site.conf': 'x' }), readOnly: false }], [], { root: root('nginx:1.27') })
    expect(fs.list('/etc/nginx/conf.d')).toEqual(['site.conf'])
    expect(fs.get('/etc/nginx/conf.d/default.conf')).toBeUndefined()
    expect(fs.list('/etc/nginx')).toEqual(['conf.d', 'nginx.conf'])
  })

  it('mkdir makes an empty directory; /etc lists the kubelet files', () => {
    const fs = new ContainerFs([], [], { root: root('busybox') })
    expect(fs.mkdir('/data')).toBe(true)
    expect(fs.isDirectory('/data')).toBe(true)
    expect(fs.list('/data')).toEqual([])
    expect(fs.mkdir('/data')).toBe(false)
    expect(fs.list('/etc')).toEqual(['group', 'hostname', 'hosts', 'passwd', 'resolv.conf'])
  })
})
