/**
 * `-o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image` (kubectl's
 * CustomColumnsPrinter): one column per `HEADER:path`, the path relaxed (`.a.b`, `a.b`, `{.a.b}`),
 * several values joined by `,`, `<none>` when the path finds nothing, laid out by the same tab
 * writer as every table.
 */
import type { KubeObject } from '../../apiserver/types'
import { CommandError } from '../host'
import { findResults, goValue, JsonPathError, relaxedJsonPath } from './jsonpath'
import { renderTable } from './table'

export interface CustomColumn {
  header: string
  template: string
}

/** Parses the spec after `custom-columns=`; throws kubectl's errors. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (!spec) throw new CommandError('error: custom-columns format specified but no custom columns given')
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':')
    if (colon < 0) throw new CommandError(`error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`)
    const header = part.slice(0, colon)
    try {
      const template = relaxedJsonPath(part.slice(colon + 1))
      findResults(template, {}) // parse now: a bad path fails before anything prints
      return { header, template }
    } catch (e) {
      if (e instanceof JsonPathError) throw new CommandError(`error: ${e.message}`)
      throw e
    }
  })
}

/** kube: the custom-columns-file form — a header line and a path line, whitespace-separated. */
export function parseCustomColumnsFile(text: string): CustomColumn[] {
  const lines = text.split('\n').filter((l) => l.trim())
  if (lines.length !== 2) throw new CommandError(`error: unexpected lines in custom columns file, expected 2, found ${lines.length}`)
  const headers = lines[0].trim().split(/\s+/)
  const paths = lines[1].trim().split(/\s+/)
  if (headers.length !== paths.length) {
    throw new CommandError(`error: number of headers (${headers.length}) does not match number of paths (${paths.length})`)
  }
  return parseCustomColumns(headers.map((h, i) => `${h}:${paths[i]}`).join(','))
}

export function customColumnsCell(obj: KubeObject, column: CustomColumn): string {
  const values = findResults(column.template, obj).flat()
  return values.length ? values.map(goValue).join(',') : '<none>'
}

export function renderCustomColumns(columns: CustomColumn[], objects: KubeObject[], opts: { noHeaders?: boolean } = {}): string {
  const rows = objects.map((o) => columns.map((c) => customColumnsCell(o, c)))
  return renderTable({ headers: columns.map((c) => c.header), rows }, opts)
}
