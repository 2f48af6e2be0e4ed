/**
 * What the mutating commands share: kubectl's `--dry-run=none|client|server` flag, the `(dry run)`
 * suffixes, and the `-o yaml|json|name` printers of a changed object.
 */
import type { KindInfo, KubeObject, RequestContext } from '../../apiserver/types'
import { ACTOR, type CommandContext } from '../context'
import { str, type FlagValues } from '../flags'
import { CommandError } from '../host'
import { toJson, toYaml } from '../printers/yaml'
import { kindString } from '../resources'

export type DryRun = 'none' | 'client' | 'server'

/** kube: cmdutil.GetDryRunStrategy. */
export function dryRunOf(flags: FlagValues): DryRun {
  const v = str(flags['dry-run'])
  if (v === undefined || v === 'none') return 'none'
  if (v === 'client' || v === 'server') return v
  throw new CommandError(`error: Invalid dry-run value (${v}). Must be "none", "server", or "client".`)
}

/** The request context for a write: a server dry run is validated and defaulted, never stored. */
export function writeContext(dryRun: DryRun): RequestContext {
  return dryRun === 'server' ? { ...ACTOR, dryRun: true } : ACTOR
}

/** kube: PrintFlagsWithDryRunStrategy — ` (dry run)` / ` (server dry run)`. */
export function dryRunSuffix(dryRun: DryRun): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
}

const OUTPUTS = ['json', 'yaml', 'name']

/** Refuses an -o these commands cannot print, with kubectl's text. */
export function checkOutput(flags: FlagValues): string | undefined {
  const o = str(flags.output)
  if (o !== undefined && o !== '' && !OUTPUTS.includes(o)) {
    throw new CommandError(`error: unable to match a printer suitable for the output format "${o}", allowed formats are: json,name,yaml`)
  }
  return o || undefined
}

/** Prints the object as -o asks, or `kind.group/name <operation>`. */
export function printResult(ctx: CommandContext, info: KindInfo, obj: KubeObject, operation: string, output: string | undefined): void {
  const ref = `${kindString(info)}/${obj.metadata?.name ?? ''}`
  if (output === 'yaml') ctx.out.out(toYaml(obj).replace(/\n$/, ''))
  else if (output === 'json') ctx.out.out(toJson(obj).replace(/\n$/, ''))
  else if (output === 'name') ctx.out.out(ref)
  else ctx.out.out(`${ref} ${operation}`)
}
