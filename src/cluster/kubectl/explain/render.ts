/**
 * kubectl explain's plaintext output (kubectl v1.35 renders the server's OpenAPI v3 schema through its
 * `plaintext` template): the GROUP/KIND/VERSION header, then either the kind's description and field
 * list, or `FIELD: name <type>` followed by that field's description and fields.
 */
import { CommandError } from '../host'
import type { SchemaData, SchemaDefinition, SchemaField } from './schema'

export interface ExplainTarget {
  group: string
  kind: string
  version: string
  /** The definition of the kind, e.g. `apps/v1.Deployment`. */
  definition: string
  /** Field names after the resource: `spec.containers` → ['spec', 'containers']. */
  path: string[]
  recursive: boolean
}

/**
 * Word wrap as kubectl's explain template does it: line breaks in the text are dropped first
 * (kubernetes/kubernetes#126533, since v1.32), then words are wrapped at `limit` columns;
 * a word longer than the limit (a URL) stays whole on its own line.
 */
export function wrap(limit: number, text: string): string {
  const s = text.replaceAll('\n', '')
  let out = ''
  let current = 0
  let spaces = ''
  let word = ''
  for (const ch of s) {
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\v' || ch === '\f') {
      if (!spaces || word) {
        current += spaces.length + word.length
        out += spaces + word
        spaces = ''
        word = ''
      }
      spaces += ch
    } else {
      word += ch
      if (current + spaces.length + word.length > limit && word.length < limit) {
        out += '\n'
        current = 0
        spaces = ''
      }
    }
  }
  if (!word) {
    if (current + spaces.length <= limit) out += spaces
  } else out += spaces + word
  return out
}

/** kubectl's template `indent`: pads the first line and every line after a newline. */
export function indent(amount: number, text: string): string {
  const pad = ' '.repeat(amount)
  return pad + text.replaceAll('\n', '\n' + pad)
}

export function renderExplain(schema: SchemaData, target: ExplainTarget): string {
  const root = schema.defs[target.definition]
  if (!root) throw new CommandError(`error: GVK ${target.group ? `${target.group}/` : ''}${target.version}, Kind=${target.kind} not found in OpenAPI schema`)
  let text = ''
  if (target.group) text += `GROUP:      ${target.group}\n`
  text += `KIND:       ${target.kind}\nVERSION:    ${target.version}\n\n`
  const body = target.path.length
    ? explainField(schema, root, target.path, target.recursive)
    : describe(schema, root.d, root, new Set(), target.recursive)
  if (!body) throw new CommandError(`error: field "${target.path[target.path.length - 1]}" does not exist`)
  return text + body + '\n'
}

/** Follows the path down the definitions; empty when a step does not exist (the caller reports it). */
function explainField(schema: SchemaData, def: SchemaDefinition, path: string[], recursive: boolean): string {
  const field = def.f.find((f) => f[0] === path[0])
  if (!field) return ''
  const target = field[4] ? schema.defs[field[4]] : undefined
  if (path.length > 1) {
    if (!target) return ''
    return explainField(schema, target, path.slice(1), recursive)
  }
  // kube: the template prints the FIELD line, an (empty here) enum list, then two line breaks.
  const head = `FIELD: ${field[0]} <${field[1]}>\n\n\n`
  const history = new Set(field[4] ? [field[4]] : [])
  return head + describe(schema, field[3] + (target?.d ?? ''), target, history, recursive)
}

function describe(schema: SchemaData, description: string, def: SchemaDefinition | undefined, history: Set<string>, recursive: boolean): string {
  let text = `DESCRIPTION:\n${indent(4, wrap(76, description || '<empty>'))}\n`
  const fields = def ? fieldList(schema, def, 1, history, recursive) : ''
  if (fields) text += `FIELDS:\n${fields}`
  return text
}

function fieldList(schema: SchemaData, def: SchemaDefinition, level: number, history: Set<string>, recursive: boolean): string {
  let text = ''
  for (const field of def.f) {
    text += fieldDetail(field, level, recursive)
    const ref = field[4]
    if (recursive && ref && !history.has(ref) && schema.defs[ref]) {
      text += fieldList(schema, schema.defs[ref], level + 1, new Set([...history, ref]), recursive)
    }
  }
  return text
}

function fieldDetail([name, type, required, description]: SchemaField, level: number, short: boolean): string {
  const pad = level * 2
  let text = `${' '.repeat(pad)}${name}\t<${type}>${required ? ' -required-' : ''}\n`
  if (!short) text += `${indent(pad + 2, wrap(78 - pad, description || '<no description>'))}\n\n`
  return text
}
