/**
 * kubectl describe's PrefixWriter: lines at indent levels (two spaces each), tab-separated cells
 * aligned by one tab writer; `flush()` ends the alignment, as DescribeEvents does before its table.
 */
import { DESCRIBE_TABS, tabwrite } from '../printers/tabwriter'

export class DescribeWriter {
  private segments: string[] = []
  private current = ''

  /** Writes one line at `level` (0 = no indent). */
  line(level: number, text: string): void {
    this.current += '  '.repeat(level) + text + '\n'
  }

  flush(): void {
    this.segments.push(this.current)
    this.current = ''
  }

  toString(): string {
    this.flush()
    return this.segments.map((s) => tabwrite(s, DESCRIBE_TABS)).join('')
  }
}
