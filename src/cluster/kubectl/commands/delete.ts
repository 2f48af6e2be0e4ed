/**
 * kubectl delete: by kind and names, `kind/name`, label selector, `--all`, or the objects of
 * manifests. Prints `pod "x" deleted from default namespace` (v1.33+ names the namespace). As kubectl
 * does with --wait (the default), it returns once the objects are gone: here the virtual clock is
 * stepped until then (graceful pod termination takes up to its grace period).
 */
import type { DeleteOptions, KindInfo, KubeObject } from '../../apiserver/types'
import { isNotFound } from '../../apiserver/types'
import { formatError, withSource } from '../errors'
import { bool, parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { readManifests } from '../manifests'
import { byNamespaceAndName, kindString, resolveResource } from '../resources'
import { namespaceOf, type CommandContext } from '../context'
import { fieldSelectorFilter } from '../field-selector'
import { locate } from './apply'
import { dryRunOf, dryRunSuffix, writeContext } from './mutation'

const FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'grace-period', type: 'int' },
  { name: 'force', type: 'bool' },
  { name: 'now', type: 'bool' },
  { name: 'cascade', type: 'string' },
  { name: 'wait', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'timeout', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'dry-run', type: 'string' },
  { name: 'interactive', short: 'i', type: 'bool' },
]

// Upper bound on how long a delete waits for graceful termination, in virtual time.
const MAX_WAIT_MS = 10 * 60_000

interface Victim {
  info: KindInfo
  namespace: string | undefined
  name: string
  source?: string
}

function cascadeOf(value: string | undefined): DeleteOptions['propagationPolicy'] {
  switch (value ?? 'background') {
    case 'background': case 'true': return 'Background'
    case 'foreground': return 'Foreground'
    case 'orphan': case 'false': return 'Orphan'
  }
  throw new CommandError(`error: invalid cascade value (${value}). Must be "background", "foreground", or "orphan".`)
}

export function del(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('delete', words, FLAGS)
  const dryRun = dryRunOf(flags)
  const api = ctx.host.api
  const namespace = namespaceOf(ctx, flags.namespace)
  const files = (flags.filename as string[] | undefined) ?? []
  const selector = str(flags.selector)
  const victims: Victim[] = []

  if (files.length) {
    const set = readManifests(files, ctx.opts)
    for (const e of set.errors) ctx.out.err(e)
    for (const m of set.manifests) {
      try {
        const t = locate(ctx, m, flags.namespace)
        victims.push({ info: t.info, namespace: t.namespace, name: t.name, source: m.source })
      } catch (e) {
        ctx.out.err(formatError(e))
      }
    }
  } else {
    if (!args.length) {
      throw new CommandError([
        'error: You must provide one or more resources by argument or filename.',
        'Example resource specifications include:',
        "   '-f rsrc.yaml'",
        "   '--filename=rsrc.json'",
        "   '<resource> <name>'",
        "   '<resource>'",
      ].join('\n'))
    }
    if (args[0].includes('/')) {
      for (const a of args) {
        const [type, name] = [a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/') + 1)]
        const info = resolveResource(api, type)
        victims.push({ info, namespace: info.namespaced ? namespace : undefined, name })
      }
    } else {
      const infos = args[0].split(',').map((t) => resolveResource(api, t))
      const names = args.slice(1)
      if (!names.length && !selector && !bool(flags.all) && !str(flags['field-selector'])) {
        throw new CommandError('error: resource(s) were provided, but no name was specified')
      }
      if (names.length && (selector || bool(flags.all))) {
        throw new CommandError('error: name cannot be provided when a selector is specified')
      }
      for (const info of infos) {
        if (names.length) {
          for (const name of names) victims.push({ info, namespace: info.namespaced ? namespace : undefined, name })
        } else {
          const ns = info.namespaced && !bool(flags['all-namespaces']) ? namespace : undefined
          // kube: the server checks the field selector (only the kind's supported fields) as for get.
          const fieldSelector = str(flags['field-selector'])
          const keep = fieldSelector ? fieldSelectorFilter(info, fieldSelector, selector) : () => true
          const items = api.list(info.kind, { namespace: ns, labelSelector: selector }).filter(keep)
          for (const o of [...items].sort(byNamespaceAndName)) {
            victims.push({ info, namespace: o.metadata?.namespace, name: o.metadata?.name ?? '' })
          }
        }
      }
      if (!victims.length && !names.length) {
        ctx.out.note(infos.some((i) => i.namespaced) && !bool(flags['all-namespaces']) ? `No resources found in ${namespace} namespace.` : 'No resources found')
        return
      }
    }
  }

  // kube: --force alone means grace 0; --grace-period=0 without --force is bumped to 1; --now is 1.
  let grace = typeof flags['grace-period'] === 'number' ? flags['grace-period'] : -1
  if (bool(flags.now)) grace = 1
  if (bool(flags.force) && grace < 0) grace = 0
  if (grace === 0 && !bool(flags.force)) grace = 1
  if (bool(flags.force) && grace === 0) {
    ctx.out.note('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.')
  }
  const options: DeleteOptions = { propagationPolicy: cascadeOf(str(flags.cascade)) }
  if (grace >= 0) options.gracePeriodSeconds = grace

  const pending: { victim: Victim; uid?: string }[] = []
  for (const v of victims) {
    try {
      const uid = api.find<KubeObject>(v.info.kind, v.namespace, v.name)?.metadata?.uid
      if (dryRun === 'client') api.get(v.info.kind, v.namespace, v.name)
      else api.delete(v.info.kind, v.namespace, v.name, writeContext(dryRun), options)
      const verb = (grace === 0 ? 'force deleted' : 'deleted') + dryRunSuffix(dryRun)
      const where = v.namespace ? ` from ${v.namespace} namespace` : ''
      ctx.out.out(str(flags.output) === 'name'
        ? `${kindString(v.info)}/${v.name}`
        : `${kindString(v.info)} "${v.name}" ${verb}${where}`)
      pending.push({ victim: v, uid })
    } catch (e) {
      if (isNotFound(e) && bool(flags['ignore-not-found'])) continue
      ctx.out.err(formatError(withSource(e, 'deleting', v.source)))
    }
  }
  if (dryRun === 'none' && flags.wait !== false && ctx.opts.waitForDeletion !== false) waitUntilGone(ctx, pending)
}

function waitUntilGone(ctx: CommandContext, pending: { victim: Victim; uid?: string }[]): void {
  const { api, clock } = ctx.host
  const stillThere = () => pending.some(({ victim, uid }) => {
    const o = api.find<KubeObject>(victim.info.kind, victim.namespace, victim.name)
    return o !== undefined && (!uid || o.metadata?.uid === uid)
  })
  clock.settle()
  const deadline = clock.now() + MAX_WAIT_MS
  while (stillThere() && clock.now() < deadline) {
    if (!clock.step()) break
  }
}
