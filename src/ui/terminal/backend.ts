/**
 * The shell's way to the cluster: kubectl lines, watches and completion go to the worker;
 * `kubectl edit` opens the YAML tab and waits for it.
 */
import { openStream, send } from '../bridge/worker-client'
import { beginEdit, cancelEdit } from './editSession'
import type { Job, ShellBackend } from './shell'

export const workerBackend: ShellBackend = {
  start(line, out): Job {
    let settle!: () => void
    const done = new Promise<void>((resolve) => (settle = resolve))
    let interrupted = false
    let streaming = false
    let editing = false
    const { stream, close } = openStream((chunks) => {
      for (const c of chunks) out(c.stream, c.text)
    })
    const stop = () => {
      void send({ type: 'stopWatch', stream }).catch(() => undefined)
      close()
    }
    send({ type: 'watch', stream, line }).then(
      async (reply) => {
        if (reply.kind === 'stream') {
          // A watch runs until Ctrl+C.
          streaming = true
          if (interrupted) stop()
          return
        }
        close()
        if (interrupted) return
        if (reply.kind === 'kubectl') {
          out('stdout', reply.result.stdout)
          out('stderr', reply.result.stderr)
          if (reply.result.edit) {
            editing = true
            const outcome = await beginEdit(reply.result.edit)
            editing = false
            out('stdout', outcome.stdout)
            out('stderr', outcome.stderr)
          }
        } else if (reply.kind === 'ok') {
          out('stdout', `${reply.message}\n`)
        }
        settle()
      },
      (e: unknown) => {
        close()
        out('stderr', `${(e as Error).message}\n`)
        settle()
      },
    )
    return {
      done,
      interrupt() {
        interrupted = true
        if (streaming) stop()
        if (editing) cancelEdit()
        settle()
      },
    }
  },

  async complete(line, cursor) {
    const reply = await send({ type: 'complete', line, cursor })
    return reply.kind === 'complete' ? reply : { replaceFrom: cursor, candidates: [] }
  },
}
