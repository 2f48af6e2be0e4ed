/**
 * Which operating system an image is built on, and so what `kubectl exec` finds inside it: the
 * directories of `ls /`, /etc/os-release, which programs are on $PATH (Debian-based official images
 * do not ship procps: no `ps`), and how its /bin/sh words an error (busybox ash: `sh: ps: not found`,
 * Debian's dash: `sh: 1: ps: not found`).
 */
import { familiarName, parseImageReference } from './reference'

export type OsFamily = 'busybox' | 'alpine' | 'debian' | 'ubuntu'

export interface ImageOs {
  family: OsFamily
  /** The familiar repository name: `nginx`, `busybox`, `registry.k8s.io/busybox`. */
  repo: string
  tag: string
  /** /etc/os-release (busybox has none). */
  osRelease?: string
  /** Debian's codename (`bookworm`), for Debian-based images. */
  codename?: string
}

// Images built FROM alpine (busybox userland): curl's official image, bash's.
const ALPINE_REPOS = new Set(['alpine', 'curlimages/curl', 'bash'])
const BUSYBOX_REPOS = new Set(['busybox', 'k8s.gcr.io/busybox', 'registry.k8s.io/busybox', 'gcr.io/google-containers/busybox'])
// The kubernetes-zookeeper image of the StatefulSet tutorial is built FROM ubuntu.
const UBUNTU_REPOS = new Set(['ubuntu', 'registry.k8s.io/kubernetes-zookeeper'])

const cache = new Map<string, ImageOs>()

/** What `image` is built on (unknown images: Debian, as most official images are). */
export function imageOs(image: string | undefined): ImageOs {
  const key = image ?? ''
  let os = cache.get(key)
  if (!os) {
    os = Object.freeze(classify(key))
    if (cache.size > 1000) cache.clear()
    cache.set(key, os)
  }
  return os
}

function classify(image: string): ImageOs {
  const parsed = parseImageReference(image || 'busybox')
  const repo = parsed.ok ? familiarName(parsed.ref) : image
  const tag = parsed.ok ? parsed.ref.tag : 'latest'
  if (BUSYBOX_REPOS.has(repo)) return { family: 'busybox', repo, tag }
  if (ALPINE_REPOS.has(repo) || tag.includes('alpine')) return { family: 'alpine', repo, tag, osRelease: ALPINE_OS_RELEASE }
  if (UBUNTU_REPOS.has(repo)) return { family: 'ubuntu', repo, tag, osRelease: ubuntuOsRelease(tag) }
  const codename = debianCodename(repo, tag)
  return { family: 'debian', repo, tag, codename, osRelease: debianOsRelease(codename) }
}

const DEBIAN: Record<string, string> = { stretch: '9', buster: '10', bullseye: '11', bookworm: '12', trixie: '13' }

/**
 * The Debian release under an official image's tag: a tag that names it says so; nginx's numbered
 * tags follow the release current when that nginx came out; `latest` and the rest: trixie (the
 * official images moved to Debian 13 in 2025).
 */
function debianCodename(repo: string, tag: string): string {
  for (const name of Object.keys(DEBIAN)) if (tag.includes(name)) return name
  if (repo === 'debian' && /^\d+/.test(tag)) return Object.keys(DEBIAN).find((k) => DEBIAN[k] === tag.split('.')[0]) ?? 'trixie'
  // The HPA walkthrough's php-apache is FROM php:5-apache (Debian 9).
  if (repo === 'registry.k8s.io/hpa-example') return 'stretch'
  const m = /^1\.(\d+)/.exec(tag)
  if (repo === 'nginx' && m) {
    const minor = Number(m[1])
    return minor <= 15 ? 'stretch' : minor <= 19 ? 'buster' : minor <= 23 ? 'bullseye' : minor <= 27 ? 'bookworm' : 'trixie'
  }
  return 'trixie'
}

function debianOsRelease(codename: string): string {
  const v = DEBIAN[codename] ?? '13'
  return `PRETTY_NAME="Debian GNU/Linux ${v} (${codename})"
NAME="Debian GNU/Linux"
VERSION_ID="${v}"
VERSION="${v} (${codename})"
VERSION_CODENAME=${codename}
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`
}

const ALPINE_OS_RELEASE = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.22.2
PRETTY_NAME="Alpine Linux v3.22"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`

function ubuntuOsRelease(tag: string): string {
  const jammy = /^(22\.04|jammy)/.test(tag)
  const [id, full, name, code] = jammy ? ['22.04', '22.04.5', 'Jammy Jellyfish', 'jammy'] : ['24.04', '24.04.3', 'Noble Numbat', 'noble']
  return `PRETTY_NAME="Ubuntu ${full} LTS"
NAME="Ubuntu"
VERSION_ID="${id}"
VERSION="${full} LTS (${name})"
VERSION_CODENAME=${code}
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=${code}
`
}

// Programs a Debian-slim based official image (nginx, httpd, redis, postgres, debian) lacks: no procps,
// psmisc, dnsutils, iputils or wget. nginx adds curl to its image; the others have none.
const NOT_IN_DEBIAN = new Set(['ps', 'top', 'free', 'pkill', 'pgrep', 'killall', 'pidof', 'nslookup', 'ping', 'wget', 'vi', 'ip', 'ifconfig', 'netstat', 'nc'])
// The ubuntu image ships procps, but not the network tools either.
const NOT_IN_UBUNTU = new Set(['killall', 'nslookup', 'ping', 'wget', 'curl', 'vi', 'ip', 'ifconfig', 'netstat', 'nc'])
// Official images that install more than their base (the perl image is FROM buildpack-deps, which has procps).
const EXTRA: Record<string, string[]> = { perl: ['ps', 'top', 'free', 'pkill', 'pgrep', 'pidof', 'wget'], 'registry.k8s.io/kubernetes-zookeeper': ['nc'] }

/** Whether `program` is on the image's $PATH (only the programs this simulation knows are asked). */
export function ships(os: ImageOs, program: string): boolean {
  if (EXTRA[os.repo]?.includes(program)) return true
  if (os.family === 'debian') return !NOT_IN_DEBIAN.has(program)
  if (os.family === 'ubuntu') return !NOT_IN_UBUNTU.has(program)
  return true
}

/** The shell's "not found" text: busybox ash `sh: X: not found`, dash `sh: 1: X: not found`, bash's own. */
export function notFound(os: ImageOs, shell: string, program: string): string {
  if (shell === 'bash') return `bash: line 1: ${program}: command not found`
  return os.family === 'debian' || os.family === 'ubuntu' ? `sh: 1: ${program}: not found` : `sh: ${program}: not found`
}
