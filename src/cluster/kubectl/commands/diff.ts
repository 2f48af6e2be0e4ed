/**
 * kubectl diff -f FILE (kube: kubectl/pkg/cmd/diff): for each object, the live version against
 * the one `kubectl apply` would produce (the three-way merge sent to the server as a dry run, so
 * defaults and the generation bump show), as `diff -u -N` prints it between kubectl's two temp
 * dirs. managedFields are left out, as kubectl leaves them out. Exit code 1 when something
 * differs, 0 when nothing does, above 1 for errors.
 */
import type { KubeObject } from '../../apiserver/types'
import { formatError, withSource } from '../errors'
import { parseFlags, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { readManifests } from '../manifests'
import { threeWayMerge } from '../merge'
import { toYaml } from '../printers/yaml'
import { ACTOR, type CommandContext } from '../context'
import { LAST_APPLIED, lastAppliedOf, locate } from './apply'
import { unifiedHunks } from './unified-diff'

const FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'server-side', type: 'bool' },
  { name: 'force-conflicts', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  { name: 'prune', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'concurrency', type: 'int' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
]

// The file date `diff` prints for a side that does not exist (-N).
const EPOCH = '1970-01-01 00:00:00.000000000 +0000'

/** What `apply` would store: the three-way merge, through the server as a dry run. */
function merged(ctx: CommandContext, obj: KubeObject, live: KubeObject | undefined): KubeObject {
  const api = ctx.host.api
  const annotation = lastAppliedOf(obj)
  const config = structuredClone(obj)
  config.metadata = { ...config.metadata, annotations: { ...(config.metadata?.annotations ?? {}), [LAST_APPLIED]: annotation } }
  if (!live) return api.create(config, { ...ACTOR, dryRun: true })
  let last: unknown = {}
  try { last = JSON.parse(live.metadata?.annotations?.[LAST_APPLIED] ?? '{}') } catch { last = {} }
  const { status: _s, ...sansStatus } = config
  return api.update(threeWayMerge(structuredClone(live), last, sansStatus) as KubeObject, { ...ACTOR, dryRun: true })
}

function text(obj: KubeObject | undefined): string {
  if (!obj) return ''
  const copy = structuredClone(obj)
  if (copy.metadata) delete (copy.metadata as { managedFields?: unknown }).managedFields
  return toYaml(copy)
}

/** `2026-01-01 09:00:05.000000000 +0000`, the file time GNU diff prints. */
function fileTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.(\d{3})Z$/, '.$1000000 +0000')
}

export function diff(ctx: CommandContext, words: string[]): void {
  const { flags } = parseFlags('diff', words, FLAGS)
  const files = (flags.filename as string[] | undefined) ?? []
  if (!files.length) throw new CommandError("error: must specify one of -f and -k\nSee 'kubectl diff -h' for help and examples", 1)
  const { api, clock } = ctx.host
  const set = readManifests(files, ctx.opts)
  // kube: os.MkdirTemp names each dir with a random number; the seeded random keeps runs identical.
  const liveDir = `/tmp/LIVE-${clock.random.int(4294967295)}`
  const mergedDir = `/tmp/MERGED-${clock.random.int(4294967295)}`
  let differs = false
  let failed = set.errors.length > 0
  for (const e of set.errors) ctx.out.err(e, 0)
  const now = fileTime(clock.now())
  for (const m of set.manifests) {
    try {
      const t = locate(ctx, m, flags.namespace)
      const live = api.find<KubeObject>(t.info.kind, t.namespace, t.name)
      let after: KubeObject
      try {
        after = merged(ctx, t.object, live)
      } catch (e) {
        throw withSource(e, live ? 'patching' : 'creating', m.source)
      }
      const before = text(live)
      const hunks = unifiedHunks(before, text(after))
      if (!hunks) continue
      differs = true
      const [group, version] = t.info.apiVersion.includes('/') ? t.info.apiVersion.split('/') : ['', t.info.apiVersion]
      const file = [group ? `${group}.${version}` : version, t.info.kind, ...(t.namespace ? [t.namespace] : []), t.name].join('.')
      ctx.out.out([
        `diff -u -N ${liveDir}/${file} ${mergedDir}/${file}`,
        `--- ${liveDir}/${file}\t${live ? now : EPOCH}`,
        `+++ ${mergedDir}/${file}\t${now}`,
        hunks.replace(/\n$/, ''),
      ].join('\n'))
    } catch (e) {
      failed = true
      ctx.out.err(formatError(e), 0)
    }
  }
  // kube: diff's own exit code — 1 for differences; anything above 1 is an error.
  if (failed) ctx.out.exitCode = Math.max(ctx.out.exitCode, 2)
  else if (differs) ctx.out.exitCode = 1
}
