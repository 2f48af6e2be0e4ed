/**
 * `ls` as busybox and GNU coreutils print it without a terminal (kubectl exec without -t): one
 * name per line; `-l` in each one's long format (busybox's fixed widths, GNU's aligned columns),
 * `-a`/`-A` for dot files, `-d`, several operands with `dir:` headings.
 */
import { absolute } from './cwd-fs'
import type { FileStat } from './root-layer'
import type { OsFamily } from './image-os'
import type { Step } from './program'

type Run = Generator<Step, number, undefined>

/** The file operations ls needs (kubelet/container-fs.ts ContainerFs, seen from the shell's cwd). */
export interface ListingFs {
  has(path: string): boolean
  list?(path: string): string[] | undefined
  isDirectory?(path: string): boolean
  stat?(path: string): FileStat | undefined
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const SIX_MONTHS_MS = 182 * 24 * 3600 * 1000

/** `Oct  8 17:32`, or `Oct  8  2025` for a file older than six months (both ls's rule). */
function lsDate(mtime: number, now: number): string {
  const d = new Date(mtime)
  const day = String(d.getUTCDate()).padStart(2, ' ')
  const pad = (n: number) => String(n).padStart(2, '0')
  const tail = Math.abs(now - mtime) > SIX_MONTHS_MS ? ` ${d.getUTCFullYear()}` : `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  return `${MONTHS[d.getUTCMonth()]} ${day} ${tail}`
}

interface Row { name: string; stat: FileStat }

export function* ls(args: string[], fs: ListingFs, cwd: string, family: OsFamily, now: number): Run {
  const gnu = family === 'debian' || family === 'ubuntu'
  const flags = args.filter((a) => /^-[a-zA-Z1]+$/.test(a)).join('')
  const long = flags.includes('l')
  const all = flags.includes('a')
  const almost = flags.includes('A')
  const onlyDir = flags.includes('d')
  const operands = args.filter((a) => !/^-./.test(a))
  const targets = operands.length ? operands : ['.']
  const path = (t: string) => absolute(t, cwd)
  const stat = (p: string, name: string): FileStat => fs.stat?.(p) ?? (fs.isDirectory?.(p)
    ? { type: 'dir', mode: 'drwxr-xr-x', size: 4096, nlink: 2, mtime: now, user: 'root', group: 'root' }
    : { type: 'file', mode: '-rw-r--r--', size: name.length, nlink: 1, mtime: now, user: 'root', group: 'root' })
  let status = 0
  const files: Row[] = []
  const dirs: string[] = []
  for (const t of targets) {
    const p = path(t)
    const isDir = fs.isDirectory?.(p) === true
    if (!isDir && !fs.has(p) && !fs.stat?.(p)) {
      yield { kind: 'log', stream: 'stderr', line: gnu ? `ls: cannot access '${t}': No such file or directory` : `ls: ${t}: No such file or directory` }
      status = gnu ? 2 : 1
      continue
    }
    if (isDir && !onlyDir) dirs.push(t)
    else files.push({ name: t, stat: stat(p, t) })
  }
  const print = function* (rows: Row[], total: boolean): Generator<Step, void, undefined> {
    if (!long) {
      for (const r of rows) yield { kind: 'log', line: r.name }
      return
    }
    if (total) yield { kind: 'log', line: `total ${rows.reduce((n, r) => n + (r.stat.type === 'file' ? Math.ceil(r.stat.size / 4096) * 4 : r.stat.type === 'dir' && r.stat.size ? 4 : 0), 0)}` }
    const w = (f: (r: Row) => string) => Math.max(0, ...rows.map((r) => f(r).length))
    const [wl, wu, wg, ws] = [w((r) => String(r.stat.nlink)), w((r) => r.stat.user), w((r) => r.stat.group), w((r) => String(r.stat.size))]
    for (const { name, stat: s } of rows) {
      const link = s.type === 'link' && s.target ? ` -> ${s.target}` : ''
      const date = lsDate(s.mtime, now)
      yield {
        kind: 'log',
        line: gnu
          ? `${s.mode} ${String(s.nlink).padStart(wl)} ${s.user.padEnd(wu)} ${s.group.padEnd(wg)} ${String(s.size).padStart(ws)} ${date} ${name}${link}`
          : `${s.mode} ${String(s.nlink).padStart(4)} ${s.user.padEnd(8)} ${s.group.padEnd(8)} ${String(s.size).padStart(9)} ${date} ${name}${link}`,
      }
    }
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  yield* print(files, false)
  const headings = targets.length > 1
  for (let i = 0; i < dirs.length; i++) {
    const d = dirs[i]
    const p = path(d)
    let names = (fs.list?.(p) ?? []).filter((n) => all || almost || !n.startsWith('.'))
    if (all) names = ['.', '..', ...names]
    if (headings) {
      if (files.length || i > 0) yield { kind: 'log', line: '' }
      yield { kind: 'log', line: `${d}:` }
    }
    const child = (n: string) => (n === '.' ? p : n === '..' ? p.slice(0, p.lastIndexOf('/')) || '/' : `${p === '/' ? '' : p}/${n}`)
    yield* print(names.map((n) => ({ name: n, stat: stat(child(n), n) })), true)
  }
  return status
}

/** `which PROG…`: the first match on $PATH of each; exit 1 when one is missing (it prints nothing for it). */
export function* which(args: string[], fs: ListingFs): Run {
  const PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']
  let status = 0
  for (const name of args.filter((a) => !a.startsWith('-'))) {
    const hit = name.includes('/') ? (fs.has(name) ? name : undefined) : PATH.map((d) => `${d}/${name}`).find((p) => fs.has(p))
    if (hit) yield { kind: 'log', line: hit }
    else status = 1
  }
  return status
}
