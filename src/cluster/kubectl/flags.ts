/**
 * Command-line flags as kubectl (cobra/pflag) parses them: `--name=value`, `--name value`,
 * `-n value`, `-nvalue`, `-ojson`, booleans as `--all` or `--all=false`, `--` ending flags.
 * Unknown flags fail with pflag's texts.
 */
import { CommandError } from './host'

export type FlagType = 'bool' | 'string' | 'int' | 'strings'

export interface FlagSpec {
  name: string
  short?: string
  type: FlagType
}

export type FlagValues = Record<string, string | boolean | number | string[] | undefined>

export interface Parsed {
  flags: FlagValues
  args: string[]
}

/** Flags every command accepts (kubectl's global flags that matter here). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
]

/**
 * Where a command's subcommand or first argument is: the first word that is neither a flag nor a
 * flag's value (kube: cobra's stripFlags), so `kubectl -n web rollout status x` finds `status`. -1 if none.
 */
export function firstArg(words: string[], specs: FlagSpec[] = []): number {
  const all = [...specs, ...GLOBAL_FLAGS]
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (w === '--') return -1
    if (!w.startsWith('-') || w === '-') return i
    if (w.includes('=')) continue
    const spec = w.startsWith('--') ? all.find((f) => f.name === w.slice(2)) : w.length === 2 ? all.find((f) => f.short === w[1]) : undefined
    if (spec && spec.type !== 'bool') i++
  }
  return -1
}

export function parseFlags(command: string, words: string[], specs: FlagSpec[]): Parsed {
  const all = [...specs, ...GLOBAL_FLAGS]
  const flags: FlagValues = {}
  const args: string[] = []
  const usage = `See 'kubectl ${command} --help' for usage.`
  const set = (spec: FlagSpec, raw: string, shown: string) => {
    if (spec.type === 'bool') {
      if (raw !== 'true' && raw !== 'false') {
        throw new CommandError(`error: invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax\n${usage}`)
      }
      flags[spec.name] = raw === 'true'
    } else if (spec.type === 'int') {
      if (!/^-?\d+$/.test(raw)) {
        throw new CommandError(`error: invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax\n${usage}`)
      }
      flags[spec.name] = Number(raw)
    } else if (spec.type === 'strings') {
      flags[spec.name] = [...((flags[spec.name] as string[] | undefined) ?? []), ...raw.split(',')]
    } else {
      flags[spec.name] = raw
    }
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (w === '--') {
      args.push(...words.slice(i + 1))
      break
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=')
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq)
      const spec = all.find((s) => s.name === name)
      if (!spec) throw new CommandError(`error: unknown flag: --${name}\n${usage}`)
      if (eq >= 0) set(spec, w.slice(eq + 1), `--${name}`)
      else if (spec.type === 'bool') flags[spec.name] = true
      else {
        if (i + 1 >= words.length) throw new CommandError(`error: flag needs an argument: --${name}\n${usage}`)
        set(spec, words[++i], `--${name}`)
      }
    } else if (w.startsWith('-') && w.length > 1) {
      // A run of shorthand flags: booleans may be combined (`-Aw`), the first value flag takes the rest.
      for (let j = 1; j < w.length; j++) {
        const c = w[j]
        const spec = all.find((s) => s.short === c)
        if (!spec) throw new CommandError(`error: unknown shorthand flag: '${c}' in ${w}\n${usage}`)
        const rest = w.slice(j + 1)
        if (spec.type === 'bool') {
          if (rest.startsWith('=')) {
            set(spec, rest.slice(1), `-${c}, --${spec.name}`)
            break
          }
          flags[spec.name] = true
          continue
        }
        if (rest) set(spec, rest.startsWith('=') ? rest.slice(1) : rest, `-${c}, --${spec.name}`)
        else {
          if (i + 1 >= words.length) throw new CommandError(`error: flag needs an argument: '${c}' in -${c}\n${usage}`)
          set(spec, words[++i], `-${c}, --${spec.name}`)
        }
        break
      }
    } else {
      args.push(w)
    }
  }
  return { flags, args }
}

export const str = (v: FlagValues[string]): string | undefined => (typeof v === 'string' ? v : undefined)
export const bool = (v: FlagValues[string]): boolean => v === true
