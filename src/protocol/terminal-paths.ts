/**
 * Paths of the terminal's own files (TerminalFiles in messages.ts), as the terminal and the worker
 * both read them: `./a/../b.yaml` → `b.yaml`; the home folder `~` is their root.
 */
export function normalizePath(path: string): string {
  const parts: string[] = []
  for (const p of path.replace(/^~\/?/, '').split('/')) {
    if (!p || p === '.') continue
    if (p === '..') parts.pop()
    else parts.push(p)
  }
  return parts.join('/')
}
