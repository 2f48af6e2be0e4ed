/**
 * A container's file system: its own writable layer, with the pod's volumes mounted over it
 * (kube: the runtime bind-mounts each volumeMount at its mountPath). A path under a mountPath
 * reads and writes the volume's tree, so what one container writes to an emptyDir the others
 * see. Beneath the writable layer lies the image's read-only tree with the kubelet's files
 * (images/root-layer.ts): a file written there hides the image's, a file removed is whited out,
 * as overlayfs does. It is a Map of path → content to the programs of ../images, with `list`,
 * `isDirectory`, `stat` and `mkdir` for ls, cd and test.
 */
import type { FileStat, RootLayer } from '../images/root-layer'
import { normalizePath } from '../images/paths'

export { normalizePath }

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


export interface ContainerFsOptions {
  /** The image's tree and the kubelet's files, beneath the writable layer. */
  root?: RootLayer
  /** Virtual time, for the mtime of written files. */
  now?: () => number
}

export class ContainerFs extends Map<string, string> {
  private readonly mounts: Mount[]
  readonly root?: RootLayer
  private readonly now: () => number
  private readonly createdAt: number
  /** Files of the image removed in this layer (overlayfs' whiteouts). */
  private whiteouts?: Set<string>
  /** Directories made in this layer. */
  private dirs?: Set<string>
  private mtimes?: Map<string, number>

  constructor(mounts: Mount[], files: Iterable<[string, string]> = [], options: ContainerFsOptions = {}) {
    super()
    // The deepest mount wins, as a mount over a mount hides what is beneath.
    this.mounts = [...mounts].sort((a, b) => b.mountPath.length - a.mountPath.length)
    for (const [k, v] of files) super.set(normalizePath(k), v)
    this.root = options.root
    this.now = options.now ?? (() => 0)
    this.createdAt = this.now()
  }

  /** The image's file at `p`, unless this layer removed it. */
  private lower(p: string): string | undefined {
    if (!this.root || this.whiteouts?.has(p)) return undefined
    return this.root.read(p)
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
    if (r) return r.mount.tree.get(r.key)
    const p = normalizePath(path)
    return super.get(p) ?? this.lower(p)
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
    else {
      const p = normalizePath(path)
      super.set(p, content)
      this.whiteouts?.delete(p)
      if (this.root) (this.mtimes ??= new Map()).set(p, this.now())
    }
    return this
  }

  override delete(path: string): boolean {
    const r = this.route(path)
    if (r) return !r.mount.readOnly && !r.mount.tree.readOnly && r.mount.tree.delete(r.key)
    const p = normalizePath(path)
    const upper = super.delete(p)
    if (this.lower(p) === undefined) return upper
    ;(this.whiteouts ??= new Set()).add(p)
    return true
  }

  /** `mkdir`: a directory of this layer (false when something is already there). */
  mkdir(path: string): boolean {
    const p = normalizePath(path)
    if (this.isDirectory(p) || this.has(p)) return false
    ;(this.dirs ??= new Set()).add(p)
    if (this.root) (this.mtimes ??= new Map()).set(p, this.now())
    return true
  }

  /** What `ls -l` shows of `path`; undefined when nothing is there. */
  stat(path: string): FileStat | undefined {
    const p = normalizePath(path)
    const base = { user: 'root', group: 'root', nlink: 1, mtime: this.mtimes?.get(p) ?? this.createdAt }
    const r = this.route(p)
    const text = r ? r.mount.tree.get(r.key) : super.get(p)
    if (text !== undefined) return { ...base, type: 'file', mode: '-rw-r--r--', size: new TextEncoder().encode(text).length }
    if (!r && !this.whiteouts?.has(p)) {
      const s = this.root?.stat(p)
      if (s) return s
    }
    if (this.isDirectory(p)) return { ...base, type: 'dir', mode: r ? 'drwxrwxrwx' : 'drwxr-xr-x', size: 4096, nlink: 2 }
    return undefined
  }

  /** A mount point, or a directory that holds a file. */
  isDirectory(path: string): boolean {
    const p = normalizePath(path)
    if (p === '/' || this.dirs?.has(p)) return true
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
    // Beneath a mount point only the volume's files show: the mount hides the image's.
    const mounted = this.mounts.some((m) => m.mountPath === p || p.startsWith(m.mountPath + '/'))
    for (const k of super.keys()) add(k)
    for (const d of this.dirs ?? []) add(d)
    let isDir = mounted
    if (!mounted && this.root && !this.whiteouts?.has(p)) {
      const lower = this.root.list(p)
      if (lower) {
        isDir = true
        for (const n of lower) if (!this.whiteouts?.has(`${prefix}${n}`)) names.add(n)
      }
    }
    for (const m of this.mounts) {
      add(m.mountPath)
      if (m.mountPath !== p && !p.startsWith(m.mountPath + '/')) continue
      for (const key of m.tree.keys()) {
        const inVolume = m.subPath ? (key.startsWith(m.subPath + '/') ? key.slice(m.subPath.length + 1) : undefined) : key
        if (inVolume !== undefined) add(normalizePath(`${m.mountPath}/${inVolume}`))
      }
    }
    if (!names.size && !isDir && !this.dirs?.has(p) && !this.mounts.some((m) => m.mountPath === p)) return undefined
    return [...names].sort()
  }
}
