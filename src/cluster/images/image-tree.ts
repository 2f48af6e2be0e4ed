/**
 * The read-only layers of an image: the directories `ls /` prints, the files tutorials `cat`
 * (/etc/os-release, nginx's configuration and pages, httpd's `It works!`), the programs in /bin.
 * One frozen tree per image name, shared by every container that runs it; the container's writable
 * layer and the kubelet's files (/etc/hosts…) sit above it (kubelet/container-fs.ts).
 */
import { imageOs, ships, type ImageOs } from './image-os'
import { NGINX_50X, NGINX_CONF, NGINX_DEFAULT_CONF } from './nginx-files'
import { NGINX_INDEX } from './pages'

export type TreeNode =
  | { t: 'dir'; mode?: string }
  | { t: 'file'; text: string; mode?: string; size?: number }
  | { t: 'link'; target: string }

export interface ImageTree {
  readonly os: ImageOs
  /** Build time of the image's files (their mtime in `ls -l`). */
  readonly builtAt: number
  node(path: string): TreeNode | undefined
  /** Sorted names in a directory of the image. */
  children(path: string): readonly string[] | undefined
}

// The busybox applets in /bin that this simulation runs (so `which` and `ls /bin` agree with the shell).
const BUSYBOX_APPLETS = [
  '[', '[[', 'ash', 'basename', 'cat', 'chmod', 'cp', 'cut', 'date', 'dirname', 'echo', 'env', 'expr', 'false',
  'grep', 'head', 'hostname', 'id', 'kill', 'killall', 'ls', 'mkdir', 'mv', 'nslookup', 'pkill',
  'printenv', 'printf', 'ps', 'pwd', 'rev', 'rm', 'seq', 'sh', 'sleep', 'sort', 'tail', 'tee', 'test',
  'touch', 'tr', 'true', 'uname', 'uniq', 'wc', 'wget', 'which', 'whoami',
]
// The coreutils/debianutils/procps programs of a Debian or Ubuntu image that this simulation runs.
const DEBIAN_BINARIES = [
  'basename', 'bash', 'cat', 'chmod', 'cp', 'curl', 'cut', 'dash', 'date', 'dirname', 'echo', 'env', 'expr',
  'false', 'grep', 'head', 'hostname', 'id', 'kill', 'ls', 'mkdir', 'mv', 'pkill',
  'printenv', 'printf', 'ps', 'pwd', 'rev', 'rm', 'seq', 'sh', 'sleep', 'sort', 'tail', 'tee', 'test',
  'touch', 'tr', 'true', 'uname', 'uniq', 'wc', 'wget', 'which', 'whoami',
]

/** The filesystem-hierarchy directories at `/` of each base (kube docs' `kubectl exec … -- ls /`). */
const ROOT_DIRS: Record<ImageOs['family'], string[]> = {
  busybox: ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
  alpine: ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  debian: ['boot', 'dev', 'etc', 'home', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'srv', 'sys', 'tmp', 'usr', 'var'],
  ubuntu: ['boot', 'dev', 'etc', 'home', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'srv', 'sys', 'tmp', 'usr', 'var'],
}

const PASSWD_BUSYBOX = 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n'
const PASSWD_ALPINE = 'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nlp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\nsync:x:5:0:sync:/sbin:/bin/sync\nshutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\nmail:x:8:12:mail:/var/mail:/sbin/nologin\nnews:x:9:13:news:/usr/lib/news:/sbin/nologin\nuucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin\ncron:x:16:16:cron:/var/spool/cron:/sbin/nologin\nftp:x:21:21::/var/lib/ftp:/sbin/nologin\nsshd:x:22:22:sshd:/dev/null:/sbin/nologin\ngames:x:35:35:games:/usr/games:/sbin/nologin\nntp:x:123:123:NTP:/var/empty:/sbin/nologin\nguest:x:405:100:guest:/dev/null:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n'
const PASSWD_DEBIAN = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nsync:x:4:65534:sync:/bin:/bin/sync\ngames:x:5:60:games:/usr/games:/usr/sbin/nologin\nman:x:6:12:man:/var/cache/man:/usr/sbin/nologin\nlp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin\nmail:x:8:8:mail:/var/mail:/usr/sbin/nologin\nnews:x:9:9:news:/var/spool/news:/usr/sbin/nologin\nuucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin\nproxy:x:13:13:proxy:/bin:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nbackup:x:34:34:backup:/var/backups:/usr/sbin/nologin\nlist:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin\nirc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin\n_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n'

// The user each official server image adds for its workers.
const SERVICE_USERS: Record<string, string> = {
  nginx: 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n',
  redis: 'redis:x:999:999::/home/redis:/usr/sbin/nologin\n',
  postgres: 'postgres:x:999:999::/var/lib/postgresql:/bin/bash\n',
}

const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n'

/** A directory listing of a mid-2025 build: what these images' `ls -l` dates say. */
const BUILT_AT = Date.UTC(2025, 9, 8, 17, 32, 0)

const trees = new Map<string, ImageTree>()

/** The image's tree, built once per image reference. */
export function imageTree(image: string | undefined): ImageTree {
  const key = image ?? ''
  let t = trees.get(key)
  if (!t) {
    t = buildTree(imageOs(image))
    if (trees.size > 1000) trees.clear()
    trees.set(key, t)
  }
  return t
}

function buildTree(os: ImageOs): ImageTree {
  const nodes = new Map<string, TreeNode>([['/', { t: 'dir' }]])
  const dir = (path: string, mode?: string) => {
    for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) if (!nodes.has(path.slice(0, i))) nodes.set(path.slice(0, i), { t: 'dir' })
    nodes.set(path, { t: 'dir', mode })
  }
  const file = (path: string, text: string, size?: number, mode?: string) => {
    dir(path.slice(0, path.lastIndexOf('/')) || '/')
    nodes.set(path, { t: 'file', text, size, mode })
  }
  const link = (path: string, target: string) => nodes.set(path, { t: 'link', target })

  for (const d of ROOT_DIRS[os.family]) dir(`/${d}`, d === 'tmp' ? 'drwxrwxrwt' : d === 'proc' || d === 'sys' ? 'dr-xr-xr-x' : d === 'root' ? 'drwx------' : undefined)
  const debianLike = os.family === 'debian' || os.family === 'ubuntu'
  const binDir = debianLike ? '/usr/bin' : '/bin'
  const programs = (debianLike ? DEBIAN_BINARIES : BUSYBOX_APPLETS).filter((p) => ships(os, p) && (p !== 'curl' || os.repo === 'nginx'))
  for (const p of programs) file(`${binDir}/${p}`, '', debianLike ? 35_000 : 1_055_712, '-rwxr-xr-x')
  if (debianLike) {
    // kube images' Debian and Ubuntu have a merged /usr: /bin is a link to usr/bin.
    dir('/usr/sbin')
    dir('/usr/lib')
    dir('/usr/lib64')
    dir('/usr/local/bin')
    for (const d of ['bin', 'lib', 'lib64', 'sbin']) link(`/${d}`, `usr/${d}`)
    file('/etc/debian_version', os.family === 'ubuntu' ? 'trixie/sid\n' : `${{ stretch: '9.13', buster: '10.13', bullseye: '11.11', bookworm: '12.12' }[os.codename ?? ''] ?? '13.1'}\n`)
    file('/etc/passwd', PASSWD_DEBIAN + (SERVICE_USERS[os.repo] ?? ''))
    file('/etc/shells', '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n')
    dir('/var/lib')
    dir('/var/log')
    dir('/var/tmp', 'drwxrwxrwt')
  } else {
    file('/etc/passwd', os.family === 'alpine' ? PASSWD_ALPINE + (SERVICE_USERS[os.repo] ?? '') : PASSWD_BUSYBOX)
    file('/etc/group', 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nwheel:x:10:root\nnogroup:x:65534:\n')
    if (os.family === 'busybox') {
      dir('/usr/sbin')
      dir('/var/spool/mail')
      dir('/var/www')
    } else {
      file('/etc/alpine-release', '3.22.2\n')
      file('/etc/shells', '# valid login shells\n/bin/sh\n/bin/ash\n')
      for (const d of ['/usr/bin', '/usr/sbin', '/usr/lib', '/usr/local/bin', '/var/cache', '/var/lib', '/var/log', '/var/tmp']) dir(d)
      link('/bin/sh', '/bin/busybox')
    }
  }
  if (os.osRelease) file(debianLike ? '/usr/lib/os-release' : '/etc/os-release', os.osRelease)
  if (debianLike) link('/etc/os-release', '../usr/lib/os-release')

  switch (os.repo) {
    case 'nginx':
      file('/etc/nginx/nginx.conf', NGINX_CONF)
      file('/etc/nginx/conf.d/default.conf', NGINX_DEFAULT_CONF)
      file('/usr/share/nginx/html/index.html', NGINX_INDEX)
      file('/usr/share/nginx/html/50x.html', NGINX_50X)
      dir('/var/cache/nginx')
      link('/var/log/nginx/access.log', '/dev/stdout')
      link('/var/log/nginx/error.log', '/dev/stderr')
      if (debianLike) {
        dir('/docker-entrypoint.d')
        file('/docker-entrypoint.sh', '#!/bin/sh\n# vim:sw=4:ts=4:et\n\nset -e\n', 1620, '-rwxr-xr-x')
      }
      break
    case 'httpd':
      file('/usr/local/apache2/htdocs/index.html', HTTPD_INDEX)
      dir('/usr/local/apache2/conf')
      file('/usr/local/bin/httpd-foreground', '#!/bin/sh\nset -e\n\n# Apache gets grumpy about PID files pre-existing\nrm -f /usr/local/apache2/logs/httpd.pid\n\nexec httpd -DFOREGROUND "$@"\n', 0, '-rwxr-xr-x')
      break
    case 'redis':
      dir('/data')
      break
    case 'postgres':
      dir('/docker-entrypoint-initdb.d')
      dir('/var/lib/postgresql/data', 'drwx------')
      break
  }

  const children = new Map<string, string[]>()
  for (const path of nodes.keys()) {
    if (path === '/') continue
    const parent = path.slice(0, path.lastIndexOf('/')) || '/'
    let list = children.get(parent)
    if (!list) children.set(parent, (list = []))
    list.push(path.slice(path.lastIndexOf('/') + 1))
  }
  for (const list of children.values()) list.sort()
  return {
    os,
    builtAt: BUILT_AT,
    node: (path) => nodes.get(path),
    children: (path) => (nodes.get(path)?.t === 'dir' ? children.get(path) ?? [] : undefined),
  }
}
