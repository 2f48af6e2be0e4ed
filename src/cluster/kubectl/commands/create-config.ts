/**
 * kubectl create configmap NAME --from-literal=k=v… and kubectl create secret generic NAME
 * --from-literal=k=v…: generator subcommands of `kubectl create` (kube: create_configmap.go,
 * create_secret.go). Created at once, or printed with --dry-run=client -o yaml.
 */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1'
import { configKeyErrors, encodeBase64 } from '../../apiserver/kinds/config'
import { parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { toJson, toYaml } from '../printers/yaml'
import { ACTOR, namespaceOf, type CommandContext } from '../context'

const FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string' },
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'type', type: 'string' },
]

/** --from-literal is a string array (a comma is part of the value), so it is taken out before the rest. */
function takeLiterals(words: string[]): { literals: string[]; rest: string[] } {
  const literals: string[] = []
  const rest: string[] = []
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (w.startsWith('--from-literal=')) literals.push(w.slice('--from-literal='.length))
    else if (w === '--from-literal' && i + 1 < words.length) literals.push(words[++i])
    else rest.push(w)
  }
  return { literals, rest }
}

/** kube: ParseLiteralSource, then the generator's key checks. */
function literalData(literals: string[], kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> {
  const data: Record<string, string> = {}
  for (const source of literals) {
    const eq = source.indexOf('=')
    if (eq <= 0) throw new CommandError(`error: invalid literal source ${source}, expected key=value`)
    const [key, value] = [source.slice(0, eq), source.slice(eq + 1)]
    const errs = configKeyErrors(key)
    if (errs.length) {
      throw new CommandError(kind === 'ConfigMap'
        ? `error: ${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`
        : `error: ${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`)
    }
    if (Object.hasOwn(data, key)) {
      throw new CommandError(kind === 'ConfigMap'
        ? `error: cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`
        : `error: cannot add key ${key}, another key by that name already exists`)
    }
    data[key] = value
  }
  return data
}

/** Takes a repeatable `--flag=value` / `--flag value` out of the words. */
function takeAll(words: string[], flag: string): { values: string[]; rest: string[] } {
  const values: string[] = []
  const rest: string[] = []
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (w.startsWith(`${flag}=`)) values.push(w.slice(flag.length + 1))
    else if (w === flag && i + 1 < words.length) values.push(words[++i])
    else rest.push(w)
  }
  return { values, rest }
}

function readSource(ctx: CommandContext, path: string): string {
  // kube: handleConfigMapFromFileSources / addFromEnvFile word a missing path this way.
  if (!ctx.opts.readFile) throw new CommandError(`error: error reading ${path}: no such file or directory`)
  try {
    return ctx.opts.readFile(path)
  } catch {
    throw new CommandError(`error: error reading ${path}: no such file or directory`)
  }
}

/** --from-file=[key=]path (key: the file's base name) and --from-env-file=path (KEY=VALUE lines), as literal sources. */
function fileSources(ctx: CommandContext, files: string[], envFiles: string[]): string[] {
  const out: string[] = []
  for (const f of files) {
    const eq = f.indexOf('=')
    const [key, path] = eq > 0 ? [f.slice(0, eq), f.slice(eq + 1)] : [f.slice(f.lastIndexOf('/') + 1), f]
    if (eq === 0) throw new CommandError(`error: key names or file paths cannot be empty`)
    out.push(`${key}=${readSource(ctx, path)}`)
  }
  for (const path of envFiles) {
    for (const [n, raw] of readSource(ctx, path).split(/\r?\n/).entries()) {
      const line = raw.replace(/^\s+/, '')
      if (!line || line.startsWith('#')) continue
      const eq = line.indexOf('=')
      const key = eq < 0 ? line : line.slice(0, eq)
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) {
        throw new CommandError(`error: ${JSON.stringify(key)} is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (line ${n + 1} of ${path})`)
      }
      // kube: a bare KEY takes its value from kubectl's own environment, which is empty here.
      out.push(`${key}=${eq < 0 ? '' : line.slice(eq + 1)}`)
    }
  }
  return out
}

function generate(ctx: CommandContext, words: string[], command: string, build: (name: string, data: Record<string, string>, type?: string) => ConfigMap | Secret): void {
  const fromFile = takeAll(words, '--from-file')
  const fromEnv = takeAll(fromFile.rest, '--from-env-file')
  const { literals: given, rest } = takeLiterals(fromEnv.rest)
  const literals = [...fileSources(ctx, fromFile.values, []), ...given, ...fileSources(ctx, [], fromEnv.values)]
  const { flags, args } = parseFlags(command, rest, FLAGS)
  if (args.length !== 1) {
    throw new CommandError(`error: exactly one NAME is required, got ${args.length}\nSee 'kubectl ${command} -h' for help and examples`)
  }
  const dryRun = str(flags['dry-run'])
  if (dryRun !== undefined && dryRun !== 'none' && dryRun !== 'client' && dryRun !== 'server') {
    throw new CommandError(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`)
  }
  const obj = build(args[0], literalData(literals, command === 'create configmap' ? 'ConfigMap' : 'Secret', args[0]), str(flags.type))
  const resource = obj.kind!.toLowerCase()
  const namespace = namespaceOf(ctx, flags.namespace)
  // kube: the printed object carries the namespace only when -n was given.
  if (str(flags.namespace)) obj.metadata!.namespace = namespace
  if (dryRun === undefined || dryRun === 'none') ctx.host.api.create({ ...obj, metadata: { ...obj.metadata, namespace } }, ACTOR)
  else if (dryRun === 'server') ctx.host.api.create({ ...obj, metadata: { ...obj.metadata, namespace } }, { ...ACTOR, dryRun: true })
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
  const output = str(flags.output)
  if (output === 'yaml') ctx.out.out(toYaml(obj).replace(/\n$/, ''))
  else if (output === 'json') ctx.out.out(toJson(obj).replace(/\n$/, ''))
  else if (output === 'name') ctx.out.out(`${resource}/${args[0]}`)
  else if (output) throw new CommandError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`)
  else ctx.out.out(`${resource}/${args[0]} created${suffix}`)
}

export function createConfigMap(ctx: CommandContext, words: string[]): void {
  generate(ctx, words, 'create configmap', (name, data) => {
    // kube: empty data and binaryData maps are left out of the object.
    const cm: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }
    if (Object.keys(data).length) cm.data = data
    return cm
  })
}

// Flags whose value is the next word when not written `--flag=value`.
const VALUE_FLAGS = new Set(['-n', '--namespace', '-o', '--output', '--dry-run', '--type', '--from-literal', '--field-manager', '--validate'])

export function createSecret(ctx: CommandContext, words: string[]): void {
  let at = 0
  while (at < words.length && words[at].startsWith('-')) at += VALUE_FLAGS.has(words[at]) ? 2 : 1
  const sub = words[at]
  if (sub !== 'generic') {
    throw new CommandError(sub === undefined
      ? "error: Required resource not specified.\nSee 'kubectl create secret -h' for help and examples"
      : `error: "kubectl create secret ${sub}" is not supported by this simulator; use kubectl create secret generic or kubectl create -f FILE`)
  }
  generate(ctx, [...words.slice(0, at), ...words.slice(at + 1)], 'create secret generic', (name, data, type) => {
    const s: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name } }
    if (Object.keys(data).length) s.data = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, encodeBase64(v)]))
    if (type) s.type = type
    return s
  })
}
