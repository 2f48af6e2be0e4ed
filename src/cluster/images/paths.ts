/** Paths inside a container, as its programs and the kubelet's mounts resolve them. */

/** `/a//b/./c/` → `/a/b/c`; relative paths start at `/`. */
export function normalizePath(path: string): string {
  // Already-normal paths (every HTTP request's file lookup) skip the split.
  if (path[0] === '/' && !path.includes('//') && !path.includes('/.') && (path.length === 1 || !path.endsWith('/'))) return path
  const parts: string[] = []
  for (const p of path.split('/')) {
    if (!p || p === '.') continue
    if (p === '..') parts.pop()
    else parts.push(p)
  }
  return '/' + parts.join('/')
}

/** `a/../b` against `cwd` → an absolute, normalised path. */
export function absolute(path: string, cwd: string): string {
  return normalizePath(path.startsWith('/') ? path : `${cwd}/${path}`)
}
