/**
 * The Kubernetes docs tell people to `kubectl apply -f https://k8s.io/examples/<path>`. Those files
 * are bundled with Terrarium (public/examples, Apache-2.0), so their URLs resolve to the bundled
 * copy; nothing is fetched from the internet.
 */
const PREFIXES = [
  'https://k8s.io/examples/',
  'https://kubernetes.io/examples/',
  'https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/',
]

export function isUrl(file: string): boolean {
  return /^https?:\/\//.test(file)
}

/** The bundled example a docs URL names (`application/php-apache.yaml`), or undefined. */
export function docsExamplePath(url: string): string | undefined {
  const normalized = url.replace(/^http:\/\//, 'https://')
  for (const prefix of PREFIXES) {
    if (!normalized.startsWith(prefix)) continue
    const path = normalized.slice(prefix.length).split(/[?#]/)[0]
    // Only plain relative paths: no way out of the examples folder.
    if (path && !path.split('/').some((part) => part === '..' || part === '')) return path
  }
  return undefined
}
