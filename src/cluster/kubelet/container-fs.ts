/**
 * A container's file system: its own writable layer, with the pod's volumes mounted over it
 * (kube: the runtime bind-mounts each volumeMount at its mountPath). A path under a mountPath
 * reads and writes the volume's tree, so what one container writes to an emptyDir the others
 * see. It is a Map of path → content to the programs of ../images, which need no more.
 */

/** One volume's files, keyed by the path inside the volume (`data.txt`, `sub/dir/file`). */
export interface VolumeTree {
  get(key: string): string | undefined
  set(key: string, content: string): void
  delete(key: string): boolean
  keys(): Iterable<string>
  /** A tree the kubelet writes (downward API, projected, secrets…): the container cannot change it. */
  readonly readOnly?: boolean
}

export interface Mount {
  /** Normalised absolute path: `/input`. */
  mountPath: string
  tree: VolumeTree
  /** A sub-directory of the volume mounted instead of its root. */
  subPath?: string
  readOnly: boolean
}

/** `/a//b/./c/` → `/a/b/c`; relative paths start at `/` (the working directory of these programs). */
export function normalizePath(path: string): string {
  // NET helper (perf): already-normal paths (every HTTP request's file lookup) skip the split.
  if (path[0] === '/' && !path.includes('//') && !path.includes('/.') && (path.length === 1 || !path.endsWith('/'))) return path
  const parts: string[] = []
  for (const p of path.split('/')) {
    if (!p || p === '.') continue
    if (p === '..') parts.pop()
    else parts.push(p)
  }
  return '/' + parts.join('/')
}

export class ContainerFs extends Map<string, string> {
  private readonly mounts: Mount[]

  constructor(mounts: Mount[], files: Iterable<[string, string]> = []) {
    super()
    // The deepest mount wins, as a mount over a mount hides what is beneath.
    this.mounts = [...mounts].sort((a, b) => b.mountPath.length - a.mountPath.length)
    for (const [k, v] of files) super.set(normalizePath(k), v)
  }

  private route(path: string): { mount: Mount; key: string } | undefined {
    const p = normalizePath(path)
    for (const mount of this.mounts) {
      const root = mount.mountPath
      if (p !== root && !p.startsWith(root === '/' ? '/' : root + '/')) continue
      const rest = p.slice(root.length).replace(/^\//, '')
      const key = mount.subPath ? normalizePath(`${mount.subPath}/${rest}`).slice(1) : rest
      return { mount, key }
    }
    return undefined
  }

  override get(path: string): string | undefined {
    if (path === '/dev/null') return ''
    const r = this.route(path)
    return r ? r.mount.tree.get(r.key) : super.get(normalizePath(path))
  }

  /** A regular file (directories answer to isDirectory). */
  override has(path: string): boolean {
    return this.get(path) !== undefined
  }

  override set(path: string, content: string): this {
    if (path === '/dev/null') return this
    const r = this.route(path)
    // A read-only mount refuses the write (the program's own error is not modelled).
    if (r) { if (!r.mount.readOnly && !r.mount.tree.readOnly) r.mount.tree.set(r.key, content) }
    else super.set(normalizePath(path), content)
    return this
  }

  override delete(path: string): boolean {
    const r = this.route(path)
    if (r) return !r.mount.readOnly && !r.mount.tree.readOnly && r.mount.tree.delete(r.key)
    return super.delete(normalizePath(path))
  }

  /** A mount point, or a directory that holds a file. */
  isDirectory(path: string): boolean {
    const p = normalizePath(path)
    if (p === '/') return true
    return this.mounts.some((m) => m.mountPath === p || m.mountPath.startsWith(p + '/')) || this.list(p) !== undefined
  }

  /** The names in directory `path` (files and sub-directories), sorted; undefined if it is not one. */
  list(path: string): string[] | undefined {
    const p = normalizePath(path)
    const prefix = p === '/' ? '/' : p + '/'
    const names = new Set<string>()
    const add = (full: string) => {
      if (full.startsWith(prefix) && full.length > prefix.length) names.add(full.slice(prefix.length).split('/')[0])
    }
    for (const k of super.keys()) add(k)
    for (const m of this.mounts) {
      add(m.mountPath)
      if (m.mountPath !== p && !p.startsWith(m.mountPath + '/')) continue
      for (const key of m.tree.keys()) {
        const inVolume = m.subPath ? (key.startsWith(m.subPath + '/') ? key.slice(m.subPath.length + 1) : undefined) : key
        if (inVolume !== undefined) add(normalizePath(`${m.mountPath}/${inVolume}`))
      }
    }
    if (!names.size && !this.mounts.some((m) => m.mountPath === p)) return undefined
    return [...names].sort()
  }
}
