/**
 * The shell's way to the cluster: kubectl lines, watches and completion go to the worker;
 * `kubectl edit` opens the YAML tab and waits for it.
 */
import { openStream, send } from '../bridge/worker-client'
import { beginEdit, cancelEdit } from './editSession'
import type { Job, ShellBackend } from './shell'

let examples: Promise<string[]> | undefined

export const workerBackend: ShellBackend = {
  start(line, out, input): Job {
    let settle!: () => void
    const done = new Promise<void>((resolve) => (settle = resolve))
    let interrupted = false
    let streaming = false
    let editing = false
    const { stream, close } = openStream((chunks, ended) => {
      for (const c of chunks) out(c.stream, c.text)
      // A stream that ends by itself (`logs -f` of a container that exited).
      if (ended) {
        close()
        settle()
      }
    })
    const stop = () => {
      void send({ type: 'stopWatch', stream }).catch(() => undefined)
      close()
    }
    send({ type: 'watch', stream, line, stdin: input?.stdin, files: input?.files }).then(
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

  async session(line) {
    const reply = await send({ type: 'execSession', line })
    if (reply.kind === 'session') return { session: reply.session, stdout: reply.result.stdout, stderr: reply.result.stderr }
    if (reply.kind === 'kubectl') return { stdout: reply.result.stdout, stderr: reply.result.stderr }
    return { stdout: '', stderr: '' }
  },

  examples() {
    examples ??= fetch('/examples/provenance.json')
      .then((r) => (r.ok ? (r.json() as Promise<Record<string, unknown>>) : {}))
      // Folders starting with `_` hold the app's own variants, not the docs' tree.
      .then((index) => Object.keys(index).filter((p) => !p.startsWith('_')).sort())
      .catch(() => [])
    return examples
  },

  async readExample(path) {
    const r = await fetch(`/examples/${path}`)
    // The dev server answers a missing file with the app's index page.
    if (!r.ok || (r.headers.get('content-type') ?? '').includes('text/html')) throw new Error(`${path}: No such file or directory`)
    return r.text()
  },

  async complete(line, cursor) {
    const reply = await send({ type: 'complete', line, cursor })
    return reply.kind === 'complete' ? reply : { replaceFrom: cursor, candidates: [] }
  },
}
