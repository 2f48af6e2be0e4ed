/**
 * kubectl auth can-i and auth whoami.
 *
 * Terrarium does not simulate RBAC: the kubeconfig's user is kind's admin (`kubernetes-admin`, in
 * the `kubeadm:cluster-admins` group that kubeadm binds to cluster-admin), so every action is
 * allowed and `can-i` answers `yes`, also for `--as` users (a real cluster would check their roles).
 */
import type { CommandContext } from '../context'
import { bool, parseFlags, str, type FlagSpec, firstArg } from '../flags'
import { CommandError } from '../host'
import { TABLE_TABS, tabwrite } from '../printers/tabwriter'
import { toJson, toYaml } from '../printers/yaml'

const IMPERSONATION: FlagSpec[] = [
  { name: 'as', type: 'string' },
  { name: 'as-group', type: 'strings' },
  { name: 'as-uid', type: 'string' },
]

const CAN_I_FLAGS: FlagSpec[] = [
  ...IMPERSONATION,
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'list', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'subresource', type: 'string' },
]

// kube: kind's kubeconfig user, from kubeadm's admin.conf (v1.29+).
export const ADMIN_USER = 'kubernetes-admin'
export const ADMIN_GROUPS = ['kubeadm:cluster-admins', 'system:authenticated']

// kube: the verbs can-i knows; others get a warning (but are still checked).
const KNOWN_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', 'escalate', 'approve', 'sign', '*']

const CAN_I_USAGE = "See 'kubectl auth can-i -h' for help and examples."

export function auth(ctx: CommandContext, words: string[]): void {
  const at = firstArg(words)
  const sub = at < 0 ? undefined : words[at]
  const rest = words.filter((_, i) => i !== at)
  if (sub === 'can-i') return canI(ctx, rest)
  if (sub === 'whoami') return whoami(ctx, rest)
  if (sub) throw new CommandError(`error: unknown command "${sub}" for "kubectl auth"\nSee 'kubectl auth -h' for help and examples`)
  parseFlags('auth', words, [])
  throw new CommandError("error: You must specify a subcommand: can-i or whoami\nSee 'kubectl auth -h' for help and examples")
}

function canI(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('auth can-i', words, CAN_I_FLAGS)
  if (bool(flags.list)) {
    if (args.length) throw new CommandError('error: list option must be specified with no arguments')
    // kube: what `--list` shows for a cluster-admin: everything, plus the self-review APIs every user may call.
    const rows = [
      ['*.*', '[]', '[]', '[*]'],
      ['', '[*]', '[]', '[*]'],
      ['selfsubjectreviews.authentication.k8s.io', '[]', '[]', '[create]'],
      ['selfsubjectaccessreviews.authorization.k8s.io', '[]', '[]', '[create]'],
      ['selfsubjectrulesreviews.authorization.k8s.io', '[]', '[]', '[create]'],
    ]
    if (!bool(flags['no-headers'])) rows.unshift(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs'])
    ctx.out.out(tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', TABLE_TABS))
    return
  }
  if (args.length !== 2) throw new CommandError(`error: you must specify two arguments: verb resource or verb resource/resourceName.\n${CAN_I_USAGE}`)
  const [verb, target] = args
  if (!KNOWN_VERBS.includes(verb)) ctx.out.note(`Warning: verb '${verb}' is not a known verb`)
  if (!target.startsWith('/') && target !== '*') {
    const resource = target.split('/')[0]
    if (!ctx.host.api.resolveKind(resource) && !ctx.host.api.resolveKind(resource.toLowerCase())) {
      ctx.out.note(`Warning: the server doesn't have a resource type '${resource}'`)
    }
  }
  if (!bool(flags.quiet)) ctx.out.out('yes')
}

function whoami(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('auth whoami', words, [
    ...IMPERSONATION,
    { name: 'output', short: 'o', type: 'string' },
    { name: 'allow-missing-template-keys', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
  ])
  if (args.length) throw new CommandError(`error: unexpected arguments: [${args.join(' ')}]\nSee 'kubectl auth whoami -h' for help and examples`)
  const as = str(flags.as)
  const username = as ?? ADMIN_USER
  const groups = as ? [...((flags['as-group'] as string[] | undefined) ?? []), 'system:authenticated'] : ADMIN_GROUPS
  const output = str(flags.output)
  if (output === 'yaml' || output === 'json') {
    const review = {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      metadata: { creationTimestamp: null },
      status: { userInfo: { groups, username } },
    }
    ctx.out.out(output === 'yaml' ? toYaml(review) : toJson(review))
    return
  }
  if (output) throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`)
  ctx.out.out(tabwrite(`ATTRIBUTE\tVALUE\nUsername\t${username}\nGroups\t[${groups.join(' ')}]\n`, TABLE_TABS))
}
