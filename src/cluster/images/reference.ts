/**
 * Image references as the container runtime reads them (docker/distribution's reference grammar,
 * which containerd and the kubelet use): `nginx` means `docker.io/library/nginx:latest`.
 */

export interface ImageReference {
  /** As written in the pod spec. */
  raw: string
  /** Registry host, e.g. `docker.io`, `registry.k8s.io`. */
  domain: string
  /** Repository path in the registry, e.g. `library/nginx`. */
  path: string
  /** `latest` when the reference names neither a tag nor a digest. */
  tag: string
  digest?: string
  /** `docker.io/library/nginx` */
  repository: string
  /** `docker.io/library/nginx:1.14.2`, as containerd reports it in containerStatuses[].image. */
  normalized: string
}

export type ParsedReference = { ok: true; ref: ImageReference } | { ok: false; error: string }

const DEFAULT_DOMAIN = 'docker.io'
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^[\w][\w.-]{0,127}$/
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/

/** kube: parsers.ParseImageName — the error texts are the ones `kubectl describe` shows. */
export function parseImageReference(raw: string): ParsedReference {
  const bad = (why: string): ParsedReference => ({ ok: false, error: `couldn't parse image name "${raw}": ${why}` })
  if (!raw || raw.trim() !== raw) return bad('invalid reference format')
  let rest = raw
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!DIGEST.test(digest)) return bad('invalid reference format')
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag)) return bad('invalid reference format')
  }
  const parts = rest.split('/')
  let domain = DEFAULT_DOMAIN
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    domain = parts.shift()!
  }
  if (domain === DEFAULT_DOMAIN && parts.length === 1) parts.unshift('library')
  const path = parts.join('/')
  if (path !== path.toLowerCase()) return bad(`invalid reference format: repository name (${path}) must be lowercase`)
  if (!parts.every((p) => COMPONENT.test(p))) return bad('invalid reference format')
  const repository = `${domain}/${path}`
  const finalTag = tag ?? (digest ? '' : 'latest')
  const normalized = digest ? `${repository}@${digest}` : `${repository}:${finalTag}`
  return { ok: true, ref: { raw, domain, path, tag: finalTag, digest, repository, normalized } }
}

/** The short name people write (`nginx`, `registry.k8s.io/pause`), used as the catalog key. */
export function familiarName(ref: ImageReference): string {
  if (ref.domain !== DEFAULT_DOMAIN) return ref.repository
  return ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path
}
