/**
 * What the rollout, set and node commands share: resolving `TYPE NAME...` or `TYPE/NAME...`
 * arguments, Go's duration flags (`--timeout=90s`), and waiting on the virtual clock as kubectl
 * waits on a watch.
 */
import type { Api, KindInfo } from '../../apiserver/types'
import type { Clock } from '../../clock'
import { CommandError } from '../host'
import { resolveResource } from '../resources'

export interface Target {
  info: KindInfo
  namespace: string | undefined
  name: string
}

/** kube: resource.Builder ResourceTypeOrNameArgs for `TYPE NAME...` and `TYPE/NAME...`. */
export function resourceTargets(api: Api, args: string[], namespace: string, command: string): Target[] {
  if (!args.length) throw new CommandError(`error: required resource not specified\nSee 'kubectl ${command} -h' for help and examples`)
  const out: Target[] = []
  if (args[0].includes('/')) {
    for (const a of args) {
      const slash = a.indexOf('/')
      if (slash < 0) throw new CommandError(`error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`)
      const info = resolveResource(api, a.slice(0, slash))
      out.push({ info, namespace: info.namespaced ? namespace : undefined, name: a.slice(slash + 1) })
    }
    return out
  }
  const info = resolveResource(api, args[0])
  if (args.length < 2) throw new CommandError('error: resource(s) were provided, but no name was specified')
  for (const name of args.slice(1)) out.push({ info, namespace: info.namespaced ? namespace : undefined, name })
  return out
}

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** Go's time.ParseDuration (`1m30s`, `90s`, `0`), in milliseconds; throws with Go's message. */
export function parseGoDuration(text: string, flag: string, command: string): number {
  if (text === '0') return 0
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy
  let total = 0
  let m: RegExpExecArray | null
  let end = 0
  while ((m = re.exec(text))) {
    total += Number(m[1]) * GO_UNITS[m[2]]
    end = re.lastIndex
  }
  if (!text || end !== text.length) {
    throw new CommandError(`error: invalid argument "${text}" for "--${flag}" flag: time: invalid duration "${text}"\nSee 'kubectl ${command} --help' for usage.`)
  }
  return Math.round(total)
}

/**
 * Runs the virtual clock until `done()` or `deadline` (absolute ms), timer by timer, so watch
 * handlers see every intermediate write. Returns whether `done()` became true.
 */
export function runUntil(clock: Clock, done: () => boolean, deadline: number): boolean {
  clock.settle()
  while (!done()) {
    const next = clock.nextAt()
    if (next === undefined || next > deadline) {
      if (clock.now() < deadline) clock.advanceTo(deadline)
      return done()
    }
    clock.step()
  }
  return true
}
