/**
 * kubectl set env (kube: kubectl/pkg/cmd/set/set_env.go): `KEY=VALUE` sets, `KEY-` removes,
 * `--from=configmap/NAME|secret/NAME` adds one variable per key (a valueFrom reference, the key
 * upper-cased with other characters as `_`), `--list` prints what the containers have. A change
 * prints `deployment.apps/web env updated`; no change prints nothing.
 */
import type { Container, EnvVar } from 'kubernetes-types/core/v1'
import type { KubeObject } from '../../apiserver/types'
import { namespaceOf, type CommandContext } from '../context'
import { formatError } from '../errors'
import { bool, parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { jsonEqual } from '../merge'
import { resolveResource } from '../resources'
import { checkOutput, dryRunOf, dryRunSuffix, printResult, writeContext } from './mutation'
import { containerMatcher, podSpecOf, setTargets } from './set-targets'

const FLAGS: FlagSpec[] = [
  { name: 'env', short: 'e', type: 'strings' },
  { name: 'containers', short: 'c', type: 'string' },
  { name: 'list', type: 'bool' },
  { name: 'resolve', type: 'bool' },
  { name: 'from', type: 'string' },
  { name: 'prefix', type: 'string' },
  { name: 'keys', type: 'strings' },
  { name: 'overwrite', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'local', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'recursive', short: 'R', type: 'bool' },
]

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/

/** kube: keyToEnvName. */
const keyToEnvName = (key: string) => key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase()

/** kube: env.ParseEnv — `KEY=VALUE` to set, `KEY-` to remove. */
function parseEnv(specs: string[]): { set: EnvVar[]; remove: string[] } {
  const set: EnvVar[] = []
  const remove: string[] = []
  for (const s of specs) {
    const eq = s.indexOf('=')
    if (eq > 0) {
      const name = s.slice(0, eq)
      if (!ENV_NAME.test(name)) throw new CommandError(`error: invalid environment variable: ${s}`)
      set.push({ name, value: s.slice(eq + 1) })
    } else if (s.endsWith('-') && s.length > 1) remove.push(s.slice(0, -1))
    else throw new CommandError(`error: environment variables must be of the form key=value and can only contain letters, numbers, and underscores`)
  }
  return { set, remove }
}

/** kube: updateEnv — a variable set again keeps its place; new ones are appended. */
function updateEnv(existing: EnvVar[], set: EnvVar[], remove: string[]): EnvVar[] {
  const out = existing.map((e) => set.find((s) => s.name === e.name) ?? e)
  for (const s of set) if (!existing.some((e) => e.name === s.name)) out.push(s)
  return out.filter((e) => !remove.includes(e.name))
}

function refString(e: EnvVar): string {
  const f = e.valueFrom!
  if (f.configMapKeyRef) return `configmap ${f.configMapKeyRef.name}, key ${f.configMapKeyRef.key}`
  if (f.secretKeyRef) return `secret ${f.secretKeyRef.name}, key ${f.secretKeyRef.key}`
  if (f.fieldRef) return `field path ${f.fieldRef.fieldPath}`
  if (f.resourceFieldRef) return `resource ${f.resourceFieldRef.resource}`
  return 'invalid source'
}

function fromSource(ctx: CommandContext, from: string, namespace: string, keys: string[] | undefined, prefix: string): EnvVar[] {
  const slash = from.indexOf('/')
  const info = slash > 0 ? resolveResource(ctx.host.api, from.slice(0, slash)) : undefined
  if (!info || (info.kind !== 'ConfigMap' && info.kind !== 'Secret')) throw new CommandError('error: unsupported resource specified in --from')
  const obj = ctx.host.api.get<KubeObject & { data?: Record<string, string> }>(info.kind, namespace, from.slice(slash + 1))
  const name = from.slice(slash + 1)
  // Sorted, so the same command always writes the same list.
  return Object.keys(obj.data ?? {}).sort().filter((k) => !keys || keys.includes(k)).map((key) => ({
    name: prefix + keyToEnvName(key),
    valueFrom: info.kind === 'ConfigMap' ? { configMapKeyRef: { key, name } } : { secretKeyRef: { key, name } },
  }))
}

export function setEnv(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('set env', words, FLAGS)
  const namespace = namespaceOf(ctx, flags.namespace)
  const resources = args.filter((a) => !a.includes('=') && !(a.endsWith('-') && !a.includes('/')))
  const envArgs = args.filter((a) => !resources.includes(a))
  if (!resources.length) throw new CommandError("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl set env -h' for help and examples")
  const list = bool(flags.list)
  if (list && str(flags.output)) throw new CommandError("error: --list and --output may not be specified together\nSee 'kubectl set env -h' for help and examples")
  const dryRun = dryRunOf(flags)
  const output = checkOutput(flags)
  const { set, remove } = parseEnv([...((flags.env as string[] | undefined) ?? []), ...envArgs])
  if (str(flags.from)) set.push(...fromSource(ctx, str(flags.from)!, namespace, flags.keys as string[] | undefined, str(flags.prefix) ?? ''))
  if (!list && !set.length && !remove.length) throw new CommandError('error: at least one environment variable must be provided')
  const matches = containerMatcher(str(flags.containers))
  const api = ctx.host.api
  for (const t of setTargets(ctx, resources, flags, namespace, 'set env')) {
    try {
      const obj = api.get<KubeObject>(t.info.kind, t.namespace, t.name)
      const next = structuredClone(obj)
      const spec = podSpecOf(next)
      if (!spec) {
        ctx.out.err(`error: ${t.info.resource}/${t.name} is not a pod or does not have a pod template`)
        continue
      }
      const containers: Container[] = [...(spec.initContainers ?? []), ...spec.containers].filter((c) => matches(c.name))
      if (!containers.length) {
        ctx.out.note(`warning: ${t.info.resource}/${t.name} does not have any containers matching "${str(flags.containers) ?? '*'}"`)
        continue
      }
      for (const c of containers) {
        if (flags.overwrite === false) {
          const clash = set.find((s) => c.env?.some((e) => e.name === s.name && e.value !== s.value))
          if (clash) throw new CommandError(`error: '${clash.name}' already has a value (${c.env!.find((e) => e.name === clash.name)!.value}), and --overwrite is false`)
        }
        const env = updateEnv(c.env ?? [], set, remove)
        if (env.length) c.env = env
        else delete c.env
        if (list) {
          ctx.out.out(`# ${t.info.resource} ${t.name}, container ${c.name}`)
          for (const e of c.env ?? []) ctx.out.out(e.valueFrom ? `# ${e.name} from ${refString(e)}` : `${e.name}=${e.value ?? ''}`)
        }
      }
      if (list || jsonEqual(next, obj)) continue
      const result = dryRun === 'client' ? next : api.update(next, writeContext(dryRun))
      printResult(ctx, t.info, result, `env updated${dryRunSuffix(dryRun)}`, output)
    } catch (e) {
      ctx.out.err(formatError(e))
    }
  }
}
