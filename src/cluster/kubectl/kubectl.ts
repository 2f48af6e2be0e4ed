/** runKubectl: one kubectl command line against the simulated cluster, synchronously. */
import { apply, create } from './commands/apply'
import { del } from './commands/delete'
import { describe } from './commands/describe'
import { get } from './commands/get'
import { events } from './commands/events'
import { clusterInfo, version } from './commands/info'
import { logs } from './commands/logs'
import { scale } from './commands/scale'
import { rollout } from './commands/rollout'
import { set } from './commands/set'
import { cordon, uncordon } from './commands/cordon'
import { drain } from './commands/drain'
import { taint } from './commands/taint'
import { annotate, label } from './commands/label'
import { config } from './commands/config'
import { expose } from './commands/expose'
import { run } from './commands/run'
import { exec } from './commands/exec'
import { top } from './commands/top'
import { autoscale } from './commands/autoscale'
import { patch } from './commands/patch'
import { replace } from './commands/replace'
import { edit } from './commands/edit'
import { wait } from './commands/wait'
import { diff } from './commands/diff'
import { portForward } from './commands/port-forward'
import { explain } from './commands/explain'
import { apiResources, apiVersions } from './commands/api-resources'
import { auth } from './commands/auth'
import { GLOBAL_OPTIONS, HELP, helpFor, rootHelp } from './help/index'
import type { Command } from './context'
import { formatError } from './errors'
import { CommandError, Output, type KubectlHost, type KubectlOptions, type KubectlResult } from './host'
import { tokenize } from './tokenize'

const COMMANDS: Record<string, Command> = {
  top,
  autoscale,
  get,
  events,
  describe,
  apply,
  create,
  delete: del,
  scale,
  logs,
  version,
  'cluster-info': clusterInfo,
  rollout,
  set,
  cordon,
  uncordon,
  drain,
  taint,
  label,
  annotate,
  config,
  exec,
  expose,
  run,
  patch,
  replace,
  edit,
  wait,
  diff,
  'port-forward': portForward,
  explain,
  'api-resources': apiResources,
  'api-versions': apiVersions,
  auth,
  options: (ctx) => ctx.out.out(GLOBAL_OPTIONS),
  help: (ctx, words) => {
    const topic = words.filter((w) => !w.startsWith('-'))
    if (!topic.length) return ctx.out.out(rootHelp((n) => n in COMMANDS))
    const page = helpFor(topic)
    ctx.out.out(page ?? `Unknown help topic [\`${topic.join(' ')}\`]\n${rootHelp((n) => n in COMMANDS)}`)
  },
}

/** The commands this kubectl runs, sorted (Tab completion, complete.ts). */
export const commandNames = (): string[] => Object.keys(COMMANDS).sort()

// kubectl's other commands: named so typos get cobra's suggestion, refused with a clear message.
const KNOWN_ELSEWHERE = [
  'certificate',
  'logs', 'attach', 'exec', 'proxy', 'cp', 'debug',
  'kustomize', 'completion', 'alpha',
  'plugin',
]

/** Optimal string alignment distance, as cobra's ld() for "Did you mean this?". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
    }
  }
  return d[a.length][b.length]
}

function unknownCommand(name: string): string {
  const all = [...new Set([...Object.keys(COMMANDS), ...KNOWN_ELSEWHERE])].sort()
  // kube: cobra suggests within Levenshtein distance 2, or commands the typed word prefixes.
  const suggestions = all.filter((c) => distance(name.toLowerCase(), c) <= 2 || c.startsWith(name.toLowerCase()))
  let msg = `error: unknown command "${name}" for "kubectl"`
  if (suggestions.length) msg += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}\n`
  return msg
}

/** Runs `line` (with or without the leading `kubectl`). */
export function runKubectl(cluster: KubectlHost, line: string, opts: KubectlOptions = {}): KubectlResult {
  const out = new Output()
  try {
    let words = tokenize(line)
    if (words[0] === 'kubectl' || words[0] === 'k') words = words.slice(1)
    // Global flags may come before the command: `kubectl -n kube-system get pods`.
    const lead: string[] = []
    while (words.length && words[0].startsWith('-')) {
      const w = words.shift()!
      lead.push(w)
      if ((w === '-n' || w === '--namespace' || w === '--context') && words.length) lead.push(words.shift()!)
    }
    const name = words[0]
    if (!name) {
      out.out(rootHelp((n) => n in COMMANDS))
      return out.result()
    }
    const command = COMMANDS[name]
    // `--help`/`-h` anywhere before `--` prints the command's page (cobra answers it before running).
    const dashdash = words.indexOf('--')
    const own = dashdash < 0 ? words : words.slice(0, dashdash)
    if ((name in COMMANDS || name in HELP) && [...lead, ...own].some((w) => w === '--help' || w === '-h' || w === '--help=true')) {
      out.out(helpFor(own) ?? rootHelp((n) => n in COMMANDS))
      return out.result()
    }
    if (!command) {
      if (KNOWN_ELSEWHERE.includes(name)) throw new CommandError(`error: "kubectl ${name}" is not supported by this simulator`)
      throw new CommandError(unknownCommand(name))
    }
    command({ host: cluster, opts, out }, [...lead, ...words.slice(1)])
  } catch (e) {
    out.err(formatError(e), e instanceof CommandError ? e.exitCode : 1)
  }
  return out.result()
}
