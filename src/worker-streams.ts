/**
 * The terminal's running watches (`kubectl get pods -w`) in the worker: each has the stream id the
 * UI chose; what they print between two frames goes out as one `output` message per stream.
 */
import type { OutputChunk, WorkerMessage } from './protocol/messages'

export interface Watch {
  stop(): void
}

/** kubectl/watch.ts: undefined when the line is not a watch. */
export type WatchGet<Host, Options> = (host: Host, line: string, opts: Options, emit: (chunk: OutputChunk) => void, end: () => void) => Watch | undefined

export class StreamRelay {
  private watches = new Map<number, Watch>()
  private pending = new Map<number, OutputChunk[]>()
  /** Streams that finished by themselves since the last drain. */
  private ended = new Set<number>()

  /** Starts `line` as a watch on `stream`; false when the line is not a watch (run it as a command). */
  start<H, O>(stream: number, watchGet: WatchGet<H, O> | undefined, host: H, line: string, opts: O): boolean {
    if (!watchGet) return false
    this.stop(stream)
    const emit = (chunk: OutputChunk) => {
      if (!chunk.text) return
      const list = this.pending.get(stream)
      const last = list?.at(-1)
      if (last && last.stream === chunk.stream) last.text += chunk.text
      else if (list) list.push({ ...chunk })
      else this.pending.set(stream, [{ ...chunk }])
    }
    let endedEarly = false
    let watch: Watch | undefined
    const end = () => {
      endedEarly = true
      if (watch && this.watches.get(stream) === watch) this.watches.delete(stream)
      this.ended.add(stream)
    }
    watch = watchGet(host, line, opts, emit, end)
    if (!watch) {
      this.pending.delete(stream)
      this.ended.delete(stream)
      return false
    }
    if (!endedEarly) this.watches.set(stream, watch)
    return true
  }

  stop(stream: number): boolean {
    const watch = this.watches.get(stream)
    if (!watch) return false
    this.watches.delete(stream)
    // What it printed after the learner pressed Ctrl+C is not shown, as the terminal has moved on.
    this.pending.delete(stream)
    this.ended.delete(stream)
    watch.stop()
    return true
  }

  get running(): number {
    return this.watches.size
  }

  /** The output messages due, one per stream that printed something; clears them. */
  drain(): WorkerMessage[] {
    if (this.pending.size === 0 && this.ended.size === 0) return []
    const out: WorkerMessage[] = []
    for (const [stream, chunks] of this.pending) out.push({ type: 'output', stream, chunks, ...(this.ended.delete(stream) ? { ended: true } : {}) })
    for (const stream of this.ended) out.push({ type: 'output', stream, chunks: [], ended: true })
    this.pending.clear()
    this.ended.clear()
    return out
  }
}
