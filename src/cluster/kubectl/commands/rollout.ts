/**
 * kubectl rollout status|history|undo|restart|pause|resume (kubectl/pkg/cmd/rollout). Pause and
 * resume flip a Deployment's spec.paused; restart stamps the pod template with
 * `kubectl.kubernetes.io/restartedAt`, which makes a new template and so a new rollout.
 */
import type { KubeObject } from '../../apiserver/types'
import { ACTOR, namespaceOf, type CommandContext } from '../context'
import { formatError } from '../errors'
import { parseFlags, type FlagSpec, firstArg } from '../flags'
import { CommandError } from '../host'
import { kindString, resourceString } from '../resources'
import { rolloutHistory, rolloutUndo } from './rollout-history'
import { rolloutStatus } from './rollout-status'
import { resourceTargets, type Target } from './targets'

const SUBCOMMANDS: Record<string, (ctx: CommandContext, words: string[]) => void> = {
  status: rolloutStatus,
  history: rolloutHistory,
  undo: rolloutUndo,
  restart: (ctx, words) => patchTemplate(ctx, words, 'restart'),
  pause: (ctx, words) => patchTemplate(ctx, words, 'pause'),
  resume: (ctx, words) => patchTemplate(ctx, words, 'resume'),
}

export function rollout(ctx: CommandContext, words: string[]): void {
  const i = firstArg(words)
  const sub = i < 0 ? undefined : words[i]
  const run = sub && SUBCOMMANDS[sub]
  if (!run) {
    if (sub) throw new CommandError(`error: unknown command "${sub}" for "kubectl rollout"\nSee 'kubectl rollout -h' for help and examples`)
    ctx.out.out(`Manage the rollout of one or many resources.\n\nAvailable Commands:\n${Object.keys(SUBCOMMANDS).map((s) => `  ${s}`).join('\n')}`)
    return
  }
  run(ctx, [...words.slice(0, i), ...words.slice(i + 1)])
}

const FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
]

type Verb = 'restart' | 'pause' | 'resume'

// kube: the messages of ObjectRestarter / ObjectPauser / ObjectResumer.
const UNSUPPORTED: Record<Verb, string> = {
  restart: 'restarting is not supported',
  pause: 'pausing is not supported',
  resume: 'resuming is not supported',
}
const DONE: Record<Verb, string> = { restart: 'restarted', pause: 'paused', resume: 'resumed' }
const TEMPLATED = ['Deployment', 'DaemonSet', 'StatefulSet']

interface Templated extends KubeObject {
  spec?: { paused?: boolean; template?: { metadata?: { annotations?: Record<string, string> } } }
}

/** Returns the changed copy, or an error text in kubectl's words. */
function transform(verb: Verb, t: Target, obj: Templated, now: string): Templated | string {
  const kind = t.info.kind
  const next = structuredClone(obj) as Templated
  const spec = (next.spec ??= {})
  if (verb === 'restart') {
    if (!TEMPLATED.includes(kind)) return UNSUPPORTED.restart
    if (kind === 'Deployment' && spec.paused) return "can't restart paused deployment (run rollout resume first)"
    const meta = ((spec.template ??= {}).metadata ??= {})
    meta.annotations = { ...(meta.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': now }
    return next
  }
  if (kind !== 'Deployment') return UNSUPPORTED[verb]
  if (verb === 'pause') {
    if (spec.paused) return 'is already paused'
    spec.paused = true
  } else {
    if (!spec.paused) return 'is not paused'
    delete spec.paused
  }
  return next
}

function patchTemplate(ctx: CommandContext, words: string[], verb: Verb): void {
  const { flags, args } = parseFlags(`rollout ${verb}`, words, FLAGS)
  const api = ctx.host.api
  if (!args.length) throw new CommandError(`error: required resource not specified`)
  const targets = resourceTargets(api, args, namespaceOf(ctx, flags.namespace), `rollout ${verb}`)
  for (const t of targets) {
    try {
      const obj = api.get<Templated>(t.info.kind, t.namespace, t.name)
      const next = transform(verb, t, obj, ctx.host.clock.timestamp())
      if (typeof next === 'string') {
        ctx.out.err(`error: ${resourceString(t.info)} "${t.name}" ${next}`)
        continue
      }
      api.update(next, ACTOR)
      ctx.out.out(`${kindString(t.info)}/${t.name} ${DONE[verb]}`)
    } catch (e) {
      ctx.out.err(formatError(e))
    }
  }
}
