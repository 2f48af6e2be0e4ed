/**
 * The terminal's interactive sessions, in the worker: `kubectl exec -it POD -- sh` and
 * `kubectl run -it NAME --image=busybox -- sh`. The worker finds the container (and checks it runs a
 * shell); the terminal then draws the shell's prompt and runs each line as `kubectl exec … -- sh -c LINE`.
 */
import type { Pod } from 'kubernetes-types/core/v1'
import type { KubectlHost, KubectlOptions, KubectlResult } from './cluster/kubectl/host'
import { tokenize } from './cluster/kubectl/tokenize'
import type { ExecSession } from './protocol/messages'

type Run = (host: KubectlHost, line: string, opts?: KubectlOptions) => KubectlResult

const SHELL = /^(?:\/bin\/|\/usr\/bin\/)?(sh|bash|ash)$/
const STDIN = /^(?:-i|--stdin(?:=true)?|-it|-ti)$/
const TTY_ONLY = /^(?:-t|--tty(?:=true)?)$/
const VALUED = new Set(['-c', '--container', '-n', '--namespace', '--context', '--pod-running-timeout', '--image', '--restart', '-l', '--labels', '--port', '--env', '--overrides'])

const quote = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)

/** busybox's and alpine's ash print `/ # ` as their prompt, bash in debian-based images `root@HOST:/# `. */
export const promptStyle = (image: string): 'ash' | 'bash' => (/busybox|alpine/.test(image) ? 'ash' : 'bash')

interface Split {
  command: 'exec' | 'run'
  /** Words before `--`, without -i/-t. */
  flags: string[]
  positional: string[]
  after: string[]
  namespace?: string
  container?: string
  rm: boolean
}

function split(line: string): Split | undefined {
  let words: string[]
  try {
    words = tokenize(line)
  } catch {
    return undefined
  }
  if (words[0] === 'kubectl' || words[0] === 'k') words = words.slice(1)
  const dash = words.indexOf('--')
  const before = dash < 0 ? words : words.slice(0, dash)
  const after = dash < 0 ? [] : words.slice(dash + 1)
  let interactive = false
  const flags: string[] = []
  const positional: string[] = []
  let namespace: string | undefined
  let container: string | undefined
  let rm = false
  for (let i = 0; i < before.length; i++) {
    const w = before[i]
    if (STDIN.test(w)) interactive = true
    else if (TTY_ONLY.test(w)) continue
    else if (w === '--rm' || w === '--rm=true') rm = true
    else if (VALUED.has(w) && i + 1 < before.length) {
      const v = before[++i]
      if (w === '-n' || w === '--namespace') namespace = v
      if (w === '-c' || w === '--container') container = v
      flags.push(w, v)
    } else {
      const m = /^(?:-n|--namespace)=(.+)$/.exec(w) ?? /^(?:-c|--container)=(.+)$/.exec(w)
      if (m && w.includes('namespace')) namespace = m[1]
      else if (m) container = m[1]
      if (w.startsWith('-')) flags.push(w)
      else positional.push(w)
    }
  }
  const command = positional.shift()
  if (!interactive || (command !== 'exec' && command !== 'run')) return undefined
  return { command, flags, positional, after, namespace, container, rm }
}

/**
 * Starts an interactive session for `line`; undefined when it is none (run it as a command).
 * `result` is what kubectl printed before the prompt; `session` is absent when it failed.
 */
export function startSession(run: Run, host: KubectlHost, line: string, opts: KubectlOptions): { session?: ExecSession; result: KubectlResult } | undefined {
  const s = split(line)
  if (!s) return undefined
  const namespace = s.namespace ?? opts.kubeconfig?.namespace ?? opts.namespace ?? 'default'
  if (s.command === 'exec') {
    if (s.after.length !== 1 || !SHELL.test(s.after[0]) || s.positional.length !== 1) return undefined
    const target = s.positional[0]
    const probe = run(host, ['exec', ...s.flags, target, '--', s.after[0], '-c', 'hostname'].map(quote).join(' '), opts)
    if (probe.exitCode !== 0) return { result: probe }
    const hostname = probe.stdout.trim()
    const slash = target.indexOf('/')
    const podName = slash < 0 || /^(po|pod|pods)$/.test(target.slice(0, slash)) ? target.slice(slash + 1) : hostname
    return session(host, namespace, podName, s.container, hostname, s.after[0], false, false, { stdout: '', stderr: probe.stderr, exitCode: 0 })
  }
  // kubectl run -i: create the pod and wait for it (on the virtual clock, as runKubectl does).
  const result = run(host, line.replace(/^\s*(kubectl|k)\s+/, ''), { ...opts, waitForDeletion: false })
  // The terminal is one: kubectl's note for a stdin that is no terminal does not apply.
  result.stderr = result.stderr.replace('Unable to use a TTY - input is not a terminal or the right kind of file\n', '')
  const name = s.positional[0]
  const pod = name ? host.api.find<Pod>('Pod', namespace, name) : undefined
  if (result.exitCode !== 0 || !pod || pod.status?.phase !== 'Running') return { result }
  const argv = [...(pod.spec?.containers[0].command ?? []), ...(pod.spec?.containers[0].args ?? [])]
  const shell = argv.length && SHELL.test(argv[0]) ? argv[0] : 'sh'
  return session(host, namespace, name, undefined, pod.spec?.hostname ?? name, shell, true, s.rm, result)
}

function session(host: KubectlHost, namespace: string, podName: string, wanted: string | undefined, hostname: string, shell: string, byRun: boolean, rm: boolean, result: KubectlResult) {
  const pod = host.api.find<Pod>('Pod', namespace, podName)
  const container = pod?.spec?.containers.find((c) => c.name === (wanted ?? pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'])) ?? pod?.spec?.containers[0]
  const name = wanted ?? container?.name ?? ''
  const image = pod?.spec?.containers.find((c) => c.name === name)?.image ?? pod?.spec?.initContainers?.find((c) => c.name === name)?.image ?? ''
  const attached: ExecSession = { namespace, pod: podName, container: name, shell, style: promptStyle(image), hostname, byRun, rm }
  return { session: attached, result }
}
