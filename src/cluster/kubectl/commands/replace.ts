/**
 * kubectl replace -f FILE (kube: kubectl/pkg/cmd/replace): each object of the file replaces the
 * live one whole (PUT). A resourceVersion in the file makes it conditional (409 Conflict when the
 * object changed since); without one the update is unconditional. `--force` deletes the object,
 * waits until it is gone and creates it again.
 */
import type { KubeObject } from '../../apiserver/types'
import { formatError, withSource } from '../errors'
import { bool, parseFlags, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { readManifests } from '../manifests'
import { kindString } from '../resources'
import { ACTOR, type CommandContext } from '../context'
import { locate } from './apply'
import { checkOutput, dryRunOf, dryRunSuffix, printResult, writeContext } from './mutation'
import { runUntil } from './targets'

const FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'force', type: 'bool' },
  { name: 'grace-period', type: 'int' },
  { name: 'cascade', type: 'string' },
  { name: 'wait', type: 'bool' },
  { name: 'timeout', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'subresource', type: 'string' },
  { name: 'raw', type: 'string' },
]

// kube: --force waits for the deletion; bounded here in virtual time.
const FORCE_WAIT_MS = 10 * 60_000

export function replace(ctx: CommandContext, words: string[]): void {
  const { flags } = parseFlags('replace', words, FLAGS)
  const files = (flags.filename as string[] | undefined) ?? []
  if (!files.length) throw new CommandError("error: must specify --filename to replace\nSee 'kubectl replace -h' for help and examples")
  const dryRun = dryRunOf(flags)
  const output = checkOutput(flags)
  const force = bool(flags.force)
  if (force && dryRun !== 'none') throw new CommandError('error: --dry-run can not be used when --force is set')
  const api = ctx.host.api
  const set = readManifests(files, ctx.opts)
  const errors = [...set.errors]
  for (const m of set.manifests) {
    try {
      const t = locate(ctx, m, flags.namespace)
      const obj = t.object
      delete obj.status
      if (force) {
        const live = api.find<KubeObject>(t.info.kind, t.namespace, t.name)
        if (live) {
          api.delete(t.info.kind, t.namespace, t.name, ACTOR)
          ctx.out.out(`${kindString(t.info)} "${t.name}" deleted${t.namespace ? ` from ${t.namespace} namespace` : ''}`)
          const gone = () => api.find<KubeObject>(t.info.kind, t.namespace, t.name)?.metadata?.uid !== live.metadata?.uid
          runUntil(ctx.host.clock, gone, ctx.host.clock.now() + FORCE_WAIT_MS)
        }
        const { resourceVersion: _rv, ...meta } = obj.metadata ?? {}
        const created = api.create({ ...obj, metadata: meta }, ACTOR)
        printResult(ctx, t.info, created, 'replaced', output)
        continue
      }
      let result: KubeObject
      try {
        result = dryRun === 'client' ? obj : api.update(obj, writeContext(dryRun))
      } catch (e) {
        throw withSource(e, 'replacing', m.source)
      }
      printResult(ctx, t.info, result, `replaced${dryRunSuffix(dryRun)}`, output)
    } catch (e) {
      errors.push(formatError(e))
    }
  }
  for (const e of errors) ctx.out.err(e)
}
