/**
 * Errors as kubectl prints them (cmdutil.CheckErr / StandardErrorMessage): server errors as
 * `Error from server (Reason): message`, invalid objects as `The Kind "name" is invalid: ...` with one
 * `* field: message` line per cause when there are several.
 */
import { ApiError } from '../apiserver/types'
import { CommandError } from './host'

/** cmdutil.AddSourceToErr: `error when creating "f.yaml": ...`. */
export function withSource(e: unknown, verb: string, source: string | undefined): unknown {
  if (!source || !(e instanceof ApiError) || e.reason === 'Invalid') return e
  return new ApiError(e.code, e.reason, `error when ${verb} "${source}": ${e.message}`, e.causes)
}

export function formatError(e: unknown): string {
  if (e instanceof CommandError) return e.message
  if (e instanceof ApiError) {
    if (e.reason === 'Invalid') {
      const m = /^(.*?) "(.*?)" is invalid/.exec(e.message)
      const head = m ? `The ${m[1].replace(/\.[a-z.]+$/, '')} "${m[2]}" is invalid` : 'The request is invalid'
      const causes = e.causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message))
      if (causes.length === 0) return m ? `The ${e.message}` : `${head}: ${e.message}`
      if (causes.length === 1) return `${head}: ${causes[0]}`
      return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`
    }
    return `Error from server (${e.reason}): ${e.message}`
  }
  return `error: ${e instanceof Error ? e.message : String(e)}`
}
