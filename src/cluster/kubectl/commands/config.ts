/**
 * kubectl config: the kubeconfig of the host (see kubeconfig.ts). current-context, get-contexts,
 * use-context, set-context (`--current --namespace=dev` is how a learner switches namespaces) and
 * view (`--minify` shows only the current context), with kubectl v1.35's texts.
 */
import { parseFlags, bool, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { KubeConfig } from '../kubeconfig'
import { renderTable } from '../printers/table'
import { toJson, toYaml } from '../printers/yaml'
import type { CommandContext } from '../context'

// The API server address kind's kubeconfig names (as cluster-info prints it).
const SERVER = 'https://127.0.0.1:6443'

const FLAGS: FlagSpec[] = [
  { name: 'current', type: 'bool' },
  { name: 'minify', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'no-headers', type: 'bool' },
  { name: 'raw', type: 'bool' },
]

const SUBCOMMANDS = ['current-context', 'get-contexts', 'set-context', 'use-context', 'view']

export function config(ctx: CommandContext, words: string[]): void {
  const kc = ctx.opts.kubeconfig
  const { flags, args } = parseFlags('config', words, FLAGS)
  const [sub, ...rest] = args
  if (!sub) throw new CommandError(`Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n\nAvailable Commands: ${SUBCOMMANDS.join(', ')}`)
  if (!kc) throw new CommandError('error: this console has no kubeconfig')
  switch (sub) {
    case 'current-context':
      return ctx.out.out(kc.currentContext)
    case 'get-contexts':
      return getContexts(ctx, kc, rest, bool(flags['no-headers']), str(flags.output))
    case 'use-context': {
      const name = rest[0]
      if (!name) throw new CommandError('error: Unexpected args: []')
      if (!kc.contexts.has(name)) throw new CommandError(`error: no context exists with the name: "${name}"`)
      kc.currentContext = name
      return ctx.out.out(`Switched to context "${name}".`)
    }
    case 'set-context': {
      const current = bool(flags.current)
      if (current && rest.length) throw new CommandError('error: you cannot specify both a context name and --current')
      const name = current ? kc.currentContext : rest[0]
      if (!name) throw new CommandError('error: you must specify a non-empty context name or --current')
      const existing = kc.contexts.get(name)
      const next = existing ? { ...existing } : { cluster: '', user: '' }
      if (typeof flags.namespace === 'string') next.namespace = flags.namespace || undefined
      if (typeof flags.cluster === 'string') next.cluster = flags.cluster
      if (typeof flags.user === 'string') next.user = flags.user
      kc.contexts.set(name, next)
      return ctx.out.out(`Context "${name}" ${existing ? 'modified' : 'created'}.`)
    }
    case 'view':
      return view(ctx, kc, bool(flags.minify), str(flags.output))
  }
  throw new CommandError(`error: unknown command "${sub}" for "kubectl config"`)
}

function getContexts(ctx: CommandContext, kc: KubeConfig, names: string[], noHeaders: boolean, output?: string): void {
  const wanted = names.length ? names : [...kc.contexts.keys()].sort()
  for (const n of wanted) if (!kc.contexts.has(n)) throw new CommandError(`error: context ${n} not found`)
  if (output === 'name') return ctx.out.out(wanted.join('\n'))
  const rows = wanted.map((n) => {
    const c = kc.contexts.get(n)!
    return [n === kc.currentContext ? '*' : '', n, c.cluster, c.user, c.namespace ?? '']
  })
  ctx.out.out(renderTable({ headers: ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], rows }, { noHeaders }).replace(/\n$/, ''))
}

/** kubectl config view: secrets print as DATA+OMITTED, as without --raw. */
function view(ctx: CommandContext, kc: KubeConfig, minify: boolean, output?: string): void {
  const names = minify ? [kc.currentContext] : [...kc.contexts.keys()].sort()
  const used = names.map((n) => kc.contexts.get(n)!)
  const clusters = [...new Set(used.map((c) => c.cluster).filter(Boolean))].sort()
  const users = [...new Set(used.map((c) => c.user).filter(Boolean))].sort()
  const doc = {
    apiVersion: 'v1',
    clusters: clusters.map((name) => ({ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: SERVER }, name })),
    contexts: names.map((name) => {
      const c = kc.contexts.get(name)!
      const context: Record<string, string> = { cluster: c.cluster, user: c.user }
      if (c.namespace) context.namespace = c.namespace
      return { context, name }
    }),
    'current-context': kc.currentContext,
    kind: 'Config',
    preferences: {},
    users: users.map((name) => ({ name, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } })),
  }
  ctx.out.out(output === 'json' ? toJson(doc) : toYaml(doc))
}
