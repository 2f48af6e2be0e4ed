/**
 * A very small POSIX-ish shell, enough for the one-liners the Kubernetes docs put in `command:`:
 * `echo`, `sleep`, `exit N`, `date`, variables and bash arrays, `$((i+1))`, `while true; do …; done`,
 * `for … in`, `if … then … fi`, `&&`, `||` and pipes. It runs as a generator of steps on the virtual clock.
 */
import { applet } from './applets'
import { textApplet } from './coreutils'
import { absolute, CwdFs, type TreeFs } from './cwd-fs'
import { imageOs, notFound, ships, type ImageOs } from './image-os'
import { ls, which } from './ls'
import type { Program, ProgramContext, Step } from './program'
import { ps } from './ps'

type Part = { text: string; quote: 'none' | 'single' | 'double' }
type Word = Part[]
type Op = ';' | '&&' | '||' | '|'
type Token = { word: Word } | { op: Op }

interface ListItem { op: Op; node: Node }
type List = ListItem[]
type Node =
  | { t: 'simple'; words: Word[] }
  | { t: 'while'; until: boolean; cond: List; body: List }
  | { t: 'for'; name: string; items: Word[]; body: List }
  | { t: 'if'; cond: List; then: List; else?: List }
  /** `a | b`: each stage's output is the next one's input (read whole: stages run one after another). */
  | { t: 'pipe'; stages: Node[] }

// A loop whose body takes no time would spin forever at one instant; real shells print
// thousands of lines a second, this one 100.
const MIN_LOOP_ITERATION_MS = 10

/** `script` run by `shell` (`sh`: the image's /bin/sh, busybox ash or dash; `bash`). */
export function shellProgram(script: string, shell = 'sh'): Program {
  return {
    *steps(ctx) {
      const root = (ctx.fs as TreeFs | undefined)?.root
      const state: State = { ctx, vars: new Map(Object.entries(ctx.env)), exit: undefined, status: 0, cwd: root?.workingDir ?? '/', shell }
      let list: List
      try {
        list = parse(tokenize(script))
      } catch (e) {
        yield { kind: 'log', line: `${shell}: syntax error: ${(e as Error).message}`, stream: 'stderr' }
        yield { kind: 'exit', code: 2 }
        return
      }
      const status = yield* runList(list, state)
      yield { kind: 'exit', code: state.exit ?? status }
    },
    // kube: a shell as PID 1 has no SIGTERM handler, so `kubectl delete` waits the whole grace period.
    stopAfterSigterm: () => undefined,
  }
}

// ---- tokenizer ------------------------------------------------------------------------------

function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  let word: Word | undefined
  const push = (text: string, quote: Part['quote']) => (word ??= []).push({ text, quote })
  const endWord = () => {
    if (word) out.push({ word })
    word = undefined
  }
  while (i < src.length) {
    const c = src[i]
    if (c === ' ' || c === '\t') { endWord(); i++; continue }
    if (c === '\n' || c === ';') { endWord(); out.push({ op: ';' }); i++; continue }
    if (c === '&' || c === '|') {
      endWord()
      const two = src.slice(i, i + 2)
      if (two === '&&' || two === '||') { out.push({ op: two }); i += 2 } else { out.push({ op: c === '|' ? '|' : ';' }); i++ }
      continue
    }
    if (c === '#' && !word) { while (i < src.length && src[i] !== '\n') i++; continue }
    if (c === "'") {
      const end = src.indexOf("'", i + 1)
      if (end < 0) throw new Error('unterminated quoted string')
      push(src.slice(i + 1, end), 'single')
      i = end + 1
      continue
    }
    if (c === '"') {
      let j = i + 1
      let text = ''
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) { text += src[j + 1]; j += 2; continue }
        if (src[j] === '$' && src[j + 1] === '(') {
          const end = matchParen(src, j + 1)
          text += src.slice(j, end + 1)
          j = end + 1
          continue
        }
        text += src[j++]
      }
      if (j >= src.length) throw new Error('unterminated quoted string')
      push(text, 'double')
      i = j + 1
      continue
    }
    if (c === '\\' && i + 1 < src.length) { push(src[i + 1], 'single'); i += 2; continue }
    if (c === '$' && src[i + 1] === '(') {
      const end = matchParen(src, i + 1)
      push(src.slice(i, end + 1), 'none')
      i = end + 1
      continue
    }
    let j = i
    // A bash array assignment, `items=(foo bar)`: the list is one word.
    const array = word ? null : /^[A-Za-z_]\w*=\(/.exec(src.slice(i, i + 256))
    if (array) {
      const end = matchParen(src, i + array[0].length - 1)
      push(src.slice(i, end + 1), 'none')
      i = end + 1
      continue
    }
    while (j < src.length && !' \t\n;&|\'"\\'.includes(src[j]) && !(src[j] === '$' && src[j + 1] === '(' && j > i)) j++
    push(src.slice(i, j), 'none')
    i = j
  }
  endWord()
  return out
}

function matchParen(src: string, open: number): number {
  let depth = 0
  for (let k = open; k < src.length; k++) {
    if (src[k] === '(') depth++
    else if (src[k] === ')' && --depth === 0) return k
  }
  throw new Error("unexpected end of file (expecting ')')")
}

// ---- parser ---------------------------------------------------------------------------------

function parse(tokens: Token[]): List {
  let pos = 0
  const keyword = (t: Token | undefined): string | undefined =>
    t && 'word' in t && t.word.length === 1 && t.word[0].quote === 'none' ? t.word[0].text : undefined
  const skipSeparators = () => { while (pos < tokens.length && 'op' in tokens[pos] && (tokens[pos] as { op: Op }).op === ';') pos++ }
  const expect = (kw: string) => {
    skipSeparators()
    if (keyword(tokens[pos]) !== kw) throw new Error(`expecting "${kw}"`)
    pos++
  }

  function list(...terminators: string[]): List {
    const items: List = []
    let op: Op = ';'
    for (;;) {
      skipSeparators()
      const kw = keyword(tokens[pos])
      if (pos >= tokens.length || (kw && terminators.includes(kw))) return items
      let node = command()
      while (pos < tokens.length && 'op' in tokens[pos] && (tokens[pos] as { op: Op }).op === '|') {
        pos++
        skipSeparators()
        node = node.t === 'pipe' ? { t: 'pipe', stages: [...node.stages, command()] } : { t: 'pipe', stages: [node, command()] }
      }
      items.push({ op, node })
      const t = tokens[pos]
      op = t && 'op' in t ? t.op : ';'
      if (t && 'op' in t) pos++
    }
  }

  function command(): Node {
    const kw = keyword(tokens[pos])
    if (kw === 'while' || kw === 'until') {
      pos++
      const cond = list('do')
      expect('do')
      const body = list('done')
      expect('done')
      return { t: 'while', until: kw === 'until', cond, body }
    }
    if (kw === 'for') {
      pos++
      const name = keyword(tokens[pos++]) ?? ''
      const items: Word[] = []
      if (keyword(tokens[pos]) === 'in') {
        pos++
        while (pos < tokens.length && 'word' in tokens[pos]) items.push((tokens[pos++] as { word: Word }).word)
      }
      expect('do')
      const body = list('done')
      expect('done')
      return { t: 'for', name, items, body }
    }
    if (kw === 'if') {
      pos++
      const cond = list('then')
      expect('then')
      const then = list('else', 'fi')
      let otherwise: List | undefined
      if (keyword(tokens[pos]) === 'else') { pos++; otherwise = list('fi') }
      expect('fi')
      return { t: 'if', cond, then, else: otherwise }
    }
    const words: Word[] = []
    while (pos < tokens.length && 'word' in tokens[pos]) words.push((tokens[pos++] as { word: Word }).word)
    return { t: 'simple', words }
  }

  const result = list()
  if (pos < tokens.length) throw new Error('unexpected token')
  return result
}

// ---- interpreter ----------------------------------------------------------------------------

interface State {
  ctx: ProgramContext
  vars: Map<string, string>
  exit: number | undefined
  status: number
  /** Bash arrays by name (`$name` is element 0). */
  arrays?: Map<string, string[]>
  /** The lines piped into the current command. */
  stdin?: string[]
  /** Variables the script exported (they join the environment `env` prints). */
  exported?: Set<string>
  /** The working directory (`cd`, `pwd`; relative paths start here). */
  cwd: string
  /** The shell's name as it words its errors: `sh`, `bash`. */
  shell: string
}

/** The container's files as this shell sees them (relative to its working directory). */
function fsOf(s: State): Map<string, string> {
  const fs = s.ctx.fs ?? new Map<string, string>()
  return s.cwd === '/' ? fs : new CwdFs(fs, s.cwd)
}

const osOf = (s: State): ImageOs => imageOs(s.ctx.image)

type Run = Generator<Step, number, undefined>

function* runList(list: List, s: State): Run {
  let status = s.status
  for (const { op, node } of list) {
    if (s.exit !== undefined) return s.exit
    if (op === '&&' && status !== 0) continue
    if (op === '||' && status === 0) continue
    status = yield* runNode(node, s)
    s.status = status
  }
  return status
}

function* runNode(node: Node, s: State): Run {
  switch (node.t) {
    case 'simple': {
      const { words, redirect } = redirections(node.words, s)
      if (!redirect) return yield* runSimple(words, s)
      return yield* redirected(runSimple(words, s), redirect, s)
    }
    case 'while': {
      let status = 0
      for (;;) {
        const c = yield* runList(node.cond, s)
        if (s.exit !== undefined || (c === 0) === node.until) return status
        const before = s.ctx.now()
        status = yield* runList(node.body, s)
        if (s.exit !== undefined) return status
        if (s.ctx.now() === before) yield { kind: 'sleep', ms: MIN_LOOP_ITERATION_MS }
      }
    }
    case 'for': {
      let status = 0
      const items = node.items.flatMap((w) => expand(w, s).split(/\s+/).filter(Boolean))
      for (const item of items) {
        s.vars.set(node.name, item)
        status = yield* runList(node.body, s)
        if (s.exit !== undefined) return status
      }
      return status
    }
    case 'if': {
      const c = yield* runList(node.cond, s)
      if (c === 0) return yield* runList(node.then, s)
      return node.else ? yield* runList(node.else, s) : 0
    }
    case 'pipe': {
      let stdin = s.stdin
      let status = 0
      for (let i = 0; i < node.stages.length; i++) {
        const stage = runNode(node.stages[i], { ...s, stdin })
        if (i === node.stages.length - 1) return yield* stage
        const lines: string[] = []
        for (;;) {
          const r = stage.next()
          if (r.done) { status = r.value; break }
          if (r.value.kind === 'log' && r.value.stream !== 'stderr') lines.push(r.value.line)
          else if (r.value.kind !== 'exit') yield r.value
        }
        stdin = lines
      }
      return status
    }
  }
}

// busybox applets that succeed silently here; networking ones come with the network simulation.
const QUIET_APPLETS = new Set(['cd', 'touch', 'mkdir', 'rm', 'cp', 'mv', 'ls', 'cat', 'trap', 'test', '[', 'chmod', 'wait', 'set'])

function* runSimple(words: string[], s: State): Run {
  while (words.length && /^[A-Za-z_]\w*=/.test(words[0])) {
    const w = words.shift()!
    const eq = w.indexOf('=')
    const name = w.slice(0, eq)
    const value = w.slice(eq + 1)
    const array = /^\(([\s\S]*)\)$/.exec(value)
    if (array) {
      const items = array[1].split(/\s+/).filter(Boolean)
      ;(s.arrays ??= new Map()).set(name, items)
      s.vars.set(name, items[0] ?? '')
    } else s.vars.set(name, value)
  }
  if (!words.length) return 0
  const [cmd, ...args] = words
  switch (cmd) {
    case 'echo': {
      let flags = ''
      while (args.length && /^-[neE]+$/.test(args[0])) flags += args.shift()!.slice(1)
      let text = args.join(' ')
      // busybox's echo -e: \n, \t and \\ escapes; `\c` ends the output.
      if (flags.includes('e')) text = text.replace(/\\(n|t|\\|c)/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', c: '' })[c]!)
      const lines = text.split('\n')
      if (flags.includes('n') && lines[lines.length - 1] === '') lines.pop()
      for (const line of lines) yield { kind: 'log', line }
      return 0
    }
    case 'printf': {
      const text = printf(args[0] ?? '', args.slice(1))
      const lines = text.split('\n')
      if (lines[lines.length - 1] === '') lines.pop()
      for (const line of lines) yield { kind: 'log', line }
      return 0
    }
    case 'sleep': {
      const ms = parseSleep(args[0])
      if (ms === undefined) {
        yield { kind: 'log', line: `sleep: invalid number '${args[0] ?? ''}'` }
        return 1
      }
      yield { kind: 'sleep', ms }
      return 0
    }
    case 'tail':
      // `tail -f /dev/null`: the docs' way of running forever.
      if (args.includes('-f') && args.includes('/dev/null')) {
        yield { kind: 'sleep', ms: Infinity }
        return 0
      }
      return yield* textApplet('tail', args, { fs: fsOf(s), stdin: s.stdin, ctx: s.ctx })!
    case 'exit':
      s.exit = args[0] === undefined ? s.status : Number.parseInt(args[0], 10) & 0xff
      return s.exit
    case 'export':
      for (const a of args) {
        const eq = a.indexOf('=')
        const name = eq < 0 ? a : a.slice(0, eq)
        if (eq >= 0) s.vars.set(name, a.slice(eq + 1))
        ;(s.exported ??= new Set()).add(name)
      }
      return 0
    case 'true': case ':':
      return 0
    case 'false':
      return 1
    case 'date':
      yield { kind: 'log', line: formatDate(s.ctx.now()) }
      return 0
    case 'hostname':
      yield { kind: 'log', line: s.ctx.hostname }
      return 0
    case 'env': case 'printenv':
      if (cmd === 'printenv' && args.length) {
        let status = 0
        for (const name of args) {
          const v = s.vars.get(name)
          if (v === undefined) status = 1
          else yield { kind: 'log', line: v }
        }
        return status
      }
      for (const [k, v] of s.vars) if (exported(k, s)) yield { kind: 'log', line: `${k}=${v}` }
      return 0
    case 'cd': {
      const target = absolute(args[0] ?? s.vars.get('HOME') ?? '/root', s.cwd)
      const fs = s.ctx.fs as TreeFs | undefined
      if (fs?.isDirectory && !fs.isDirectory(target)) {
        const os = osOf(s)
        const dash = os.family === 'debian' || os.family === 'ubuntu'
        const why = fs.has(target) ? 'Not a directory' : 'No such file or directory'
        yield { kind: 'log', stream: 'stderr', line: s.shell === 'bash' ? `bash: line 1: cd: ${args[0]}: ${why}` : dash ? `sh: 1: cd: can't cd to ${args[0]}` : `sh: cd: can't cd to ${args[0]}: ${why}` }
        return s.shell === 'bash' ? 1 : 2
      }
      s.cwd = target
      return 0
    }
    case 'pwd':
      yield { kind: 'log', line: s.cwd }
      return 0
    default:
      return yield* runProgram(cmd, args, s)
  }
}

// Programs every image has, whatever its base (shell builtins in dash and bash too).
const ALWAYS = new Set(['cat', 'ls', 'test', '[', '[[', 'kill', 'trap', 'wait', 'set', 'cd', 'pwd'])

/** A program of the image: on its $PATH (or a path to it), or the shell's `not found` (127). */
function* runProgram(path: string, args: string[], s: State): Run {
  const os = osOf(s)
  const fs = fsOf(s) as TreeFs
  let cmd = path
  if (path.includes('/')) {
    // `/bin/ps`: a path to a file of the image (only images with a known tree say no).
    if (fs.root && !fs.has(path)) return yield* missing(os, s, path)
    cmd = path.slice(path.lastIndexOf('/') + 1)
  } else if (!ALWAYS.has(cmd) && !ships(os, cmd)) return yield* missing(os, s, cmd)
  // Each program run is a new process of the container (ps shows the next PID).
  const pid = fs.root?.spawn()
  switch (cmd) {
    case 'ps': return yield* ps(args, { family: os.family, processes: fs.root?.processes() ?? [], pid: pid ?? 7, now: s.ctx.now() })
    case 'ls': return yield* ls(args, s.ctx.fs ?? new Map<string, string>(), s.cwd, os.family, s.ctx.now())
    case 'which': return yield* which(args, fs)
    case 'mkdir':
      for (const a of args) if (!a.startsWith('-')) fs.mkdir?.(a)
      return 0
  }
  const ctx = fs === s.ctx.fs || !s.ctx.fs ? s.ctx : { ...s.ctx, fs }
  const run = textApplet(cmd, args, { fs, stdin: s.stdin, ctx }) ?? applet(cmd, args, ctx, s.stdin)
  if (run) return yield* run
  if (QUIET_APPLETS.has(cmd)) return 0
  return yield* missing(os, s, cmd)
}

function* missing(os: ImageOs, s: State, cmd: string): Run {
  yield { kind: 'log', line: notFound(os, s.shell, cmd), stream: 'stderr' }
  return 127
}

interface Redirect { path: string; append: boolean; fd: 1 | 2 }

/** Splits `> file`, `>> file`, `2>/dev/null`, `2>&1` off a command's words. */
function redirections(raw: Word[], s: State): { words: string[]; redirect?: Redirect } {
  const words: string[] = []
  let redirect: Redirect | undefined
  for (let i = 0; i < raw.length; i++) {
    const first = raw[i][0]
    const m = first?.quote === 'none' ? /^([12]?)(>>?)(.*)$/.exec(first.text) : null
    if (!m) { words.push(expand(raw[i], s)); continue }
    let target = m[3] + expand(raw[i].slice(1), s)
    if (!target && i + 1 < raw.length) target = expand(raw[++i], s)
    if (target === '&1' || target === '&2') continue
    const r: Redirect = { path: target, append: m[2] === '>>', fd: m[1] === '2' ? 2 : 1 }
    if (r.fd === 1 || !redirect) redirect = r
  }
  return { words, redirect }
}

/** Runs a command with one of its streams going to a file of the container. */
function* redirected(run: Run, r: Redirect, s: State): Run {
  const fs = fsOf(s)
  let text = r.append ? fs?.get(r.path) ?? '' : ''
  for (;;) {
    const step = run.next()
    if (step.done) {
      if (r.path !== '/dev/null') fs?.set(r.path, text)
      return step.value
    }
    const v = step.value
    if (v.kind === 'log' && (v.stream === 'stderr') === (r.fd === 2)) text += v.line + '\n'
    else yield v
  }
}

function parseSleep(arg: string | undefined): number | undefined {
  if (arg === 'infinity') return Infinity
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg ?? '')
  if (!m) return undefined
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd']
  return Math.round(Number(m[1]) * unit * 1000)
}

function expand(word: Word, s: State): string {
  return word.map((p) => (p.quote === 'single' ? p.text : expandText(p.text, s))).join('')
}

function expandText(text: string, s: State): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') { out += text[i]; continue }
    if (text.startsWith('$((', i)) {
      const end = text.indexOf('))', i)
      out += String(arith(text.slice(i + 3, end), s))
      i = end + 1
    } else if (text[i + 1] === '(') {
      const end = matchParen(text, i + 1)
      out += substitute(text.slice(i + 2, end).trim(), s)
      i = end
    } else if (text[i + 1] === '{') {
      const end = text.indexOf('}', i)
      out += parameter(text.slice(i + 2, end), s)
      i = end
    } else {
      const m = /^(\?|[A-Za-z_]\w*)/.exec(text.slice(i + 1))
      if (!m) { out += '$'; continue }
      out += m[1] === '?' ? String(s.status) : s.vars.get(m[1]) ?? ''
      i += m[1].length
    }
  }
  return out
}

/** The process's environment: what it was started with, and what the script exported. */
function exported(name: string, s: State): boolean {
  return Object.hasOwn(s.ctx.env, name) || (s.exported?.has(name) ?? false)
}

/** `${name}`, `${name[i]}`, `${name[@]}`, `${#name}`, `${#name[@]}`, `${name:-default}`. */
function parameter(expr: string, s: State): string {
  const m = /^(#?)([A-Za-z_]\w*|\?)(?:\[([^\]]*)\])?(?::?-(.*))?$/.exec(expr)
  if (!m) return ''
  const [, length, name, index, fallback] = m
  const array = s.arrays?.get(name) ?? (s.vars.has(name) ? [s.vars.get(name)!] : [])
  let value: string | undefined
  if (index === '@' || index === '*') {
    if (length) return String(array.length)
    value = array.join(' ')
  } else if (index !== undefined) value = array[arith(expandText(index, s), s)]
  else value = name === '?' ? String(s.status) : s.vars.get(name)
  if (length) return String((value ?? '').length)
  return value || fallback === undefined ? value ?? '' : expandText(fallback, s)
}

/** printf's format applied to its arguments, again and again while arguments remain. */
function printf(format: string, args: string[]): string {
  const f = format.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\')
  let out = ''
  let i = 0
  do {
    out += f.replace(/%(-?\d*)([sdc%])/g, (_, width: string, conv: string) => {
      if (conv === '%') return '%'
      const a = args[i++] ?? ''
      const v = conv === 'd' ? String(Number.parseInt(a, 10) || 0) : conv === 'c' ? a.slice(0, 1) : a
      const w = Number.parseInt(width, 10)
      if (!w) return v
      return w < 0 ? v.padEnd(-w) : v.padStart(w)
    })
  } while (i < args.length && /%[sdc]/.test(f))
  return out
}

/** `$(…)`: runs the command at once (its sleeps take no time) and takes its output. */
function substitute(cmd: string, s: State): string {
  let list: List
  try {
    list = parse(tokenize(cmd))
  } catch {
    return ''
  }
  const run = runList(list, { ...s, vars: new Map(s.vars), exit: undefined })
  const out: string[] = []
  for (let i = 0; i < 10_000; i++) {
    const r = run.next()
    if (r.done || r.value.kind === 'exit') break
    if (r.value.kind === 'log' && r.value.stream !== 'stderr') out.push(r.value.line)
  }
  return out.join('\n')
}

/** Integer arithmetic of `$((…))`: + - * / % and parentheses over numbers and variables. */
function arith(expr: string, s: State): number {
  const tokens = expr.match(/\d+|[A-Za-z_]\w*|[-+*/%()]/g) ?? []
  let pos = 0
  const value = (): number => {
    const t = tokens[pos++]
    if (t === '(') { const v = sum(); pos++; return v }
    if (t === '-') return -value()
    if (t !== undefined && /^\d/.test(t)) return Number(t)
    return Number.parseInt(s.vars.get(t ?? '') ?? '0', 10) || 0
  }
  const product = (): number => {
    let v = value()
    while (tokens[pos] === '*' || tokens[pos] === '/' || tokens[pos] === '%') {
      const op = tokens[pos++]
      const r = value()
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r
    }
    return v
  }
  const sum = (): number => {
    let v = product()
    while (tokens[pos] === '+' || tokens[pos] === '-') v = tokens[pos++] === '+' ? v + product() : v - product()
    return v
  }
  return sum()
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The default output of `date` in a UTC container: `Thu Jan  1 09:00:00 UTC 2026`. */
export function formatDate(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  const day = String(d.getUTCDate()).padStart(2, ' ')
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${time} UTC ${d.getUTCFullYear()}`
}
