/**
 * `kubectl logs -f` as a stream, for hosts that keep a command open (the terminal). What the
 * container has written so far is printed as `kubectl logs` prints it (with --tail, --since,
 * --prefix, --timestamps, the notes about the default container); then new lines follow as the
 * container writes them on the virtual clock, until stop() — or until every followed container's
 * pod is gone or has finished, when kubectl's stream ends by itself.
 *
 * The kubelet's log buffer has no push side here, so the stream reads it again on the clock
 * (FOLLOW_POLL_MS) and prints what came after the last line it printed.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import { commandWords } from './command-words'
import type { KubectlHost, KubectlOptions } from './host'
import { runKubectl } from './kubectl'
import type { WatchChunk } from './watch'

/** How often (virtual ms) the followed logs are read again: about as often as a program prints. */
export const FOLLOW_POLL_MS = 250

const FOLLOW = /^(?:-f|--follow)(?:=(true|false))?$/
/** Flags whose value is the next word (so that word is not taken for a flag). */
const VALUED = new Set(['-c', '--container', '--tail', '--since', '--since-time', '-l', '--selector', '-n', '--namespace', '--limit-bytes', '--max-log-requests', '--pod-running-timeout', '--context'])

const quote = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)

interface Parsed {
  /** The line without -f: what prints the logs so far. */
  once: string[]
  /** The words that read everything, with the stream and timestamp of each line. */
  poll: string[]
  timestamps: boolean
  prefix: boolean
}

function parse(line: string): Parsed | undefined {
  const words = commandWords(line, 'logs')
  if (!words) return undefined
  let follow = false
  let timestamps = false
  let prefix = false
  const once: string[] = []
  const poll: string[] = []
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    const m = FOLLOW.exec(w)
    if (m) {
      follow = m[1] !== 'false'
      continue
    }
    once.push(w)
    if (w === '--timestamps' || w === '--timestamps=true') timestamps = true
    else if (w === '--prefix' || w === '--prefix=true') prefix = true
    else if (/^--(tail|since|since-time|limit-bytes)(=|$)/.test(w)) {
      if (!w.includes('=') && i + 1 < words.length) once.push(words[++i])
    } else if (VALUED.has(w) && i + 1 < words.length) {
      poll.push(w, words[i + 1])
      once.push(words[++i])
    } else if (!/^--(timestamps|prefix)=/.test(w)) poll.push(w)
  }
  if (!follow) return undefined
  return { once, poll: [...poll, '--timestamps', '--prefix', '--tail=-1'], timestamps, prefix }
}

interface Entry {
  stream: string
  pod: string
  timestamp: string
  line: string
}

const ENTRY = /^\[pod\/([^/\]]+)\/([^\]]+)\] (\S+) ?(.*)$/

function readAll(host: KubectlHost, words: string[], opts: KubectlOptions): Entry[] | undefined {
  const r = runKubectl(host, ['logs', ...words].map(quote).join(' '), opts)
  if (r.exitCode !== 0) return undefined
  const out: Entry[] = []
  for (const l of r.stdout.split('\n')) {
    const m = ENTRY.exec(l)
    if (m) out.push({ stream: `${m[1]}/${m[2]}`, pod: m[1], timestamp: m[3], line: m[4] })
  }
  return out
}

/**
 * Starts `kubectl logs -f ...`; undefined when the line is not a following `logs`. `end` is called
 * when the stream ends by itself (the command failed, or every followed pod has finished or gone).
 */
export function followLogs(
  host: KubectlHost,
  line: string,
  opts: KubectlOptions,
  emit: (chunk: WatchChunk) => void,
  end: () => void = () => {},
): { stop(): void } | undefined {
  const parsed = parse(line)
  if (!parsed) return undefined
  const first = runKubectl(host, ['logs', ...parsed.once].map(quote).join(' '), opts)
  if (first.stdout) emit({ stream: 'stdout', text: first.stdout })
  if (first.stderr) emit({ stream: 'stderr', text: first.stderr })
  const stopped = { stop() {} }
  if (first.exitCode !== 0) {
    end()
    return stopped
  }
  const namespace = namespaceIn(parsed.poll) || opts.kubeconfig?.namespace || opts.namespace || 'default'
  // Where each stream has got to: the last line printed, and how many lines up to it.
  const last = new Map<string, string>()
  const key = (e: Entry) => `${e.timestamp} ${e.line}`
  for (const e of readAll(host, parsed.poll, opts) ?? []) last.set(e.stream, key(e))
  let timer: ReturnType<typeof host.clock.schedule> | undefined
  let running = true
  const finished = (pod: string) => {
    const p = host.api.find<Pod>('Pod', namespace, pod)
    return !p || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed' || p.metadata?.deletionTimestamp !== undefined
  }
  const tick = () => {
    timer = undefined
    if (!running) return
    const entries = readAll(host, parsed.poll, opts) ?? []
    const byStream = new Map<string, Entry[]>()
    for (const e of entries) {
      let list = byStream.get(e.stream)
      if (!list) byStream.set(e.stream, (list = []))
      list.push(e)
    }
    let text = ''
    for (const [stream, list] of byStream) {
      const seen = last.get(stream)
      const from = seen === undefined ? 0 : list.map(key).lastIndexOf(seen) + 1
      for (const e of list.slice(from)) {
        text += `${parsed.prefix ? `[pod/${stream}] ` : ''}${parsed.timestamps ? `${e.timestamp} ` : ''}${e.line}\n`
      }
      if (list.length) last.set(stream, key(list[list.length - 1]))
    }
    if (text) emit({ stream: 'stdout', text })
    const pods = new Set([...last.keys()].map((s) => s.slice(0, s.indexOf('/'))))
    if (entries.length === 0 && pods.size === 0 ? finishedNoLines() : [...pods].every(finished)) {
      running = false
      end()
      return
    }
    timer = host.clock.schedule(FOLLOW_POLL_MS, tick, 'kubectl logs -f')
  }
  // A pod that has printed nothing yet: ends when the pod named on the line is gone.
  const named = parsed.poll.find((w, i) => !w.startsWith('-') && !VALUED.has(parsed.poll[i - 1] ?? ''))
  const finishedNoLines = () => (named && !named.includes('/') ? finished(named) : false)
  timer = host.clock.schedule(FOLLOW_POLL_MS, tick, 'kubectl logs -f')
  return {
    stop() {
      running = false
      host.clock.cancel(timer)
    },
  }
}

function namespaceIn(words: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '-n' || words[i] === '--namespace') return words[i + 1]
    const m = /^(?:-n|--namespace)=(.+)$/.exec(words[i])
    if (m) return m[1]
  }
  return undefined
}
