/**
 * The container's files seen from a shell's working directory: after `cd /tmp`, `cat x` reads
 * /tmp/x. The applets take paths as given; this view makes a relative one absolute first.
 */
import type { FileStat, RootLayer } from './root-layer'
import { absolute } from './paths'

export { absolute }

/** The optional operations of kubelet/container-fs.ts ContainerFs. */
export interface TreeFs extends Map<string, string> {
  list?(path: string): string[] | undefined
  isDirectory?(path: string): boolean
  stat?(path: string): FileStat | undefined
  mkdir?(path: string): boolean
  readonly root?: RootLayer
}


export class CwdFs extends Map<string, string> implements TreeFs {
  constructor(private readonly fs: TreeFs, readonly cwd: string) {
    super()
  }

  private abs(path: string): string {
    return path === '-' ? path : absolute(path, this.cwd)
  }

  get root(): RootLayer | undefined { return this.fs.root }
  override get(path: string) { return this.fs.get(this.abs(path)) }
  override has(path: string) { return this.fs.has(this.abs(path)) }
  override set(path: string, content: string): this { this.fs.set(this.abs(path), content); return this }
  override delete(path: string) { return this.fs.delete(this.abs(path)) }
  override keys() { return this.fs.keys() }
  list(path: string) { return this.fs.list?.(this.abs(path)) }
  isDirectory(path: string) { return this.fs.isDirectory?.(this.abs(path)) ?? false }
  stat(path: string) { return this.fs.stat?.(this.abs(path)) }
  mkdir(path: string) { return this.fs.mkdir?.(this.abs(path)) ?? true }
}
