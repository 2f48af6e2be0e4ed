/**
 * The headless runner's script language: shell-like lines of `kubectl ...` (or `k ...`), heredocs
 * (`kubectl apply -f - <<EOF ... EOF`), `sleep 30|90s|5m|1h` to advance virtual time, `node kill|restore|add|remove
 * NAME` (see node-verbs.ts), `traffic …` generators (see traffic-verb.ts), comments, blank lines and `\` continuations. The cluster settles after every command; a
 * failing command prints its error and the script goes on.
 */
import type { KubectlHost, KubectlOptions } from './host'
import { KubeConfig } from './kubeconfig'
import { runKubectl } from './kubectl'
import { tokenize } from './tokenize'
import { runNodeVerb } from './node-verbs'
import { runCurlVerb } from './curl-verb'
import { runTrafficVerb } from './traffic-verb'

export interface ScriptChunk {
  stream: 'stdout' | 'stderr'
  text: string
}

export interface ScriptOptions {
  /** Reads a file relative to the script's folder. */
  readFile?: (path: string) => string
  /** Reads a bundled docs example (see KubectlOptions.readExample). */
  readExample?: (path: string) => string
  /** Print each command as `$ cmd` before its output. */
  echo?: boolean
  namespace?: string
  /** The kubeconfig `kubectl config` changes; a fresh one per script when not given. */
  kubeconfig?: KubeConfig
}

export interface ScriptResult {
  output: ScriptChunk[]
  failed: number
}

interface Step {
  command: string
  stdin?: string
}

const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1\s*$/

/** Splits the script into commands, joining continuations and collecting heredoc bodies. */
export function parseScript(text: string): Step[] {
  const lines = text.split(/\r?\n/)
  const steps: Step[] = []
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1).trimEnd() + ' ' + lines[++i].trimStart()
    const trimmed = line.trim()
    if (!trimmed || trimmed.startsWith('#')) continue
    const here = HEREDOC.exec(trimmed)
    if (here) {
      const body: string[] = []
      const dash = trimmed.includes('<<-')
      while (++i < lines.length && (dash ? lines[i].trim() : lines[i]) !== here[2]) body.push(dash ? lines[i].replace(/^\t+/, '') : lines[i])
      steps.push({ command: trimmed.slice(0, here.index).trim(), stdin: body.join('\n') + '\n' })
    } else {
      steps.push({ command: trimmed })
    }
  }
  return steps
}

const UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `sleep 30`, `sleep 90s`, `sleep 1.5m`, `sleep 1h`: milliseconds, or undefined if unparsable. */
export function sleepMs(arg: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg ?? '')
  return m ? Math.round(Number(m[1]) * UNITS[m[2]]) : undefined
}

export function runScript(cluster: KubectlHost, text: string, opts: ScriptOptions = {}): ScriptResult {
  const output: ScriptChunk[] = []
  let failed = 0
  const kubeconfig = opts.kubeconfig ?? new KubeConfig(opts.namespace)
  const emit = (stream: ScriptChunk['stream'], t: string) => { if (t) output.push({ stream, text: t }) }
  const fail = (message: string) => {
    emit('stderr', message.endsWith('\n') ? message : message + '\n')
    failed++
  }
  for (const step of parseScript(text)) {
    if (opts.echo) emit('stdout', `$ ${step.command}\n`)
    let words: string[]
    try {
      words = tokenize(step.command)
    } catch (e) {
      fail(`error: ${(e as Error).message}`)
      continue
    }
    const [head, ...rest] = words
    if (head === 'kubectl' || head === 'k') {
      const r = runKubectl(cluster, step.command, { stdin: step.stdin, readFile: opts.readFile, readExample: opts.readExample, kubeconfig, portForwards: forwardsOf(cluster) })
      emit('stdout', r.stdout)
      emit('stderr', r.stderr)
      if (r.exitCode !== 0) failed++
    } else if (head === 'sleep') {
      const ms = sleepMs(rest[0])
      if (ms === undefined) fail(`sleep: invalid time interval '${rest[0] ?? ''}'`)
      else cluster.clock.advance(ms)
    } else if (head === 'node') {
      const r = runNodeVerb(cluster, rest)
      if (r.ok) emit('stdout', r.text)
      else fail(r.text)
    } else if (head === 'traffic') {
      const r = runTrafficVerb(cluster, rest)
      if (r.ok) emit('stdout', r.text)
      else fail(r.text)
    } else if (head === 'curl') {
      const r = runCurlVerb(cluster, rest)
      emit('stdout', r.stdout)
      emit('stderr', r.stderr)
      if (r.code !== 0) failed++
    } else if (head === 'echo') {
      emit('stdout', rest.join(' ') + '\n')
    } else {
      fail(`${head}: command not found`)
    }
    cluster.clock.settle()
  }
  return { output, failed }
}

/** Port forwards reach the cluster network (the runner's `curl http://localhost:PORT`), when it has one. */
function forwardsOf(cluster: KubectlHost): KubectlOptions['portForwards'] {
  const traffic = cluster.traffic
  return traffic?.portForward ? { add: (f) => traffic.portForward!(f) } : undefined
}
