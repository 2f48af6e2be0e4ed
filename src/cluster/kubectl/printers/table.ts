/**
 * kubectl's human-readable tables: upper-case headers, one row per object, laid out by the tab
 * writer. With several kinds in one `get` (or `get all`) names carry their type (`pod/web-1`).
 */
import { tabwrite, TABLE_TABS } from './tabwriter'

export interface Table {
  headers: string[]
  rows: string[][]
}

export function renderTable(table: Table, opts: { noHeaders?: boolean } = {}): string {
  const lines: string[] = []
  if (!opts.noHeaders) lines.push(table.headers.join('\t'))
  for (const row of table.rows) lines.push(row.join('\t'))
  return tabwrite(lines.join('\n') + '\n', TABLE_TABS)
}
