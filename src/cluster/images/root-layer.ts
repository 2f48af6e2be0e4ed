/**
 * What a container sees below its writable layer: the image's tree (image-tree.ts), the files the
 * kubelet bind-mounts into every container (/etc/hostname, /etc/hosts, /etc/resolv.conf,
 * /dev/termination-log), and /proc with the container's processes — PID 1 is its command line
 * (the pod's command/args, or the image's default), which `ps` and `cat /proc/1/cmdline` read.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1'
import { stableBetween } from './digest'
import { normalizePath } from './paths'
import { imageTree, type ImageTree } from './image-tree'

export interface FileStat {
  type: 'dir' | 'file' | 'link'
  /** `drwxr-xr-x`, as ls -l prints it. */
  mode: string
  size: number
  nlink: number
  mtime: number
  user: string
  group: string
  /** A link's target. */
  target?: string
}

export interface Proc {
  pid: number
  user: string
  /** The full command line, as `ps` prints it under COMMAND/CMD (args). */
  args: string
  /** The program name (procps' CMD of a plain `ps`). */
  comm: string
  /** Virtual-clock ms when it started. */
  startedAt: number
  vszKb: number
  rssKb: number
}

export interface RootLayerOptions {
  image?: string
  container: Container
  pod: () => Pod
  podIP: () => string
  /** Virtual time when the container's layer was made (its processes' start time). */
  now: number
  /** CPUs the container sees (nginx starts a worker per CPU). */
  cpus?: number
}

// kube: the kubelet's DNS for ClusterFirst pods (network/dns.ts KUBE_DNS_IP; resolv.conf options ndots:5).
const CLUSTER_DNS = '10.96.0.10'
const CLUSTER_DOMAIN = 'cluster.local'
// kind's node resolv.conf, which a pod with dnsPolicy Default inherits.
const NODE_RESOLV_CONF = 'nameserver 172.18.0.1\noptions ndots:0\n'

// The WORKDIR of official images that set one.
const IMAGE_WORKDIR: Record<string, string> = { httpd: '/usr/local/apache2', redis: '/data' }

// The first PID an exec'd process gets after the container's own (runc, the shim).
const FIRST_EXEC_PID = 7

export class RootLayer {
  readonly tree: ImageTree
  // Made when first asked for: most containers never run `ps`.
  private table: Proc[] | undefined
  private pid = 0

  constructor(private readonly o: RootLayerOptions) {
    this.tree = imageTree(o.image)
  }

  private get procs(): Proc[] {
    if (!this.table) {
      this.table = mainProcesses(this.o, this.tree)
      this.pid = Math.max(FIRST_EXEC_PID, ...this.table.map((p) => p.pid + 1))
    }
    return this.table
  }

  /** Where its processes start: the container's workingDir, else the image's WORKDIR. */
  get workingDir(): string {
    return this.o.container.workingDir || IMAGE_WORKDIR[this.tree.os.repo] || '/'
  }

  /** The container's processes, PID 1 first. */
  processes(): readonly Proc[] {
    return this.procs
  }

  /** A PID for a new process run in the container (an exec, a command of a shell). */
  spawn(): number {
    if (!this.table) void this.procs
    return this.pid++
  }

  /** A file's content (links followed); undefined for a directory or nothing. */
  read(path: string): string | undefined {
    const p = this.resolve(path)
    const managed = this.managed(p)
    if (managed !== undefined) return managed
    const n = this.tree.node(p)
    return n?.t === 'file' ? n.text : undefined
  }

  isDirectory(path: string): boolean {
    return this.list(path) !== undefined
  }

  /** Names in a directory (links followed), sorted; undefined when it is not one. */
  list(path: string): string[] | undefined {
    const p = this.resolve(path)
    if (p === '/proc') return [...this.procs.map((x) => String(x.pid)), 'cpuinfo', 'meminfo', 'self', 'uptime', 'version'].sort()
    const pid = /^\/proc\/(\d+)$/.exec(p)
    if (pid) return this.procs.some((x) => String(x.pid) === pid[1]) ? ['cmdline', 'comm', 'environ', 'status'] : undefined
    if (p === '/dev') return ['core', 'fd', 'full', 'mqueue', 'null', 'ptmx', 'pts', 'random', 'shm', 'stderr', 'stdin', 'stdout', 'termination-log', 'tty', 'urandom', 'zero']
    if (p === '/dev/pts' || p === '/dev/shm' || p === '/dev/mqueue') return []
    const names = this.tree.children(p)
    if (!names) return undefined
    if (p === '/etc') return [...new Set([...names, 'hostname', 'hosts', 'resolv.conf'])].sort()
    return [...names]
  }

  /** What ls -l shows of `path` (the link itself, not its target). */
  stat(path: string): FileStat | undefined {
    const slash = path.lastIndexOf('/')
    const p = slash <= 0 ? path : `${this.resolve(path.slice(0, slash) || '/')}/${path.slice(slash + 1)}`.replace(/^\/\//, '/')
    const base = { user: 'root', group: 'root', mtime: this.tree.builtAt }
    const managed = this.managed(p)
    if (managed !== undefined) {
      const dev = p.startsWith('/dev/')
      return { ...base, type: 'file', mode: dev ? 'crw-rw-rw-' : '-rw-r--r--', size: managed.length, nlink: 1, mtime: this.o.now }
    }
    const n = this.tree.node(p)
    if (n?.t === 'link') return { ...base, type: 'link', mode: 'lrwxrwxrwx', size: n.target.length, nlink: 1, target: n.target }
    if (n?.t === 'file') return { ...base, type: 'file', mode: n.mode ?? '-rw-r--r--', size: n.size ?? new TextEncoder().encode(n.text).length, nlink: 1 }
    const names = this.list(p)
    if (!names) return undefined
    const virtual = p === '/proc' || p.startsWith('/proc/') || p === '/sys'
    const subdirs = names.filter((x) => this.tree.node(`${p === '/' ? '' : p}/${x}`)?.t === 'dir').length
    const mode = n?.t === 'dir' && n.mode ? n.mode : virtual ? 'dr-xr-xr-x' : 'drwxr-xr-x'
    return { ...base, type: 'dir', mode, size: virtual || p === '/dev' ? 0 : 4096, nlink: 2 + subdirs, mtime: virtual || p === '/dev' ? this.o.now : base.mtime }
  }

  /** Follows links in every component of `path` (absolute, normalised). */
  resolve(path: string): string {
    let p = path
    for (let hops = 0; hops < 16; hops++) {
      let changed = false
      for (let i = 1; i <= p.length; i++) {
        if (i < p.length && p[i] !== '/') continue
        const prefix = p.slice(0, i)
        const n = this.tree.node(prefix)
        if (n?.t !== 'link') continue
        const parent = prefix.slice(0, prefix.lastIndexOf('/'))
        const target = n.target.startsWith('/') ? n.target : `${parent}/${n.target}`
        p = normalizePath(target + p.slice(i))
        changed = true
        break
      }
      if (!changed) return p
    }
    return p
  }

  /** Files the kubelet and the kernel provide, computed when read. */
  private managed(p: string): string | undefined {
    switch (p) {
      case '/etc/hostname': return `${hostname(this.o.pod())}\n`
      case '/etc/hosts': return hostsFile(this.o.pod(), this.o.podIP())
      case '/etc/resolv.conf': return resolvConf(this.o.pod())
      case '/dev/null': case '/dev/termination-log': case '/dev/zero': return ''
      case '/proc/version': return 'Linux version 6.8.0-60-generic (buildd@lcy02-amd64-098) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.3.0-6ubuntu2~24.04) 13.3.0, GNU ld (GNU Binutils for Ubuntu) 2.42) #63-Ubuntu SMP PREEMPT_DYNAMIC\n'
    }
    const m = /^\/proc\/(\d+|self)\/(cmdline|comm)$/.exec(p)
    if (!m) return undefined
    const proc = m[1] === 'self' ? this.procs[0] : this.procs.find((x) => String(x.pid) === m[1])
    if (!proc) return undefined
    // cmdline's arguments are NUL-separated with no newline; a terminal shows them run together.
    return m[2] === 'comm' ? `${proc.comm}\n` : `${argvOf(this.o.container, this.tree).join('\0')}\0`
  }
}


function hostname(pod: Pod): string {
  return pod.spec?.hostname || pod.metadata?.name || ''
}

/**
 * kube: kubelet_pods.go managedHostsFileContent — the header line, the IPv4 and IPv6 boilerplate,
 * the pod's IP with its FQDN (when it has a subdomain) and hostname, then `# Entries added by
 * HostAliases.` and one line per alias. Fields are tab-separated.
 */
export function hostsFile(pod: Pod, podIP: string): string {
  const spec = pod.spec
  let out = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n'
  const name = hostname(pod)
  if (podIP) {
    const ns = pod.metadata?.namespace ?? 'default'
    out += spec?.subdomain ? `${podIP}\t${name}.${spec.subdomain}.${ns}.svc.${CLUSTER_DOMAIN}\t${name}\n` : `${podIP}\t${name}\n`
  }
  if (spec?.hostAliases?.length) {
    out += '\n# Entries added by HostAliases.\n'
    for (const a of spec.hostAliases) out += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`
  }
  return out
}

/** kube: the kubelet's resolv.conf for the pod's dnsPolicy, with spec.dnsConfig merged in. */
export function resolvConf(pod: Pod): string {
  const spec = pod.spec
  const ns = pod.metadata?.namespace ?? 'default'
  const policy = spec?.dnsPolicy ?? 'ClusterFirst'
  const clusterFirst = policy === 'ClusterFirst' || (policy === 'ClusterFirstWithHostNet')
  if (policy === 'Default' && !spec?.dnsConfig) return NODE_RESOLV_CONF
  const cfg = spec?.dnsConfig
  const servers = clusterFirst ? [CLUSTER_DNS] : policy === 'None' ? [] : ['172.18.0.1']
  const search = clusterFirst ? [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN] : []
  const options = new Map<string, string | undefined>(clusterFirst ? [['ndots', '5']] : [])
  for (const s of cfg?.nameservers ?? []) if (!servers.includes(s)) servers.push(s)
  for (const s of cfg?.searches ?? []) if (!search.includes(s)) search.push(s)
  for (const o of cfg?.options ?? []) options.set(o.name ?? '', o.value)
  let out = ''
  if (search.length) out += `search ${search.join(' ')}\n`
  for (const s of servers) out += `nameserver ${s}\n`
  if (options.size) out += `options ${[...options].map(([k, v]) => (v === undefined ? k : `${k}:${v}`)).join(' ')}\n`
  return out
}

/** The image's default command (its ENTRYPOINT + CMD) when the pod gives none. */
function defaultArgv(tree: ImageTree): string[] {
  switch (tree.os.repo) {
    case 'nginx': return ['nginx', '-g', 'daemon off;']
    case 'httpd': return ['httpd', '-DFOREGROUND']
    case 'redis': return ['redis-server', '*:6379']
    case 'postgres': return ['postgres']
    case 'busybox': case 'registry.k8s.io/busybox': case 'k8s.gcr.io/busybox': case 'gcr.io/google-containers/busybox': return ['sh']
    case 'alpine': return ['/bin/sh']
    case 'curlimages/curl': return ['curl']
    case 'bash': case 'ubuntu': case 'debian': return ['bash']
    default: return [tree.os.repo.slice(tree.os.repo.lastIndexOf('/') + 1)]
  }
}

function argvOf(c: Container, tree: ImageTree): string[] {
  const argv = [...(c.command ?? []), ...(c.args ?? [])]
  return argv.length ? argv : defaultArgv(tree)
}

/** PID 1 and the processes it starts (nginx's workers, postgres' background processes). */
function mainProcesses(o: RootLayerOptions, tree: ImageTree): Proc[] {
  const argv = argvOf(o.container, tree)
  const comm = argv[0].slice(argv[0].lastIndexOf('/') + 1)
  const proc = (pid: number, user: string, args: string, name = comm): Proc => ({
    pid, user, args, comm: name, startedAt: o.now,
    vszKb: stableBetween(`vsz:${args}`, 1600, 12_000), rssKb: stableBetween(`rss:${args}`, 900, 8_000),
  })
  const own = o.container.command === undefined && o.container.args === undefined
  if (own && tree.os.repo === 'nginx') {
    const workers = Array.from({ length: o.cpus ?? 4 }, (_, i) => proc(29 + i, 'nginx', 'nginx: worker process'))
    return [proc(1, 'root', 'nginx: master process nginx -g daemon off;'), ...workers]
  }
  if (own && tree.os.repo === 'postgres') {
    const bg = ['checkpointer', 'background writer', 'walwriter', 'autovacuum launcher', 'logical replication launcher']
    return [proc(1, 'postgres', 'postgres'), ...bg.map((b, i) => proc(60 + i, 'postgres', `postgres: ${b} `))]
  }
  if (own && tree.os.repo === 'redis') return [proc(1, 'redis', 'redis-server *:6379')]
  return [proc(1, 'root', argv.join(' '))]
}
