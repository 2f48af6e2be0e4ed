/**
 * kubectl set image (kubectl/pkg/cmd/set/set_image.go): `kubectl set image deployment/web
 * nginx=nginx:1.16.1` changes the image of the named containers (init containers too; `*` means
 * all) in a pod template or a pod. A change prints `deployment.apps/web image updated`; no change
 * prints nothing. `--record` stores the command line as the kubernetes.io/change-cause annotation.
 */
import type { KubeObject } from '../../apiserver/types'
import { namespaceOf, type CommandContext } from '../context'
import { formatError } from '../errors'
import { bool, parseFlags, str, type FlagSpec, firstArg } from '../flags'
import { CommandError } from '../host'
import { byNamespaceAndName, kindString, resolveResource } from '../resources'
import { CHANGE_CAUSE_ANNOTATION } from './rollout-history'
import { resourceTargets, type Target } from './targets'
import { setEnv } from './set-env'
import { podSpecOf } from './set-targets'
import { checkOutput, dryRunOf, dryRunSuffix, printResult, writeContext } from './mutation'
import { setResources } from './set-resources'

const FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'local', type: 'bool' },
  { name: 'record', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
]

const SUBCOMMANDS = ['env', 'image', 'resources', 'selector', 'serviceaccount', 'subject']

export function set(ctx: CommandContext, words: string[]): void {
  const i = firstArg(words)
  const sub = i < 0 ? undefined : words[i]
  if (sub === 'image') return setImage(ctx, [...words.slice(0, i), ...words.slice(i + 1)])
  if (sub === 'env') return setEnv(ctx, [...words.slice(0, i), ...words.slice(i + 1)])
  if (sub === 'resources') return setResources(ctx, [...words.slice(0, i), ...words.slice(i + 1)])
  if (sub && SUBCOMMANDS.includes(sub)) throw new CommandError(`error: "kubectl set ${sub}" is not supported by this simulator`)
  if (sub) throw new CommandError(`error: unknown command "${sub}" for "kubectl set"\nSee 'kubectl set -h' for help and examples`)
  ctx.out.out(`Configure application resources.\n\nAvailable Commands:\n${SUBCOMMANDS.map((s) => `  ${s}`).join('\n')}`)
}

function setImage(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('set image', words, FLAGS)
  const api = ctx.host.api
  const namespace = namespaceOf(ctx, flags.namespace)
  const images: [string, string][] = []
  const resources: string[] = []
  for (const a of args) {
    const eq = a.indexOf('=')
    if (eq > 0) images.push([a.slice(0, eq), a.slice(eq + 1)])
    else resources.push(a)
  }
  const selector = str(flags.selector)
  const dryRun = dryRunOf(flags)
  const output = checkOutput(flags)
  if (!resources.length) throw new CommandError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>')
  if (!images.length) throw new CommandError('error: at least one image update is required')
  if (images.length > 1 && images.some(([n]) => n === '*')) {
    throw new CommandError('error: all containers are already specified by *, but saw more than one container_name=container_image pairs')
  }
  let targets: Target[]
  if (!resources[0].includes('/') && (resources.length === 1) && (selector || bool(flags.all))) {
    const info = resolveResource(api, resources[0])
    targets = api.list<KubeObject>(info.kind, { namespace: info.namespaced ? namespace : undefined, labelSelector: selector })
      .sort(byNamespaceAndName).map((o) => ({ info, namespace: o.metadata?.namespace, name: o.metadata!.name! }))
  } else {
    targets = resourceTargets(api, resources, namespace, 'set image')
  }
  const errors: string[] = []
  for (const t of targets) {
    try {
      const obj = api.get<KubeObject>(t.info.kind, t.namespace, t.name)
      const next = structuredClone(obj)
      const spec = podSpecOf(next)
      if (!spec) {
        errors.push(`error: ${kindString(t.info)}/${t.name} the object is not a pod or does not have a pod template: *${t.info.kind}`)
        continue
      }
      let changed = false
      for (const [name, image] of images) {
        let found = false
        for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
          if (c.name !== name && name !== '*') continue
          found = true
          if (c.image !== image) {
            c.image = image
            changed = true
          }
        }
        if (!found) errors.push(`error: unable to find container named "${name}"`)
      }
      if (!changed) continue
      if (bool(flags.record)) {
        next.metadata!.annotations = { ...(next.metadata!.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: `kubectl set image ${words.join(' ')}` }
      }
      const result = dryRun === 'client' ? next : api.update(next, writeContext(dryRun))
      printResult(ctx, t.info, result, `image updated${dryRunSuffix(dryRun)}`, output)
    } catch (e) {
      errors.push(formatError(e))
    }
  }
  for (const e of errors) ctx.out.err(e)
}
