/**
 * `kubectl --help`, `kubectl <command> --help` and `kubectl help <command>`: one page per command and
 * subcommand (keyed `rollout status`), and kubectl's root page grouping the commands this kubectl runs.
 */
import { ADVANCED } from './advanced'
import { BASIC } from './basic'
import { CLUSTER } from './cluster'
import { DEBUG } from './debug'
import { DEPLOY } from './deploy'
import { GLOBAL_OPTIONS, OTHER } from './other'
import { GLOBAL_OPTIONS_HINT, renderHelp, type HelpText } from './usage'

export { GLOBAL_OPTIONS }
export type { HelpText }

export const HELP: Record<string, HelpText> = { ...BASIC, ...DEPLOY, ...CLUSTER, ...DEBUG, ...ADVANCED, ...OTHER }

// kube: the groups and order of `kubectl --help` (v1.35).
const GROUPS: [string, string[]][] = [
  ['Basic Commands (Beginner)', ['create', 'expose', 'run', 'set']],
  ['Basic Commands (Intermediate)', ['explain', 'get', 'edit', 'delete']],
  ['Deploy Commands', ['rollout', 'scale', 'autoscale']],
  ['Cluster Management Commands', ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint']],
  ['Troubleshooting and Debugging Commands', ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events']],
  ['Advanced Commands', ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize']],
  ['Settings Commands', ['label', 'annotate', 'completion']],
  ['Other Commands', ['api-resources', 'api-versions', 'config', 'plugin', 'version']],
]

/**
 * The page for `words` (`['rollout', 'status', ...]`): the longest run of leading words that names a
 * page, or undefined when the first word is not a command.
 */
export function helpFor(words: string[]): string | undefined {
  const names = words.filter((w) => !w.startsWith('-'))
  for (let n = Math.min(names.length, 3); n >= 1; n--) {
    const key = names.slice(0, n).join(' ')
    const page = HELP[key]
    if (page) return renderHelp(key, page, (k) => HELP[k])
  }
  return undefined
}

/** `kubectl` and `kubectl --help`: the commands this kubectl runs, in kubectl's groups. */
export function rootHelp(runs: (name: string) => boolean): string {
  let text = 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n'
  for (const [title, names] of GROUPS) {
    const present = names.filter(runs)
    if (!present.length) continue
    // kube: the root lists names padded to 15 columns, then one space.
    text += `${title}:\n${present.map((n) => `  ${n.padEnd(15)} ${HELP[n]?.short ?? ''}`.trimEnd()).join('\n')}\n\n`
  }
  text += 'Usage:\n  kubectl [flags] [options]\n\n'
  text += 'Use "kubectl <command> --help" for more information about a given command.\n'
  return text + GLOBAL_OPTIONS_HINT + '\n'
}
