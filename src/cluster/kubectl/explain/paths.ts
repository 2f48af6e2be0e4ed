/**
 * Completion for `kubectl explain RESOURCE.field.path` (for the terminal's Tab completion): the
 * field names one level below what has been typed, as full words (`pods.spec.containers`).
 */
import type { Api } from '../../apiserver/types'
import { currentSchema, definitionKey, type SchemaDefinition } from './schema'

/** `pods.sp` → ['pods.spec']; `deploy.spec.` → ['deploy.spec.minReadySeconds', ...]; [] while the schema loads. */
export function explainCompletions(api: Api, typed: string): string[] {
  const schema = currentSchema()
  const dot = typed.indexOf('.')
  if (!schema || dot < 0) return []
  const parts = typed.split('.')
  const info = api.resolveKind(parts[0]) ?? api.resolveKind(parts[0].toLowerCase())
  if (!info) return []
  let def: SchemaDefinition | undefined = schema.defs[definitionKey(info.apiVersion, info.kind)]
  for (const step of parts.slice(1, -1)) {
    const ref: string | undefined = def?.f.find((f) => f[0] === step)?.[4]
    def = ref ? schema.defs[ref] : undefined
  }
  const prefix = parts.slice(0, -1).join('.')
  const last = parts[parts.length - 1]
  return (def?.f ?? []).filter((f) => f[0].startsWith(last)).map((f) => `${prefix}.${f[0]}`)
}
