/**
 * Reading manifests for `apply -f`, `create -f`, `delete -f`: multi-document YAML (`---`), JSON and
 * KYAML flow style, `kind: List` expanded into its items. Each document is parsed on its own, as
 * kubectl's YAML reader does, so one broken document does not hide the others and a syntax error
 * names the line counted from the start of its own document (as kubectl counts it).
 */
import { docsExamplePath, isUrl } from './example-urls'
import { load } from 'js-yaml'
import type { KubeObject } from '../apiserver/types'
import { CommandError, type KubectlOptions } from './host'

export interface Manifest {
  object: KubeObject
  /** The file name as given on the command line (`STDIN` for `-f -`). */
  source: string
}

export interface ManifestSet {
  manifests: Manifest[]
  errors: string[]
}

const SEPARATOR = /^---(?:\s.*)?$/

function splitDocuments(text: string): string[] {
  const docs: string[] = []
  let current: string[] = []
  for (const line of text.split(/\r?\n/)) {
    if (SEPARATOR.test(line)) {
      docs.push(current.join('\n'))
      current = []
    } else {
      current.push(line)
    }
  }
  docs.push(current.join('\n'))
  return docs
}

function isBlank(doc: string): boolean {
  return doc.split('\n').every((l) => /^\s*(#.*)?$/.test(l) || l.trim() === '...')
}

export function parseManifests(text: string, source: string): ManifestSet {
  const manifests: Manifest[] = []
  const errors: string[] = []
  for (const doc of splitDocuments(text)) {
    if (isBlank(doc)) continue
    let value: unknown
    try {
      value = load(doc)
    } catch (e) {
      const ex = e as { reason?: string; mark?: { line: number }; message?: string }
      const line = (ex.mark?.line ?? 0) + 1
      // kube: sigs.k8s.io/yaml wraps go-yaml's `yaml: line N: reason`.
      errors.push(`error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${ex.reason ?? ex.message}`)
      continue
    }
    if (value === null || value === undefined) continue
    if (typeof value !== 'object' || Array.isArray(value)) {
      errors.push(`error: error parsing ${source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]interface {}`)
      continue
    }
    const obj = value as KubeObject
    if (!obj.kind || !obj.apiVersion) {
      const missing = !obj.kind ? 'Kind' : 'apiVersion'
      errors.push(`error: unable to decode "${source}": Object '${missing}' is missing in '${JSON.stringify(obj)}'`)
      continue
    }
    const items = (obj as { items?: unknown }).items
    if (obj.kind === 'List' && Array.isArray(items)) {
      for (const item of items as KubeObject[]) manifests.push({ object: item, source })
      continue
    }
    manifests.push({ object: obj, source })
  }
  return { manifests, errors }
}

/** A docs example's URL reads the bundled copy; any other URL is out of reach (no internet here). */
function readUrl(url: string, opts: KubectlOptions): string {
  const path = docsExamplePath(url)
  if (path && opts.readExample) {
    try {
      return opts.readExample(path)
    } catch {
      // kube: kubectl's words for a URL that answers 404.
      throw new CommandError(`error: unable to read URL "${url}", server reported 404 Not Found, status code=404`)
    }
  }
  throw new CommandError(`error: unable to read URL "${url}": Terrarium has no internet access; it bundles the Kubernetes docs' examples (https://k8s.io/examples/...)`)
}

// kube: a directory given to -f is walked for these extensions only (FileExtensions in the resource builder).
const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/

/**
 * A directory named by -f becomes its manifest files, in lexical order as filepath.Walk visits them;
 * subdirectories only with -R. A host without `listDir` has no directories.
 */
function expandDirectories(files: string[], opts: KubectlOptions, recursive: boolean): string[] {
  const out: string[] = []
  const walk = (dir: string, entries: string[]) => {
    const base = dir.endsWith('/') ? dir : `${dir}/`
    for (const entry of [...entries].sort()) {
      const path = base + entry.replace(/\/$/, '')
      const sub = opts.listDir?.(path)
      if (sub) {
        if (recursive) walk(path, sub)
      } else if (MANIFEST_EXTENSIONS.test(entry)) out.push(path)
    }
  }
  for (const file of files) {
    const entries = file === '-' || isUrl(file) ? undefined : opts.listDir?.(file)
    if (entries) walk(file, entries)
    else out.push(file)
  }
  return out
}

/** Reads every `-f` argument (files, directories, or `-` for stdin). */
export function readManifests(names: string[], opts: KubectlOptions, recursive = false): ManifestSet {
  const all: ManifestSet = { manifests: [], errors: [] }
  const files = expandDirectories(names, opts, recursive)
  for (const file of files) {
    let text: string
    if (file === '-') {
      text = opts.stdin ?? ''
    } else if (isUrl(file)) {
      text = readUrl(file, opts)
    } else {
      if (!opts.readFile) throw new CommandError(`error: the path "${file}" does not exist`)
      try {
        text = opts.readFile(file)
      } catch {
        throw new CommandError(`error: the path "${file}" does not exist`)
      }
    }
    const set = parseManifests(text, file === '-' ? 'STDIN' : file)
    all.manifests.push(...set.manifests)
    all.errors.push(...set.errors)
  }
  if (all.manifests.length === 0 && all.errors.length === 0) {
    throw new CommandError('error: no objects passed to apply')
  }
  return all
}
