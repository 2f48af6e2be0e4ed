/**
 * Go's text/tabwriter, which lays out every kubectl table and describe page: cells end at a tab,
 * a column is as wide as its widest cell plus padding (at least minWidth), and a column's width
 * holds only over consecutive lines that have that cell (a "column block"). The text after a
 * line's last tab is not part of any column and is never padded.
 */
export interface TabOptions {
  minWidth: number
  padding: number
}

/** kubectl get: printers.GetNewTabWriter (minwidth 6, padding 3). */
export const TABLE_TABS: TabOptions = { minWidth: 6, padding: 3 }
/** kubectl describe: tabwriter.NewWriter(out, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABS: TabOptions = { minWidth: 0, padding: 2 }

export function tabwrite(text: string, opts: TabOptions): string {
  const endsWithNewline = text.endsWith('\n')
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split('\n')
  const lines = rawLines.map((l) => l.split('\t'))
  const widths: number[] = []
  const out: string[] = []

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]
      let s = ''
      for (let j = 0; j < cells.length; j++) {
        s += cells[j]
        if (j < widths.length && j < cells.length - 1) s += ' '.repeat(Math.max(0, widths[j] - cells[j].length))
      }
      out.push(s)
    }
  }

  const format = (line0: number, line1: number) => {
    const column = widths.length
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i].length - 1) continue
      writeLines(line0, i)
      line0 = i
      let width = opts.minWidth
      for (; i < line1; i++) {
        const cells = lines[i]
        if (column >= cells.length - 1) break
        width = Math.max(width, cells[column].length + opts.padding)
      }
      widths.push(width)
      format(line0, i)
      widths.pop()
      line0 = i
      i-- // the loop's i++ revisits the line that ended the block
    }
    writeLines(line0, line1)
  }

  format(0, lines.length)
  return out.join('\n') + (endsWithNewline ? '\n' : '')
}
