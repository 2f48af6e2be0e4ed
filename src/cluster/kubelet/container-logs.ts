/** A bounded buffer of a container instance's output, as the runtime's log file keeps it. */
import { LOG_BUFFER_LINES } from './constants'
import { nanoTimestamp } from './durations'

export interface LogLine {
  /** RFC 3339 with nanoseconds, what `kubectl logs --timestamps` prints. */
  timestamp: string
  line: string
}

export class LogBuffer {
  private lines: { at: number; line: string }[] = []
  /** Lines dropped from the front when the buffer was full. */
  dropped = 0

  constructor(private readonly max = LOG_BUFFER_LINES) {}

  append(at: number, line: string): void {
    this.lines.push({ at, line })
    if (this.lines.length > this.max) {
      this.lines.splice(0, this.lines.length - this.max)
      this.dropped++
    }
  }

  read(): LogLine[] {
    return this.lines.map((l) => ({ timestamp: nanoTimestamp(l.at), line: l.line }))
  }

  get length(): number {
    return this.lines.length
  }
}
