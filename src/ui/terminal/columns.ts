/**
 * Lays out completion candidates as readline lists them after a second Tab: columns as wide as the
 * longest candidate plus two spaces, as many as fit the terminal, filled top to bottom.
 */
export function formatColumns(items: string[], width: number): string {
  if (items.length === 0) return ''
  const colWidth = Math.max(...items.map((s) => s.length)) + 2
  const columns = Math.max(1, Math.floor(width / colWidth))
  const rows = Math.ceil(items.length / columns)
  let out = ''
  for (let r = 0; r < rows; r++) {
    const cells: string[] = []
    for (let c = 0; c < columns; c++) {
      const item = items[c * rows + r]
      if (item !== undefined) cells.push(item)
    }
    out += cells.map((cell, i) => (i < cells.length - 1 ? cell.padEnd(colWidth) : cell)).join('') + '\n'
  }
  return out
}

/** The longest prefix every candidate shares (what a first Tab inserts when several match). */
export function commonPrefix(candidates: string[]): string {
  if (candidates.length === 0) return ''
  let prefix = candidates[0]
  for (const c of candidates) {
    let i = 0
    while (i < prefix.length && i < c.length && prefix[i] === c[i]) i++
    prefix = prefix.slice(0, i)
  }
  return prefix
}
