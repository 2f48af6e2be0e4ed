/**
 * A web server that serves its document root when files are there: what a volume mounted over
 * nginx's html directory (the docs' PersistentVolume task) puts in front of the default page.
 */
import type { Program } from './program'

/** `program`, answering a GET for a file under `root` (`/` means `index.html`) with that file. */
export function servesFiles(root: string, program: Program): Program {
  let fs: Map<string, string> | undefined
  const file = (path: string): string | undefined => {
    const clean = path.split('?')[0]
    return fs?.get(`${root}${clean.endsWith('/') ? `${clean}index.html` : clean}`)
  }
  return {
    ...program,
    steps(ctx) {
      fs = ctx.fs
      return program.steps(ctx)
    },
    http: (req) => {
      const status = program.http?.(req)
      return status !== undefined && file(req.path) !== undefined ? 200 : status
    },
    body: (req, status) => file(req.path) ?? program.body?.(req, status) ?? '',
  }
}
