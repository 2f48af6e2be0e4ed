/**
 * The busybox applets that touch the container's world rather than its output: files (`touch`,
 * `rm`, `cat`, `test -f`), the network (`wget`, `curl`, `nslookup`: net-applets.ts) and other processes (`kill`,
 * `killall`, `nginx -s`). Exec probes and hooks run through these, so `cat /tmp/healthy` fails
 * once the docs' liveness example has removed the file.
 */
import type { ProgramContext, Step } from './program'
import { curl, hasCurl, nslookup, wget } from './net-applets'

type Run = Generator<Step, number, undefined>
const err = (line: string): Step => ({ kind: 'log', line, stream: 'stderr' })

/** Runs `cmd` when it is one of these applets; undefined otherwise. */
export function applet(cmd: string, args: string[], ctx: ProgramContext, stdin?: string[]): Run | undefined {
  const fs = ctx.fs ?? new Map<string, string>()
  switch (cmd) {
    case 'touch': return touch(args, fs)
    case 'rm': return rm(args, fs)
    case 'cat': return cat(args, fs, stdin)
    case 'test': return test(args, fs)
    case '[': return test(args.slice(0, args[args.length - 1] === ']' ? -1 : undefined), fs)
    case '[[': return test(args.slice(0, args[args.length - 1] === ']]' ? -1 : undefined), fs)
    case 'wget': return wget(args, ctx, fs)
    case 'nslookup': return nslookup(args, ctx)
    case 'curl': return hasCurl(ctx.image) ? curl(args, ctx, fs) : undefined
    case 'kill': case 'killall': case 'pkill': return kill(cmd, args, ctx)
    case 'nginx': return ctx.main?.name === 'nginx' ? nginx(args, ctx) : undefined
    default: return undefined
  }
}

const operands = (args: string[]) => args.filter((a) => !a.startsWith('-'))

// eslint-disable-next-line require-yield
function* touch(args: string[], fs: Map<string, string>): Run {
  for (const path of operands(args)) if (!fs.has(path)) fs.set(path, '')
  return 0
}

function* rm(args: string[], fs: Map<string, string>): Run {
  const force = args.some((a) => /^-[a-zA-Z]*f/.test(a))
  let status = 0
  for (const path of operands(args)) {
    if (fs.delete(path) || force) continue
    yield err(`rm: can't remove '${path}': No such file or directory`)
    status = 1
  }
  return status
}

function* cat(args: string[], fs: Map<string, string>, stdin?: string[]): Run {
  if (!operands(args).length) {
    for (const line of stdin ?? []) yield { kind: 'log', line }
    return 0
  }
  let status = 0
  for (const path of operands(args)) {
    const text = fs.get(path)
    if (text === undefined) {
      yield err(`cat: can't open '${path}': No such file or directory`)
      status = 1
      continue
    }
    const lines = text.split('\n')
    if (lines[lines.length - 1] === '') lines.pop()
    for (const line of lines) yield { kind: 'log', line }
  }
  return status
}

// eslint-disable-next-line require-yield
function* test(args: string[], fs: Map<string, string>): Run {
  const [op, path] = args
  const dir = (p: string) => (fs as Map<string, string> & { isDirectory?(p: string): boolean }).isDirectory?.(p) === true
  if (op === '-f' && path !== undefined) return fs.has(path) ? 0 : 1
  if (op === '-d' && path !== undefined) return dir(path) ? 0 : 1
  if ((op === '-e' || op === '-r') && path !== undefined) return fs.has(path) || dir(path) ? 0 : 1
  if (op === '-s' && path !== undefined) return (fs.get(path) ?? '').length > 0 ? 0 : 1
  if (args.length === 1) return args[0] ? 0 : 1
  if (args[1] === '=' || args[1] === '==') return args[0] === args[2] ? 0 : 1
  if (args[1] === '!=') return args[0] !== args[2] ? 0 : 1
  const numeric: Record<string, (a: number, b: number) => boolean> = {
    '-eq': (a, b) => a === b, '-ne': (a, b) => a !== b, '-lt': (a, b) => a < b,
    '-le': (a, b) => a <= b, '-gt': (a, b) => a > b, '-ge': (a, b) => a >= b,
  }
  const cmp = numeric[args[1] ?? '']
  if (cmp) return cmp(Number.parseInt(args[0], 10) || 0, Number.parseInt(args[2], 10) || 0) ? 0 : 1
  if (op === '-n') return path ? 0 : 1
  if (op === '-z') return path ? 1 : 0
  return 1
}

/** `kill -0 1`, `killall -0 nginx` (is it alive?), `kill 1`, `killall -TERM nginx`. */
function* kill(cmd: string, args: string[], ctx: ProgramContext): Run {
  const sig = args.find((a) => /^-/.test(a))?.slice(1).replace(/^SIG/, '') ?? 'TERM'
  const target = operands(args)[0] ?? ''
  const main = ctx.main
  const matches = main && (cmd === 'kill' ? target === '1' : target === main.name) && main.alive()
  if (!matches) {
    if (cmd === 'killall') yield err(`killall: ${target}: no process killed`)
    else if (cmd === 'kill') yield err(`sh: can't kill pid ${target}: No such process`)
    return 1
  }
  if (sig !== '0') main.signal(sig === 'KILL' || sig === '9' ? 'KILL' : sig === 'QUIT' || sig === '3' ? 'QUIT' : 'TERM')
  return 0
}

/** `nginx -s quit|stop`: signals the master process (QUIT: graceful, TERM: fast). */
function* nginx(args: string[], ctx: ProgramContext): Run {
  const i = args.indexOf('-s')
  const signal = i >= 0 ? args[i + 1] : undefined
  if (!signal) return 0
  if (!ctx.main?.alive()) {
    yield err('nginx: [error] open() "/run/nginx.pid" failed (2: No such file or directory)')
    return 1
  }
  if (signal === 'quit') ctx.main.signal('QUIT')
  else if (signal === 'stop') ctx.main.signal('TERM')
  return 0
}
