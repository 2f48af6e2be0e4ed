// `kubectl exec` into catalog images: the small shell, its applets and each image's root tree
// (busybox, Alpine, Debian-based official images, Ubuntu), as kubectl prints them.
import { describe, expect, it } from 'vitest'
import { run } from './run'

const PODS = `kubectl run bb --image=busybox:1.36 -- sleep 3600
kubectl run web --image=nginx:1.27
kubectl run al --image=nginx:1.27-alpine
kubectl run ub --image=ubuntu:24.04 -- sleep infinity
sleep 30`

describe('kubectl exec: the root tree of each image family', () => {
  it('ls / prints the directories of busybox, of Debian-based nginx (with its entrypoint) and of Alpine', () => {
    const r = run(PODS)
    expect(r.more('kubectl exec bb -- ls /').stdout).toBe('bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n')
    expect(r.more('kubectl exec web -- ls /').stdout.split('\n').filter(Boolean)).toEqual([
      'bin', 'boot', 'dev', 'docker-entrypoint.d', 'docker-entrypoint.sh', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt',
      'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var',
    ])
    expect(r.more('kubectl exec al -- ls /').stdout.split('\n').filter(Boolean)).toEqual([
      'bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var',
    ])
  })

  it('ls -l: busybox\'s fixed columns; GNU ls aligns its columns and shows merged-/usr links', () => {
    const r = run(PODS)
    const bb = r.more('kubectl exec bb -- ls -l /').stdout.split('\n')
    expect(bb[0]).toBe('total 36')
    expect(bb[1]).toBe('drwxr-xr-x    2 root     root          4096 Oct  8 17:32 bin')
    expect(bb).toContain('drwxrwxrwt    2 root     root          4096 Oct  8 17:32 tmp')
    const web = r.more('kubectl exec web -- ls -l /').stdout.split('\n')
    expect(web[1]).toBe('lrwxrwxrwx 1 root root    7 Oct  8 17:32 bin -> usr/bin')
    expect(web).toContain('-rwxr-xr-x 1 root root 1620 Oct  8 17:32 docker-entrypoint.sh')
    expect(r.more('kubectl exec web -- ls -l /usr/share/nginx/html').stdout).toBe(
      'total 8\n-rw-r--r-- 1 root root 497 Oct  8 17:32 50x.html\n-rw-r--r-- 1 root root 615 Oct  8 17:32 index.html\n')
  })

  it('a missing path: busybox and GNU ls word it differently', () => {
    const r = run(PODS)
    expect(r.more('kubectl exec bb -- ls /nope').stderr).toBe('ls: /nope: No such file or directory\ncommand terminated with exit code 1\n')
    expect(r.more('kubectl exec web -- ls /nope').stderr).toBe("ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n")
  })

  it('the kubelet-managed /etc/hosts, /etc/resolv.conf and /etc/hostname', () => {
    const r = run(PODS)
    const ip = r.cluster.api.get<{ status?: { podIP?: string } }>('Pod', 'default', 'bb').status!.podIP!
    expect(r.more('kubectl exec bb -- cat /etc/hosts').stdout).toBe(
      `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\tbb\n`)
    expect(r.more('kubectl exec bb -- cat /etc/resolv.conf').stdout).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n')
    expect(r.more('kubectl exec web -- cat /etc/hostname').stdout).toBe('web\n')
  })

  it('os-release per image: Debian for nginx, Alpine for its -alpine tag; busybox has none', () => {
    const r = run(PODS)
    expect(r.more('kubectl exec web -- cat /etc/os-release').stdout).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n')
    expect(r.more('kubectl exec al -- cat /etc/os-release').stdout).toContain('NAME="Alpine Linux"\nID=alpine\n')
    expect(r.more('kubectl exec ub -- cat /etc/os-release').stdout).toContain('ID=ubuntu\n')
    expect(r.more('kubectl exec bb -- cat /etc/os-release').stderr).toBe("cat: can't open '/etc/os-release': No such file or directory\ncommand terminated with exit code 1\n")
  })

  it("nginx's configuration and the page it serves are the same files", () => {
    const r = run(`${PODS}\nkubectl expose pod web --port=80`)
    expect(r.more('kubectl exec web -- cat /etc/nginx/nginx.conf').stdout).toContain('worker_processes  auto;\n')
    expect(r.more('kubectl exec web -- cat /etc/nginx/conf.d/default.conf').stdout).toContain('root   /usr/share/nginx/html;')
    const page = r.more('kubectl exec web -- cat /usr/share/nginx/html/index.html').stdout
    expect(page).toContain('<h1>Welcome to nginx!</h1>')
    r.more(`kubectl exec web -- sh -c "echo hello > /usr/share/nginx/html/index.html"`)
    expect(r.more('kubectl exec bb -- wget -q -O- http://web').stdout).toBe('hello\n')
  })

  it('the service account files are there', () => {
    const r = run(PODS)
    expect(r.more('kubectl exec bb -- ls /var/run/secrets/kubernetes.io/serviceaccount').stdout).toBe('ca.crt\nnamespace\ntoken\n')
    expect(r.more('kubectl exec bb -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace').stdout).toBe('default\n')
  })
})

describe('kubectl exec: ps', () => {
  it('busybox: PID 1 is the pod\'s command, then ps itself', () => {
    const r = run(PODS)
    expect(r.more('kubectl exec bb -- ps').stdout).toMatch(/^PID {3}USER {5}TIME {2}COMMAND\n {4}1 root {6}0:00 sleep 3600\n +\d+ root {6}0:00 ps\n$/)
  })

  it('nginx:alpine: the master and one worker per CPU of the node (busybox ps ignores aux)', () => {
    const r = run(PODS)
    const lines = r.more('kubectl exec al -- ps aux').stdout.split('\n')
    expect(lines.slice(0, 3)).toEqual(['PID   USER     TIME  COMMAND', '    1 root      0:00 nginx: master process nginx -g daemon off;', '   29 nginx     0:00 nginx: worker process'])
    expect(lines.filter((l) => l.endsWith('worker process'))).toHaveLength(4)
  })

  it('procps on ubuntu: ps, ps aux and ps -ef in their own columns', () => {
    const r = run(PODS)
    expect(r.more('kubectl exec ub -- ps').stdout).toMatch(/^ {4}PID TTY {10}TIME CMD\n {6}1 \? {8}00:00:00 sleep\n +\d+ \? {8}00:00:00 ps\n$/)
    const aux = r.more('kubectl exec ub -- ps aux').stdout.split('\n')
    expect(aux[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND')
    expect(aux[1]).toMatch(/^root {11}1 {2}0\.0 {2}0\.0 +\d+ +\d+ \? {8}Ss {3}\d\d:\d\d {3}0:00 sleep infinity$/)
    const ef = r.more('kubectl exec ub -- ps -ef').stdout.split('\n')
    expect(ef[0]).toBe('UID          PID    PPID  C STIME TTY          TIME CMD')
    expect(ef[1]).toMatch(/^root {11}1 {7}0 {2}0 \d\d:\d\d \? {8}00:00:00 sleep infinity$/)
  })

  it('Debian-based nginx ships no procps: the runtime cannot find ps, dash says `sh: 1: ps: not found`', () => {
    const r = run(PODS)
    expect(r.more('kubectl exec web -- ps').stderr).toMatch(/exec: "ps": executable file not found in \$PATH: unknown\n$/)
    expect(r.more('kubectl exec web -- sh -c ps').stderr).toBe('sh: 1: ps: not found\ncommand terminated with exit code 127\n')
    expect(r.more('kubectl exec bb -- sh -c nope').stderr).toBe('sh: nope: not found\ncommand terminated with exit code 127\n')
    expect(r.more('kubectl exec ub -- bash -c nope').stderr).toBe('bash: line 1: nope: command not found\ncommand terminated with exit code 127\n')
  })

  it('cat /proc/1/cmdline: the arguments NUL-separated', () => {
    const r = run(PODS)
    expect(r.more('kubectl exec bb -- cat /proc/1/cmdline').stdout).toBe('sleep\u00003600\u0000\n')
  })
})

describe('kubectl exec: the shell', () => {
  it('cd within one sh -c line; relative paths, redirects and ls -a follow the working directory', () => {
    const r = run(PODS)
    const o = r.more(`kubectl exec bb -- sh -c 'cd /tmp && pwd && echo hi > f && echo more >> f && ls -a && cat /tmp/f'`)
    expect(o.stdout).toBe('/tmp\n.\n..\nf\nhi\nmore\n')
    expect(r.more('kubectl exec bb -- pwd').stdout).toBe('/\n')
    expect(r.more(`kubectl exec bb -- sh -c 'cd /etc; cat hostname; cd ..; pwd'`).stdout).toBe('bb\n/\n')
  })

  it("cd to a missing directory: ash's and dash's errors, exit code 2; || runs the fallback", () => {
    const r = run(PODS)
    expect(r.more(`kubectl exec bb -- sh -c 'cd /nope'`).stderr).toBe("sh: cd: can't cd to /nope: No such file or directory\ncommand terminated with exit code 2\n")
    expect(r.more(`kubectl exec web -- sh -c 'cd /nope'`).stderr).toBe("sh: 1: cd: can't cd to /nope\ncommand terminated with exit code 2\n")
    expect(r.more(`kubectl exec bb -- sh -c 'cd /nope 2>/dev/null || echo fallback'`).stdout).toBe('fallback\n')
  })

  it('rm of an image file hides it in this container only (the layer beneath is read-only)', () => {
    const r = run(PODS)
    r.more('kubectl exec web -- rm /etc/nginx/conf.d/default.conf')
    expect(r.more('kubectl exec web -- ls /etc/nginx/conf.d').stdout).toBe('')
    expect(r.more('kubectl exec al -- ls /etc/nginx/conf.d').stdout).toBe('default.conf\n')
  })

  it('mkdir makes a directory cd and ls -d see', () => {
    const r = run(PODS)
    expect(r.more(`kubectl exec bb -- sh -c 'mkdir /data && cd /data && touch x && ls && ls -d /data'`).stdout).toBe('x\n/data\n')
  })

  it('which, printenv, $(…), id, uname -a and exit codes', () => {
    const r = run(PODS)
    expect(r.more('kubectl exec bb -- which ps').stdout).toBe('/bin/ps\n')
    expect(r.more('kubectl exec web -- which ls').stdout).toBe('/usr/bin/ls\n')
    expect(r.more('kubectl exec web -- which ps').stderr).toBe('command terminated with exit code 1\n')
    expect(r.more('kubectl exec bb -- printenv HOSTNAME').stdout).toBe('bb\n')
    expect(r.more(`kubectl exec bb -- sh -c 'echo "I am $(hostname)"'`).stdout).toBe('I am bb\n')
    expect(r.more('kubectl exec bb -- id').stdout).toBe('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n')
    expect(r.more('kubectl exec bb -- uname -a').stdout).toBe('Linux bb 6.8.0-60-generic #63-Ubuntu SMP PREEMPT_DYNAMIC x86_64 GNU/Linux\n')
    expect(r.more(`kubectl exec bb -- sh -c 'false; echo $?; true && echo ok'`).stdout).toBe('1\nok\n')
  })
})
