/**
 * The terminal's files as kubectl's `-f PATH` sees them in the worker: the files the learner wrote
 * (sent with each line), and the docs' examples, read-only under `examples/`.
 */
import type { KubectlOptions } from './cluster/kubectl/host'
import type { TerminalFiles } from './protocol/messages'
import { normalizePath } from './protocol/terminal-paths'

export { normalizePath }

export const EXAMPLES_DIR = 'examples'

/** The entries of folder `dir` among `paths` (folders end in `/`), or undefined when it is no folder. */
export function entriesOf(paths: Iterable<string>, dir: string): string[] | undefined {
  const prefix = dir ? `${dir}/` : ''
  const out = new Set<string>()
  let found = dir === ''
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue
    found = true
    const rest = path.slice(prefix.length)
    if (!rest) continue
    const slash = rest.indexOf('/')
    out.add(slash < 0 ? rest : rest.slice(0, slash + 1))
  }
  return found ? [...out].sort() : undefined
}

/** readFile and listDir for kubectl over the terminal's files and the bundled examples. */
export function fileOptions(files: TerminalFiles, examples: { read(path: string): string; list(): string[] }): Pick<KubectlOptions, 'readFile' | 'listDir'> {
  const inExamples = (p: string) => p === EXAMPLES_DIR || p.startsWith(`${EXAMPLES_DIR}/`)
  return {
    readFile(path) {
      const p = normalizePath(path)
      if (Object.hasOwn(files, p)) return files[p]
      if (inExamples(p) && p !== EXAMPLES_DIR) return examples.read(p.slice(EXAMPLES_DIR.length + 1))
      throw new Error(`${path}: no such file`)
    },
    listDir(path) {
      const p = normalizePath(path)
      if (Object.hasOwn(files, p)) return undefined
      if (inExamples(p)) return entriesOf(examples.list().map((e) => `${EXAMPLES_DIR}/${e}`), p)
      return entriesOf(Object.keys(files), p)
    },
  }
}
