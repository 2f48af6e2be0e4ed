/**
 * The terminal's own files (`cat > web.yaml <<EOF`, `kubectl apply -f web.yaml`): a flat map of
 * path → text under the home folder, folders being the paths' prefixes (an empty folder is kept as
 * `dir/`). It survives a reload through `persist` (localStorage in the page), capped at FILES_CAP bytes.
 */
import type { TerminalFiles } from '../../protocol/messages'
import { normalizePath } from '../../protocol/terminal-paths'

/** Browsers give a page about 5 MB of localStorage; the terminal keeps to a fifth of it. */
export const FILES_CAP = 1024 * 1024

export interface Persist {
  load(): string | null
  save(text: string): void
}

export class FileError extends Error {}

/** The terminal's path rules (shared with the worker). */
export const normalize = normalizePath

export class FileStore {
  private files = new Map<string, string>()

  constructor(private readonly persist?: Persist) {
    try {
      const saved = persist?.load()
      if (saved) for (const [k, v] of Object.entries(JSON.parse(saved) as TerminalFiles)) if (typeof v === 'string') this.files.set(k, v)
    } catch {
      // A damaged store starts empty, as a fresh home folder.
    }
  }

  snapshot(): TerminalFiles {
    return Object.fromEntries(this.files)
  }

  isFile(path: string): boolean {
    return this.files.has(normalize(path))
  }

  isDir(path: string): boolean {
    const p = normalize(path)
    if (!p) return true
    for (const k of this.files.keys()) if (k.startsWith(`${p}/`)) return true
    return false
  }

  read(path: string): string {
    const p = normalize(path)
    if (this.isDir(p)) throw new FileError(`${path}: Is a directory`)
    const text = this.files.get(p)
    if (text === undefined) throw new FileError(`${path}: No such file or directory`)
    return text
  }

  write(path: string, text: string, append = false): void {
    const p = normalize(path)
    if (!p || this.isDir(p)) throw new FileError(`${path}: Is a directory`)
    const parent = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : ''
    if (parent && !this.isDir(parent)) throw new FileError(`${path}: No such file or directory`)
    const next = append ? (this.files.get(p) ?? '') + text : text
    const size = this.size() - (this.files.get(p)?.length ?? 0) + next.length
    if (size > FILES_CAP) throw new FileError(`${path}: No space left on device`)
    this.files.set(p, next)
    if (parent) this.files.delete(`${parent}/`)
    this.save()
  }

  mkdir(path: string, parents = false): void {
    const p = normalize(path)
    if (this.files.has(p) || this.isDir(p)) {
      if (parents && this.isDir(p)) return
      throw new FileError(`cannot create directory '${path}': File exists`)
    }
    const parent = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : ''
    if (parent && !this.isDir(parent)) {
      if (!parents) throw new FileError(`cannot create directory '${path}': No such file or directory`)
      this.mkdir(parent, true)
      this.files.delete(`${parent}/`)
    }
    this.files.set(`${p}/`, '')
    this.save()
  }

  remove(path: string, recursive = false): void {
    const p = normalize(path)
    if (this.files.has(p)) {
      this.files.delete(p)
    } else if (this.isDir(p) && p) {
      if (!recursive) throw new FileError(`cannot remove '${path}': Is a directory`)
      for (const k of [...this.files.keys()]) if (k.startsWith(`${p}/`)) this.files.delete(k)
    } else throw new FileError(`cannot remove '${path}': No such file or directory`)
    const parent = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : ''
    // The folder stays when its last file goes.
    if (parent && !this.isDir(parent)) this.files.set(`${parent}/`, '')
    this.save()
  }

  /** The entries of a folder (folders end in `/`), sorted. */
  list(path: string): string[] {
    const p = normalize(path)
    const prefix = p ? `${p}/` : ''
    const out = new Set<string>()
    for (const k of this.files.keys()) {
      if (!k.startsWith(prefix)) continue
      const rest = k.slice(prefix.length)
      if (!rest) continue
      const slash = rest.indexOf('/')
      out.add(slash < 0 ? rest : rest.slice(0, slash + 1))
    }
    return [...out].sort()
  }

  private size(): number {
    let n = 0
    for (const [k, v] of this.files) n += k.length + v.length
    return n
  }

  private save(): void {
    try {
      this.persist?.save(JSON.stringify(this.snapshot()))
    } catch {
      // Storage full or blocked: the files still live for this page.
    }
  }
}
