/** runKubectl: one kubectl command line against the simulated cluster, synchronously. */
import { apply, create } from './commands/apply'
import { del } from './commands/delete'
import { describe } from './commands/describe'
import { get } from './commands/get'
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
import type { Command } from './context'
import { formatError } from './errors'
import { CommandError, Output, type KubectlHost, type KubectlOptions, type KubectlResult } from './host'
import { tokenize } from './tokenize'

const COMMANDS: Record<string, Command> = {
  top,
  autoscale,
  get,
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
}

// kubectl's other commands: named so typos get cobra's suggestion, refused with a clear message.
const KNOWN_ELSEWHERE = [
  'explain', 'edit', 'certificate',
  'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug',
  'events', 'diff', 'patch', 'replace', 'wait', 'kustomize', 'completion', 'alpha',
  'api-resources', 'api-versions', 'plugin', 'options',
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
  const all = [...Object.keys(COMMANDS), ...KNOWN_ELSEWHERE].sort()
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
      out.out('kubectl controls the Kubernetes cluster manager.\n\nRun "kubectl <command> --help" for the commands this simulator knows: ' +
        Object.keys(COMMANDS).join(', '))
      return out.result()
    }
    const command = COMMANDS[name]
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
