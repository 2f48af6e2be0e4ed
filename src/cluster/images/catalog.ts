/**
 * The catalog of simulated images: which tags exist, how big they are, and what their process
 * does. A well-known repository knows its tags (so `nginx:1.161`, the typo of the Deployment docs,
 * fails to pull); an unknown repository behaves as a generic long-running server; a name that
 * clearly cannot exist fails with ErrImagePull.
 */
import type { Container } from 'kubernetes-types/core/v1'
import { stableBetween, stableHex64 } from './digest'
import { httpdStartup, nginxStartup, POSTGRES_NO_PASSWORD, postgresStartup, redisStartup } from './logs'
import { piDigits } from './pi'
import { httpdBody, nginxBody, springBootDemo } from './pages'
import { helloApp, helloGoGke } from './google-samples'
import { exitsImmediately, server, type Program } from './program'
import { familiarName, parseImageReference, type ImageReference } from './reference'
import { shellProgram } from './shell'
import { servesFiles } from './static-files'
import { agnhost, goproxy, livenessServer, stress } from './test-images'
import { phpApache } from './php-apache'
import { zookeeperCommand, zookeeperEntrypoint, zookeeperReady } from './zookeeper'

export interface CatalogEntry {
  /** Familiar name: `nginx`, `registry.k8s.io/pause`. */
  name: string
  tagExists(tag: string): boolean
  /** Approximate compressed size, which containerd reports after a pull. */
  sizeBytes(tag: string): number
  /** The process the image starts when the pod gives no command. */
  entrypoint(tag: string, container: Container): Program
  /** A shell image (busybox, alpine…): any command line runs through its shell and applets. */
  shell?: boolean
  /** The image's own scripts: the process a command line starts when it runs one of them. */
  command?: (argv: string[]) => Program | undefined
}

export type ImageLookup =
  | {
    found: true
    ref: ImageReference
    sizeBytes: number
    /** `docker.io/library/nginx@sha256:…`, as containerStatuses[].imageID shows it. */
    imageID: string
    entry?: CatalogEntry
  }
  /** The name cannot be parsed: the kubelet reports InvalidImageName without pulling. */
  | { found: false; reason: 'InvalidImageName'; message: string }
  /** The registry answers "no": the pull fails with ErrImagePull. */
  | { found: false; reason: 'ErrImagePull'; ref: ImageReference; message: string }

/** A tag grammar: named tags, plus `major(.minor(.patch))` within bounds, each with optional suffixes. */
function tags(spec: { named?: string[]; major: [number, number]; minor?: [number, number]; patch?: [number, number]; suffixes?: string[]; depth?: [number, number] }) {
  const named = new Set(spec.named ?? [])
  const suffixes = spec.suffixes ?? []
  const [minDepth, maxDepth] = spec.depth ?? [1, 3]
  return (tag: string): boolean => {
    if (named.has(tag)) return true
    let base = tag
    for (const s of suffixes) {
      if (tag.endsWith(`-${s}`)) { base = tag.slice(0, -s.length - 1); break }
    }
    if (named.has(base)) return true
    const parts = base.split('.')
    if (parts.length < minDepth || parts.length > maxDepth || !parts.every((p) => /^(0|[1-9]\d*)$/.test(p))) return false
    const [a, b, c] = parts.map(Number)
    const within = (v: number | undefined, r: [number, number] | undefined) => v === undefined || !r || (v >= r[0] && v <= r[1])
    return within(a, spec.major) && within(b, spec.minor) && within(c, spec.patch)
  }
}

/** Size from a table of known tags, else a stable figure around `typical`. */
function sizes(typical: number, known: Record<string, number> = {}) {
  return (tag: string): number => known[tag] ?? stableBetween(tag, Math.round(typical * 0.85), Math.round(typical * 1.15))
}

const shellImage = (): Program => exitsImmediately(0)

/** A web server's default site: the index page, 404 elsewhere. */
const staticSite = (req: { path: string }) => (req.path === '/' || req.path === '/index.html' ? 200 : 404)

const ENTRIES: CatalogEntry[] = [
  {
    name: 'nginx',
    tagExists: tags({
      named: ['latest', 'stable', 'mainline', 'alpine', 'perl', 'alpine-slim', 'alpine-perl', 'bookworm', 'trixie', 'otel'],
      major: [1, 1], minor: [0, 29], patch: [0, 30], depth: [2, 3],
      suffixes: ['alpine', 'perl', 'alpine-slim', 'alpine-perl', 'bookworm', 'bullseye', 'trixie', 'otel', 'alpine-otel'],
    }),
    sizeBytes: sizes(72_000_000, { '1.14.2': 44_460_800, '1.16.1': 51_030_575, '1.7.9': 39_947_836, alpine: 21_200_000 }),
    // storage helper: files in /usr/share/nginx/html (e.g. a volume mounted there) are what it serves.
    entrypoint: (tag) => servesFiles('/usr/share/nginx/html', server(nginxStartup(tag), [100, 600], { ports: [80], name: 'nginx', http: staticSite, body: nginxBody(tag) })),
  },
  {
    name: 'httpd',
    tagExists: tags({ named: ['latest', 'alpine', 'bookworm', 'trixie'], major: [2, 2], minor: [2, 4], patch: [0, 65], suffixes: ['alpine', 'bookworm', 'trixie'] }),
    sizeBytes: sizes(58_000_000),
    entrypoint: () => server(httpdStartup, [100, 1000], { ports: [80], name: 'httpd', http: staticSite, body: httpdBody }),
  },
  {
    // The spring.io "Spring Boot with Docker" guide's image: a JVM app that listens only after seconds.
    name: 'springio/gs-spring-boot-docker',
    tagExists: (t) => t === 'latest',
    sizeBytes: sizes(160_000_000),
    entrypoint: (tag) => springBootDemo(tag),
  },
  {
    name: 'gcr.io/google-samples/hello-app',
    tagExists: (t) => t === '1.0' || t === '2.0',
    sizeBytes: sizes(4_500_000),
    entrypoint: (tag) => helloApp(tag),
  },
  {
    name: 'gcr.io/google-samples/hello-go-gke',
    tagExists: (t) => t === '1.0',
    sizeBytes: sizes(4_000_000),
    entrypoint: () => helloGoGke(),
  },
  {
    // curl's official image (Alpine with busybox): `curl` and a shell.
    name: 'curlimages/curl',
    tagExists: tags({ named: ['latest'], major: [7, 8], minor: [0, 17], patch: [0, 1] }),
    sizeBytes: sizes(9_500_000),
    entrypoint: () => exitsImmediately(2, ["curl: try 'curl --help' or 'curl --manual' for more information"]),
    shell: true,
  },
  {
    name: 'redis',
    tagExists: tags({ named: ['latest', 'alpine', 'bookworm', 'trixie'], major: [2, 8], minor: [0, 4], patch: [0, 20], suffixes: ['alpine', 'bookworm', 'trixie'] }),
    sizeBytes: sizes(52_000_000),
    entrypoint: () => server(redisStartup, [100, 500], { ports: [6379], name: 'redis-server', plainTcp: true }),
  },
  {
    name: 'postgres',
    tagExists: tags({ named: ['latest', 'alpine', 'bookworm', 'trixie'], major: [9, 18], minor: [0, 22], depth: [1, 2], suffixes: ['alpine', 'bookworm', 'trixie'] }),
    sizeBytes: sizes(160_000_000),
    // The official image refuses to initialise a database without a password.
    entrypoint: (_tag, c) => {
      const env = new Set((c.env ?? []).filter((e) => e.value || e.valueFrom).map((e) => e.name))
      if (env.has('POSTGRES_PASSWORD') || env.has('POSTGRES_HOST_AUTH_METHOD')) return server(postgresStartup, [200, 1500], { ports: [5432], name: 'postgres', plainTcp: true })
      return exitsImmediately(1, POSTGRES_NO_PASSWORD)
    },
  },
  {
    name: 'busybox',
    tagExists: tags({ named: ['latest', 'stable', 'musl', 'glibc', 'uclibc'], major: [1, 1], minor: [20, 37], patch: [0, 5], depth: [2, 3], suffixes: ['musl', 'glibc', 'uclibc'] }),
    sizeBytes: sizes(2_160_000, { '1.28': 727_869 }),
    entrypoint: shellImage,
    shell: true,
  },
  {
    name: 'bash',
    tagExists: tags({ named: ['latest', 'devel', 'alpine'], major: [3, 5], minor: [0, 3], patch: [0, 30], suffixes: ['alpine3.20', 'alpine3.21', 'alpine3.22'] }),
    sizeBytes: sizes(6_300_000),
    entrypoint: shellImage,
    shell: true,
  },
  {
    name: 'alpine',
    tagExists: tags({ named: ['latest', 'edge'], major: [3, 3], minor: [1, 22], patch: [0, 12] }),
    sizeBytes: sizes(3_640_000),
    entrypoint: shellImage,
    shell: true,
  },
  {
    name: 'ubuntu',
    tagExists: (t) => ['latest', 'rolling', 'devel', 'bionic', 'focal', 'jammy', 'noble', 'plucky', 'questing', '18.04', '20.04', '22.04', '24.04', '25.04', '25.10'].includes(t),
    sizeBytes: sizes(29_700_000),
    entrypoint: shellImage,
    shell: true,
  },
  {
    name: 'debian',
    tagExists: tags({ named: ['latest', 'stable', 'bookworm', 'bullseye', 'trixie', 'bookworm-slim', 'bullseye-slim', 'trixie-slim', 'stable-slim'], major: [9, 13], minor: [0, 12], depth: [1, 2], suffixes: ['slim'] }),
    sizeBytes: sizes(48_000_000),
    entrypoint: shellImage,
    shell: true,
  },
  {
    name: 'perl',
    tagExists: tags({ named: ['latest', 'slim', 'threaded', 'stable'], major: [5, 5], minor: [8, 42], patch: [0, 5], depth: [2, 3], suffixes: ['slim', 'threaded', 'bookworm', 'slim-bookworm', 'trixie', 'slim-trixie'] }),
    sizeBytes: sizes(336_000_000, { '5.34.0': 335_984_542 }),
    entrypoint: shellImage,
    shell: true,
  },
  ...['k8s.gcr.io/busybox', 'registry.k8s.io/busybox', 'gcr.io/google-containers/busybox'].map((name): CatalogEntry => ({
    name,
    tagExists: (t) => ['latest', '1.24', '1.27', '1.27.2', '1.28', '1.29', '1.36'].includes(t),
    sizeBytes: sizes(700_000, { '1.27.2': 719_000 }),
    entrypoint: shellImage,
    shell: true,
  })),
  {
    name: 'registry.k8s.io/e2e-test-images/agnhost',
    tagExists: tags({ named: ['latest'], major: [2, 2], minor: [0, 60], depth: [2, 2] }),
    sizeBytes: sizes(52_000_000),
    entrypoint: (_tag, c) => agnhost(c),
  },
  ...['k8s.gcr.io/liveness', 'registry.k8s.io/liveness'].map((name): CatalogEntry => ({
    name,
    tagExists: (t) => t === 'latest',
    sizeBytes: sizes(2_400_000),
    entrypoint: () => livenessServer(),
  })),
  ...['k8s.gcr.io/goproxy', 'registry.k8s.io/goproxy'].map((name): CatalogEntry => ({
    name,
    tagExists: (t) => t === '0.1' || t === 'latest',
    sizeBytes: sizes(2_500_000, { '0.1': 2_466_000 }),
    entrypoint: () => goproxy(),
  })),
  {
    // The HorizontalPodAutoscaler walkthrough's php-apache (metrics helper: php-apache.ts).
    name: 'registry.k8s.io/hpa-example',
    tagExists: (t) => t === 'latest',
    sizeBytes: sizes(184_000_000, { latest: 183_937_112 }),
    entrypoint: () => phpApache(),
  },
  {
    name: 'polinux/stress',
    tagExists: (t) => ['latest', '1.0.4'].includes(t),
    sizeBytes: sizes(4_000_000),
    entrypoint: (_tag, c) => stress(c),
  },
  {
    name: 'registry.k8s.io/kubernetes-zookeeper',
    tagExists: (t) => t === '1.0-3.4.10',
    sizeBytes: sizes(111_000_000, { '1.0-3.4.10': 110_789_394 }),
    entrypoint: (_tag, c) => zookeeperEntrypoint(c),
    command: zookeeperCommand,
  },
  {
    name: 'registry.k8s.io/pause',
    tagExists: tags({ named: ['latest'], major: [3, 3], minor: [0, 10], depth: [2, 2] }),
    sizeBytes: sizes(320_368),
    entrypoint: () => server(() => [], [0, 10]),
  },
]

const BY_NAME = new Map(ENTRIES.map((e) => [e.name, e]))

// A name that plainly says it does not exist, as the docs and tutorials use to show ErrImagePull.
const BOGUS = /(does-?not-?exist|non-?existent|not-?exist|no-?such|bogus|invalid|fake-?image|imaginary|typo)/

const lookups = new Map<string, ImageLookup>()

/** What pulling `image` would find (the answer for a name never changes, so it is cached). */
export function lookupImage(image: string): ImageLookup {
  let l = lookups.get(image)
  if (!l) {
    l = Object.freeze(resolve(image))
    if (lookups.size > 10_000) lookups.clear()
    lookups.set(image, l)
  }
  return l
}

function resolve(image: string): ImageLookup {
  const parsed = parseImageReference(image)
  if (!parsed.ok) return { found: false, reason: 'InvalidImageName', message: parsed.error }
  const ref = parsed.ref
  const entry = BY_NAME.get(familiarName(ref))
  const bogusName = BOGUS.test(ref.path)
  const bogusTag = BOGUS.test(ref.tag) || (entry !== undefined && !ref.digest && !entry.tagExists(ref.tag))
  if (bogusName) return { found: false, reason: 'ErrImagePull', ref, message: pullError(ref, 'repository') }
  if (bogusTag) return { found: false, reason: 'ErrImagePull', ref, message: pullError(ref, 'tag') }
  const sizeBytes = entry ? entry.sizeBytes(ref.tag) : stableBetween(ref.repository, 20_000_000, 120_000_000)
  const digest = ref.digest ?? `sha256:${stableHex64(ref.normalized)}`
  return { found: true, ref, sizeBytes, imageID: `${ref.repository}@${digest}`, entry }
}

/** containerd 2.x's pull errors, as the kubelet's `Failed to pull image` event quotes them. */
function pullError(ref: ImageReference, missing: 'tag' | 'repository'): string {
  const name = ref.normalized
  if (missing === 'tag') {
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`
  }
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh'])
// Programs every Linux image has (coreutils or busybox), runnable without a shell.
const BUILTINS = new Set([
  'echo', 'sleep', 'date', 'true', 'false', 'printenv', 'env', 'tail', 'hostname', 'printf', 'exit',
  'cat', 'ls', 'rev', 'cut', 'head', 'wc', 'sort', 'uniq', 'tr', 'seq', 'expr', 'basename', 'dirname',
  'whoami', 'id', 'uname', 'touch', 'mkdir', 'cp', 'mv', 'rm', 'tee', 'grep', 'test', 'ps', 'pwd', 'which',
])

/** The process a container runs: its command/args interpreted, or the image's entrypoint. */
export function programFor(container: Container, lookup: Extract<ImageLookup, { found: true }>): Program {
  // An image we know nothing about serves on whatever port it is asked on: a healthy generic server.
  const entrypoint = () => lookup.entry?.entrypoint(lookup.ref.tag, container) ?? server(() => [], [100, 1000], { ports: 'any' })
  const argv = [...(container.command ?? []), ...(container.args ?? [])]
  // A shell given a stdin (`stdin: true`, as `kubectl run -i` sets) waits for input instead of exiting
  // at once, so there is something to attach to; it ends on SIGTERM.
  const interactiveShell = argv.length ? SHELLS.has(argv[0].slice(argv[0].lastIndexOf('/') + 1)) && !argv.includes('-c') : lookup.entry?.shell === true
  if (container.stdin === true && interactiveShell) return server(() => [], [0, 0])
  if (!argv.length) return entrypoint()
  return lookup.entry?.command?.(argv) ?? commandProgram(argv, lookup.entry?.shell === true) ?? entrypoint()
}

/**
 * A command line run in a container (its command/args, an exec probe, a hook): a shell's `-c`
 * script, perl's one-liner, or an applet of a shell image; undefined when it is the image's own binary.
 */
export function commandProgram(argv: string[], viaShell: boolean): Program | undefined {
  const bin = argv[0].slice(argv[0].lastIndexOf('/') + 1)
  if (SHELLS.has(bin)) {
    const c = argv.indexOf('-c')
    // An exec probe does not know its image: zookeeper-ready looks at the process it runs beside.
    return c >= 0 && argv[c + 1] !== undefined ? zookeeperReady(argv) ?? shellProgram(argv[c + 1], bin === 'bash' ? 'bash' : 'sh') : exitsImmediately(0)
  }
  if (bin === 'perl') return perlProgram(argv)
  if (viaShell || BUILTINS.has(bin)) return shellProgram(argv.map(shellQuote).join(' '))
  return undefined
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

/** `perl -Mbignum=bpi -wle 'print bpi(2000)'`: computes, prints π, exits 0. */
function perlProgram(argv: string[]): Program {
  const m = /bpi\((\d+)\)/.exec(argv.join(' '))
  if (!m) return exitsImmediately(0)
  const digits = Number(m[1])
  return {
    *steps() {
      // Math::BigFloat takes a few seconds for 2000 digits; time grows with the square of the digits.
      yield { kind: 'sleep', ms: Math.round(500 + (digits * digits) / 1600) }
      yield { kind: 'log', line: piDigits(digits) }
      yield { kind: 'exit', code: 0 }
    },
    stopAfterSigterm: () => 0,
  }
}
