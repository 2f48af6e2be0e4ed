/**
 * busybox's text applets, enough for the Kubernetes docs' one-liners: `rev`, `cut`, `head`,
 * `tail`, `wc`, `sort`, `uniq`, `tr`, `seq`, `expr`, `basename`, `dirname`, `whoami`, `id`,
 * `uname`, `ls`, `mkdir`, `cp`, `mv`, `tee`, `grep`. Each reads its files, or the lines piped into
 * it, and prints as busybox does.
 */
import type { ProgramContext, Step } from './program'

type Run = Generator<Step, number, undefined>
const out = (line: string): Step => ({ kind: 'log', line })
const err = (line: string): Step => ({ kind: 'log', line, stream: 'stderr' })

interface Io {
  fs: Map<string, string>
  /** Lines piped in (undefined: a terminal-less stdin, which is empty). */
  stdin?: string[]
  ctx: ProgramContext
}

/** Runs `cmd` when it is one of these applets; undefined otherwise. */
export function textApplet(cmd: string, args: string[], io: Io): Run | undefined {
  switch (cmd) {
    case 'rev': return lines(cmd, args, io, (all) => all.map((l) => [...l].reverse().join('')))
    case 'head': return lines(cmd, args, io, (all, n) => all.slice(0, n ?? 10))
    case 'tail': return lines(cmd, args, io, (all, n) => (n === 0 ? [] : all.slice(-(n ?? 10))))
    case 'sort': return lines(cmd, args, io, (all) => sortLines(all, args))
    case 'uniq': return lines(cmd, args, io, (all) => all.filter((l, i) => i === 0 || all[i - 1] !== l))
    case 'cut': return cut(args, io)
    case 'wc': return wc(args, io)
    case 'tr': return tr(args, io)
    case 'grep': return grep(args, io)
    case 'tee': return tee(args, io)
    case 'seq': return seq(args)
    case 'expr': return expr(args)
    case 'basename': return once(basename(args[0] ?? '', args[1]))
    case 'dirname': return once(dirname(args[0] ?? ''))
    case 'whoami': return once('root')
    case 'id': return once('uid=0(root) gid=0(root) groups=0(root),10(wheel)')
    case 'uname': return once(uname(args, io.ctx))
    case 'ls': return ls(args, io)
    case 'mkdir': return silent()
    case 'cp': case 'mv': return copy(cmd, args, io)
    default: return undefined
  }
}

// eslint-disable-next-line require-yield
function* silent(): Run {
  return 0
}

function* once(line: string): Run {
  yield out(line)
  return 0
}

const operands = (args: string[]) => args.filter((a) => !/^-./.test(a))

/** The text of the operands (or stdin), as lines without their final newline. */
function* input(cmd: string, files: string[], io: Io): Generator<Step, string[] | undefined, undefined> {
  if (!files.length || (files.length === 1 && files[0] === '-')) return io.stdin ?? []
  const all: string[] = []
  for (const f of files) {
    const text = io.fs.get(f)
    if (text === undefined) {
      yield err(`${cmd}: can't open '${f}': No such file or directory`)
      return undefined
    }
    const fileLines = text.split('\n')
    if (fileLines[fileLines.length - 1] === '') fileLines.pop()
    all.push(...fileLines)
  }
  return all
}

/** `-n 5`, `-n5`, `-5`: a count option of head and tail. */
function count(args: string[]): { n?: number; files: string[] } {
  let n: number | undefined
  const files: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '-n') n = Number(args[++i])
    else if (/^-n\d+$/.test(a)) n = Number(a.slice(2))
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1))
    else if (a === '-f') continue
    else if (!/^-./.test(a)) files.push(a)
  }
  return { n, files }
}

function* lines(cmd: string, args: string[], io: Io, f: (all: string[], n?: number) => string[]): Run {
  const { n, files } = count(args)
  const all = yield* input(cmd, files, io)
  if (!all) return 1
  for (const l of f(all, n)) yield out(l)
  // `tail -f` keeps following the file.
  if (cmd === 'tail' && args.includes('-f')) yield { kind: 'sleep', ms: Infinity }
  return 0
}

function sortLines(all: string[], args: string[]): string[] {
  const flags = args.filter((a) => a.startsWith('-')).join('')
  const numeric = flags.includes('n')
  const sorted = [...all].sort((a, b) => (numeric ? (Number.parseFloat(a) || 0) - (Number.parseFloat(b) || 0) : a < b ? -1 : a > b ? 1 : 0))
  if (flags.includes('r')) sorted.reverse()
  return flags.includes('u') ? sorted.filter((l, i) => i === 0 || sorted[i - 1] !== l) : sorted
}

/** Field lists as cut takes them: `1`, `1,3`, `2-`, `-2`, `1-3`. */
function inList(list: string, i: number): boolean {
  return list.split(',').some((r) => {
    const [a, b] = r.split('-')
    if (!r.includes('-')) return Number(r) === i
    return i >= (a ? Number(a) : 1) && (b === '' || b === undefined ? true : i <= Number(b))
  })
}

function* cut(args: string[], io: Io): Run {
  let delim = '\t'
  let fields: string | undefined
  let chars: string | undefined
  const files: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    const value = (flag: string) => (a.length > 2 ? a.slice(2) : args[++i]) ?? flag
    if (a.startsWith('-d')) delim = value('')
    else if (a.startsWith('-f')) fields = value('')
    else if (a.startsWith('-c') || a.startsWith('-b')) chars = value('')
    else files.push(a)
  }
  const all = yield* input('cut', files, io)
  if (!all) return 1
  for (const l of all) {
    if (chars !== undefined) yield out([...l].filter((_, i) => inList(chars!, i + 1)).join(''))
    else if (fields !== undefined) {
      // cut prints a line without the delimiter whole.
      if (!l.includes(delim)) { yield out(l); continue }
      yield out(l.split(delim).filter((_, i) => inList(fields!, i + 1)).join(delim))
    }
  }
  return 0
}

function* wc(args: string[], io: Io): Run {
  const flags = args.filter((a) => a.startsWith('-')).join('')
  const files = operands(args)
  const text = files.length ? files.map((f) => io.fs.get(f)) : [io.stdin ? io.stdin.map((l) => l + '\n').join('') : '']
  const picked = (['l', 'w', 'c'] as const).filter((k) => flags.includes(k))
  const shown = picked.length ? picked : (['l', 'w', 'c'] as const)
  // busybox: a single count of a single input is not padded; otherwise each is 9 wide.
  const pad = shown.length > 1 || files.length > 1
  const total = { l: 0, w: 0, c: 0 }
  const line = (counts: typeof total, name?: string) =>
    [...shown.map((k) => (pad ? String(counts[k]).padStart(9) : String(counts[k]))), ...(name ? [name] : [])].join(' ')
  let status = 0
  for (let i = 0; i < text.length; i++) {
    const t = text[i]
    if (t === undefined) { yield err(`wc: can't open '${files[i]}': No such file or directory`); status = 1; continue }
    const counts = { l: (t.match(/\n/g) ?? []).length, w: t.split(/\s+/).filter(Boolean).length, c: new TextEncoder().encode(t).length }
    for (const k of shown) total[k] += counts[k]
    yield out(line(counts, files[i]))
  }
  if (files.length > 1) yield out(line(total, 'total'))
  return status
}

/** `a-z`, `[:lower:]`, escapes: the characters of a tr set. */
function trSet(spec: string): string[] {
  const classes: Record<string, string> = { '[:lower:]': 'a-z', '[:upper:]': 'A-Z', '[:digit:]': '0-9', '[:space:]': ' \t\n' }
  const s = spec.replace(/\[:\w+:\]/g, (m) => classes[m] ?? m).replace(/\\n/g, '\n').replace(/\\t/g, '\t')
  const chars: string[] = []
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === '-' && i + 2 < s.length) {
      for (let c = s.charCodeAt(i); c <= s.charCodeAt(i + 2); c++) chars.push(String.fromCharCode(c))
      i += 2
    } else chars.push(s[i])
  }
  return chars
}

function* tr(args: string[], io: Io): Run {
  const del = args[0] === '-d'
  const sets = del ? args.slice(1) : args
  const from = trSet(sets[0] ?? '')
  const to = trSet(sets[1] ?? '')
  const text = (io.stdin ?? []).map((l) => l + '\n').join('')
  let result = ''
  for (const ch of text) {
    const i = from.indexOf(ch)
    if (i < 0) result += ch
    else if (!del) result += to[Math.min(i, to.length - 1)] ?? ch
  }
  const resultLines = result.split('\n')
  if (resultLines[resultLines.length - 1] === '') resultLines.pop()
  for (const l of resultLines) yield out(l)
  return 0
}

function* grep(args: string[], io: Io): Run {
  const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('')
  const [pattern = '', ...files] = operands(args)
  const all = yield* input('grep', files, io)
  if (!all) return 2
  let re: RegExp
  try {
    re = new RegExp(pattern, flags.includes('i') ? 'i' : '')
  } catch {
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  }
  const hits = all.filter((l) => re.test(l) !== flags.includes('v'))
  if (flags.includes('c')) yield out(String(hits.length))
  else if (!flags.includes('q')) for (const l of hits) yield out(l)
  return hits.length ? 0 : 1
}

function* tee(args: string[], io: Io): Run {
  const append = args.includes('-a')
  const text = (io.stdin ?? []).map((l) => l + '\n').join('')
  for (const f of operands(args)) io.fs.set(f, (append ? io.fs.get(f) ?? '' : '') + text)
  for (const l of io.stdin ?? []) yield out(l)
  return 0
}

function* seq(args: string[]): Run {
  const n = args.map(Number)
  const [first, step, last] = n.length === 1 ? [1, 1, n[0]] : n.length === 2 ? [n[0], 1, n[1]] : [n[0], n[1], n[2]]
  if (n.some(Number.isNaN) || step === 0) {
    yield err(`seq: invalid number '${args.find((a) => Number.isNaN(Number(a))) ?? '0'}'`)
    return 1
  }
  for (let i = first, k = 0; (step > 0 ? i <= last : i >= last) && k < 100_000; i += step, k++) yield out(String(i))
  return 0
}

/** `expr 1 + 2`, `expr $i \* 3`, comparisons; exits 1 when the result is 0 or empty. */
function* expr(args: string[]): Run {
  const [a, op, b] = args
  let v: string
  if (op === undefined) v = a ?? ''
  else {
    const x = Number(a)
    const y = Number(b)
    const num = !Number.isNaN(x) && !Number.isNaN(y)
    switch (op) {
      case '+': v = String(x + y); break
      case '-': v = String(x - y); break
      case '*': v = String(x * y); break
      case '/': if (y === 0) { yield err('expr: division by zero'); return 2 } v = String(Math.trunc(x / y)); break
      case '%': if (y === 0) { yield err('expr: division by zero'); return 2 } v = String(x % y); break
      case '=': v = String(Number(a === b)); break
      case '!=': v = String(Number(a !== b)); break
      case '<': v = String(Number(num ? x < y : a < b)); break
      case '>': v = String(Number(num ? x > y : a > b)); break
      case '<=': v = String(Number(num ? x <= y : a <= b)); break
      case '>=': v = String(Number(num ? x >= y : a >= b)); break
      default: yield err('expr: syntax error'); return 2
    }
  }
  yield out(v)
  return v === '0' || v === '' ? 1 : 0
}

function basename(path: string, suffix?: string): string {
  const trimmed = path.replace(/\/+$/, '')
  let base = trimmed ? trimmed.slice(trimmed.lastIndexOf('/') + 1) : path ? '/' : ''
  if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length)
  return base
}

function dirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  const i = trimmed.lastIndexOf('/')
  if (i < 0) return '.'
  return i === 0 ? '/' : trimmed.slice(0, i)
}

/** The node's kernel, as a kind node reports it. */
function uname(args: string[], ctx: ProgramContext): string {
  const all = { s: 'Linux', n: ctx.hostname, r: '6.8.0-60-generic', v: '#63-Ubuntu SMP PREEMPT_DYNAMIC', m: 'x86_64' }
  const flags = args.join('').replace(/-/g, '')
  if (flags.includes('a')) return `${all.s} ${all.n} ${all.r} ${all.v} ${all.m} GNU/Linux`
  const picked = (['s', 'n', 'r', 'v', 'm'] as const).filter((k) => flags.includes(k))
  return (picked.length ? picked : (['s'] as const)).map((k) => all[k]).join(' ')
}

interface Listing { list?(path: string): string[] | undefined; isDirectory?(path: string): boolean }

function* ls(args: string[], io: Io): Run {
  const fs = io.fs as Map<string, string> & Listing
  const targets = operands(args)
  let status = 0
  for (const t of targets.length ? targets : ['/']) {
    if (fs.has(t)) { yield out(t); continue }
    const names = fs.list?.(t)
    if (!names) {
      yield err(`ls: ${t}: No such file or directory`)
      status = 1
      continue
    }
    for (const n of names) yield out(n)
  }
  return status
}

function* copy(cmd: string, args: string[], io: Io): Run {
  const [from, to] = operands(args)
  const text = from === undefined ? undefined : io.fs.get(from)
  if (text === undefined || to === undefined) {
    yield err(`${cmd}: can't stat '${from ?? ''}': No such file or directory`)
    return 1
  }
  const fs = io.fs as Map<string, string> & Listing
  const target = fs.isDirectory?.(to) ? `${to.replace(/\/$/, '')}/${basename(from!)}` : to
  fs.set(target, text)
  if (cmd === 'mv') fs.delete(from!)
  return 0
}
