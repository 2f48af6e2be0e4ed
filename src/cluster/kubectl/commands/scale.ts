/** kubectl scale: sets spec.replicas of a Deployment, ReplicaSet or StatefulSet (the scale subresource). */
import { formatError } from '../errors'
import { parseFlags, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { resolveResource } from '../resources'
import { namespaceOf, type CommandContext } from '../context'
import { checkOutput, dryRunOf, dryRunSuffix, printResult, writeContext } from './mutation'

const FLAGS: FlagSpec[] = [
  { name: 'replicas', type: 'int' },
  { name: 'current-replicas', type: 'int' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'timeout', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
]

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']

export function scale(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('scale', words, FLAGS)
  if (flags.replicas === undefined) {
    throw new CommandError(`error: required flag(s) "replicas" not set`)
  }
  const replicas = flags.replicas as number
  if (replicas < 0) {
    throw new CommandError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0')
  }
  const dryRun = dryRunOf(flags)
  const output = checkOutput(flags)
  const api = ctx.host.api
  const namespace = namespaceOf(ctx, flags.namespace)
  const targets: { type: string; name: string }[] = []
  if (!args.length) throw new CommandError("error: required resource not specified\nSee 'kubectl scale -h' for help and examples")
  if (args[0].includes('/')) {
    for (const a of args) targets.push({ type: a.slice(0, a.indexOf('/')), name: a.slice(a.indexOf('/') + 1) })
  } else {
    if (args.length < 2) throw new CommandError('error: resource(s) were provided, but no name was specified')
    for (const name of args.slice(1)) targets.push({ type: args[0], name })
  }
  for (const t of targets) {
    const info = resolveResource(api, t.type)
    if (!SCALABLE.includes(info.kind)) {
      ctx.out.err(`error: no scaler has been implemented for {"${info.group}" "${info.kind}"}`)
      continue
    }
    try {
      const current = api.get<{ spec?: { replicas?: number } }>(info.kind, namespace, t.name)
      const expected = flags['current-replicas']
      if (typeof expected === 'number' && (current.spec?.replicas ?? 1) !== expected) {
        ctx.out.err(`error: Expected replicas to be ${expected}, was ${current.spec?.replicas ?? 1}`)
        continue
      }
      const result = dryRun === 'client'
        ? { ...current, spec: { ...current.spec, replicas } }
        : api.patch(info.kind, namespace, t.name, { spec: { replicas } }, writeContext(dryRun))
      printResult(ctx, info, result, `scaled${dryRunSuffix(dryRun)}`, output)
    } catch (e) {
      ctx.out.err(formatError(e))
    }
  }
}
