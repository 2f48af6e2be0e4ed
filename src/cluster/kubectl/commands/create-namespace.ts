/**
 * kubectl create namespace NAME (alias `ns`): a generator subcommand of `kubectl create` that builds
 * a v1 Namespace from its one argument and creates it (or prints it with --dry-run=client -o yaml).
 */
import type { Namespace } from 'kubernetes-types/core/v1'
import { parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { toJson, toYaml } from '../printers/yaml'
import { ACTOR, type CommandContext } from '../context'

const FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string' },
  { name: 'field-manager', type: 'string' },
]

export function createNamespace(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('create namespace', words, FLAGS)
  // kube: cmdutil.NameFromCommandArgs + UsageErrorf
  if (args.length !== 1) {
    throw new CommandError(`error: exactly one NAME is required, got ${args.length}\nSee 'kubectl create namespace -h' for help and examples`)
  }
  const dryRun = str(flags['dry-run'])
  if (dryRun !== undefined && dryRun !== 'none' && dryRun !== 'client' && dryRun !== 'server') {
    throw new CommandError(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`)
  }
  // kube: the generator's object has empty spec and status (`spec: {}`, `status: {}`).
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: args[0] }, spec: {}, status: {} } satisfies Namespace
  const output = str(flags.output)
  // A server dry run is validated but not stored; this simulator only checks that the name is free.
  if (dryRun === 'server' && ctx.host.api.find('Namespace', undefined, args[0])) {
    throw new CommandError(`Error from server (AlreadyExists): namespaces "${args[0]}" already exists`)
  }
  if (dryRun === undefined || dryRun === 'none') ctx.host.api.create(ns, ACTOR)
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
  if (output === 'yaml') ctx.out.out(toYaml(ns).replace(/\n$/, ''))
  else if (output === 'json') ctx.out.out(toJson(ns).replace(/\n$/, ''))
  else if (output === 'name') ctx.out.out(`namespace/${args[0]}`)
  else if (output) throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`)
  else ctx.out.out(`namespace/${args[0]} created${suffix}`)
}
