/**
 * A tiny terminal screen for tests: enough VT100 (CR, LF, CUU, CUF, ED, CUP home, SGR ignored,
 * autowrap with xterm's pending-wrap rule) to check what the shell draws.
 */
export class Screen {
  rows: string[][] = [[]]
  row = 0
  col = 0
  private pendingWrap = false
  bells = 0

  constructor(readonly cols = 40) {}

  write(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const ch = data[i]
      if (ch === '\x1b') {
        // oxlint-disable-next-line no-control-regex -- a terminal emulator reads escape sequences
        const m = /^\x1b\[([0-9;?]*)([A-Za-z])/.exec(data.slice(i))
        if (!m) continue
        i += m[0].length - 1
        const n = Number(m[1] || '1')
        this.pendingWrap = false
        if (m[2] === 'A') this.row = Math.max(0, this.row - n)
        else if (m[2] === 'C') this.col = Math.min(this.cols - 1, this.col + n)
        else if (m[2] === 'H') [this.row, this.col] = [0, 0]
        else if (m[2] === 'J' && m[1] === '2') this.rows = this.rows.map(() => [])
        else if (m[2] === 'J' && m[1] === '3') continue // the scrollback: this screen keeps none
        else if (m[2] === 'J') {
          this.line().length = Math.min(this.line().length, this.col)
          this.rows.length = this.row + 1
        }
        continue
      }
      if (ch === '\r') {
        this.col = 0
        this.pendingWrap = false
      } else if (ch === '\n') {
        this.row++
        this.pendingWrap = false
        this.line()
      } else if (ch === '\x07') {
        this.bells++
      } else {
        if (this.pendingWrap) {
          this.row++
          this.col = 0
          this.pendingWrap = false
        }
        const line = this.line()
        while (line.length < this.col) line.push(' ')
        line[this.col] = ch
        if (this.col === this.cols - 1) this.pendingWrap = true
        else this.col++
      }
    }
  }

  private line(): string[] {
    while (this.rows.length <= this.row) this.rows.push([])
    return this.rows[this.row]
  }

  text(): string {
    return this.rows.map((r) => r.join('').trimEnd()).join('\n').replace(/\n+$/, '')
  }

  lastLine(): string {
    return (this.rows[this.row] ?? []).join('').trimEnd()
  }
}
