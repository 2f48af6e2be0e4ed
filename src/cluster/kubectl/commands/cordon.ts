/**
 * kubectl cordon / uncordon (kubectl/pkg/cmd/drain, drain.CordonHelper): set or clear a node's
 * spec.unschedulable, so the scheduler stops or resumes placing new pods there. Pods already on the
 * node stay. Prints `node/node-1 cordoned`, or `already cordoned` when nothing changes.
 */
import type { Node } from 'kubernetes-types/core/v1'
import { ACTOR, type CommandContext } from '../context'
import { formatError } from '../errors'
import { parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'

const FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'dry-run', type: 'string' },
]

/** The nodes named by the arguments or matched by --selector, as kubectl drain's builder finds them. */
export function selectNodes(ctx: CommandContext, command: string, args: string[], selector: string | undefined): string[] {
  if (!args.length && !selector) throw new CommandError(`error: USAGE: ${command} NODE [flags]\nSee 'kubectl ${command} -h' for help and examples`)
  if (args.length && selector) throw new CommandError(`error: error: cannot specify both a node name and a --selector option\nSee 'kubectl ${command} -h' for help and examples`)
  if (args.length) return args.map((a) => (a.startsWith('node/') || a.startsWith('nodes/') ? a.slice(a.indexOf('/') + 1) : a))
  return ctx.host.api.list<Node>('Node', { labelSelector: selector }).map((n) => n.metadata!.name!)
}

/** kube: CordonHelper.UpdateIfRequired and PatchOrReplace. Returns false when already so. */
export function setUnschedulable(ctx: CommandContext, name: string, desired: boolean): boolean {
  const api = ctx.host.api
  const node = api.get<Node>('Node', undefined, name)
  if ((node.spec?.unschedulable ?? false) === desired) return false
  // kube: unschedulable is omitempty, so uncordon removes the field.
  api.patch('Node', undefined, name, { spec: { unschedulable: desired ? true : null } }, ACTOR)
  return true
}

function run(ctx: CommandContext, words: string[], desired: boolean): void {
  const command = desired ? 'cordon' : 'uncordon'
  const { flags, args } = parseFlags(command, words, FLAGS)
  for (const name of selectNodes(ctx, command, args, str(flags.selector))) {
    try {
      const changed = setUnschedulable(ctx, name, desired)
      ctx.out.out(`node/${name} ${changed ? '' : 'already '}${command}ed`)
    } catch (e) {
      ctx.out.err(formatError(e))
    }
  }
}

export const cordon = (ctx: CommandContext, words: string[]): void => run(ctx, words, true)
export const uncordon = (ctx: CommandContext, words: string[]): void => run(ctx, words, false)

