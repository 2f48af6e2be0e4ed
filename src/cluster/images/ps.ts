/**
 * `ps`: busybox's (busybox and Alpine images: `PID   USER     TIME  COMMAND`, whatever the options)
 * and procps' (Ubuntu and images built on buildpack-deps: plain `ps`, `ps aux`, `ps -ef`). The
 * process table is the container's (root-layer.ts): PID 1 with its real command line, what it
 * started, and `ps` itself.
 */
import type { OsFamily } from './image-os'
import type { Step } from './program'
import type { Proc } from './root-layer'

type Run = Generator<Step, number, undefined>

const pad2 = (n: number) => String(n).padStart(2, '0')
const hhmm = (ms: number) => { const d = new Date(ms); return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}` }

export interface PsInput {
  family: OsFamily
  processes: readonly Proc[]
  /** The PID of this `ps`. */
  pid: number
  now: number
}

export function* ps(args: string[], input: PsInput): Run {
  const self: Proc = { pid: input.pid, user: 'root', args: ['ps', ...args].join(' '), comm: 'ps', startedAt: input.now, vszKb: 1_700, rssKb: 1_024 }
  const all = [...input.processes, self]
  const lines = input.family === 'busybox' || input.family === 'alpine' ? busybox(all) : procps(args, all)
  for (const line of lines) yield { kind: 'log', line }
  return 0
}

/** busybox: pid (5, right), user (8), time (5, right), args. */
function busybox(all: Proc[]): string[] {
  return ['PID   USER     TIME  COMMAND', ...all.map((p) => `${String(p.pid).padStart(5)} ${p.user.slice(0, 8).padEnd(8)} ${'0:00'.padStart(5)} ${p.args}`)]
}

function procps(args: string[], all: Proc[]): string[] {
  const opts = args.join(' ')
  const bsd = args.find((a) => !a.startsWith('-')) ?? ''
  if (bsd.includes('u') || /^-\w*u/.test(opts)) {
    // ps aux: USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND.
    const head = `${'USER'.padEnd(8)} ${'PID'.padStart(7)} %CPU %MEM ${'VSZ'.padStart(6)} ${'RSS'.padStart(5)} ${'TTY'.padEnd(8)} STAT START ${'TIME'.padStart(6)} COMMAND`
    return [head, ...all.map((p) => `${p.user.slice(0, 8).padEnd(8)} ${String(p.pid).padStart(7)}  0.0  0.0 ${String(p.vszKb).padStart(6)} ${String(p.rssKb).padStart(5)} ${'?'.padEnd(8)} ${stat(p).padEnd(4)} ${hhmm(p.startedAt)} ${'0:00'.padStart(6)} ${p.args}`)]
  }
  if (/(^|\s)-\w*f/.test(opts)) {
    // ps -ef: UID PID PPID C STIME TTY TIME CMD.
    const head = `${'UID'.padEnd(8)} ${'PID'.padStart(7)} ${'PPID'.padStart(7)}  C STIME ${'TTY'.padEnd(8)} ${'TIME'.padStart(8)} CMD`
    return [head, ...all.map((p) => `${p.user.slice(0, 8).padEnd(8)} ${String(p.pid).padStart(7)} ${String(ppid(p)).padStart(7)}  0 ${hhmm(p.startedAt)} ${'?'.padEnd(8)} 00:00:00 ${p.args}`)]
  }
  // Plain ps (and -e, -A, ax): PID TTY TIME CMD with the program name.
  return [`${'PID'.padStart(7)} ${'TTY'.padEnd(8)} ${'TIME'.padStart(8)} CMD`, ...all.map((p) => `${String(p.pid).padStart(7)} ${'?'.padEnd(8)} 00:00:00 ${p.comm}`)]
}

/** PID 1's children (nginx workers) have it as parent; an exec'd process comes from the runtime (0). */
function ppid(p: Proc): number {
  return p.pid === 1 || p.comm === 'ps' ? 0 : 1
}

/** Session leaders (PID 1, an exec'd process) have `s`; the running `ps` is R. */
function stat(p: Proc): string {
  if (p.comm === 'ps') return 'Rs'
  return p.pid === 1 ? 'Ss' : 'S'
}
