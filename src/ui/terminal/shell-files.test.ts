import { describe, expect, it } from 'vitest'
import { Shell, type Job, type SessionReply, type ShellBackend, type StartInput, type Stream } from './shell'
import { Screen } from './screen.test-helper'
import { FileStore, FILES_CAP } from './files'

interface Started {
  line: string
  input?: StartInput
}

const WEB = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n'

function setup(session?: (line: string) => SessionReply, exec?: (line: string, out: (s: Stream, t: string) => void) => void) {
  const screen = new Screen(60)
  const started: Started[] = []
  const backend: ShellBackend = {
    start(line, out, input): Job {
      started.push({ line, input })
      if (exec && line.includes(' exec ')) exec(line, out)
      else if (line.startsWith('kubectl get pod web -o yaml')) out('stdout', WEB)
      else out('stdout', `ran: ${line}\n`)
      return { done: Promise.resolve(), interrupt() {} }
    },
    complete: async (_line, cursor) => ({ replaceFrom: cursor, candidates: [] }),
    session: session && (async (line) => session(line)),
    examples: async () => ['controllers/nginx-deployment.yaml', 'pods/simple-pod.yaml', 'service/nginx-service.yaml'],
    readExample: async (p) => (p === 'pods/simple-pod.yaml' ? WEB : Promise.reject(new Error('404'))),
  }
  const saved: string[] = []
  const files = new FileStore({ load: () => null, save: (t) => saved.push(t) })
  const shell = new Shell({ write: (s) => screen.write(s), cols: () => 60 }, backend, [], files)
  shell.start()
  return { shell, screen, started, files, saved, type: (s: string) => shell.input(s) }
}

describe('here-documents', () => {
  it('reads lines after a `> ` prompt up to the delimiter and gives them to kubectl as stdin', async () => {
    const { screen, started, type } = setup()
    await type('kubectl apply -f - <<EOF\r')
    expect(screen.lastLine()).toBe('>')
    await type('apiVersion: v1\rkind: Namespace\rEOF\r')
    expect(started).toHaveLength(1)
    expect(started[0].line).toBe('kubectl apply -f -')
    expect(started[0].input?.stdin).toBe('apiVersion: v1\nkind: Namespace\n')
    expect(screen.text()).toBe('$ kubectl apply -f - <<EOF\n> apiVersion: v1\n> kind: Namespace\n> EOF\nran: kubectl apply -f -\n$')
  })

  it("takes a quoted delimiter, strips tabs with <<-, and works from a paste", async () => {
    const { started, type } = setup()
    await type("\x1b[200~kubectl apply -f - <<'END'\nmetadata:\n  name: x\nEND\n\x1b[201~")
    expect(started[0].input?.stdin).toBe('metadata:\n  name: x\n')
    await type('kubectl apply -f - <<-EOF\r\tkind: Pod\r\tEOF\r')
    expect(started[1].input?.stdin).toBe('kind: Pod\n')
  })

  it('Ctrl+C abandons it; Ctrl+D ends it early with bash\'s warning', async () => {
    const { screen, started, type } = setup()
    await type('kubectl apply -f - <<EOF\rkind: Pod\r\x03')
    expect(started).toHaveLength(0)
    expect(screen.lastLine()).toBe('$')
    await type('kubectl apply -f - <<EOF\rkind: Pod\r\x04')
    expect(started[0].input?.stdin).toBe('kind: Pod\n')
    expect(screen.text().replace(/\n/g, '')).toContain("bash: warning: here-document at line 2 delimited by end-of-file (wanted `EOF')")
  })
})

describe('the terminal\'s files', () => {
  it('cat > FILE <<EOF writes a file that ls lists, cat prints and kubectl -f receives', async () => {
    const { screen, started, files, saved, type } = setup()
    await type('cat > web.yaml <<EOF\r')
    await type('kind: Pod\rEOF\r')
    expect(files.read('web.yaml')).toBe('kind: Pod\n')
    expect(saved.length).toBe(1)
    await type('ls\r')
    expect(screen.text()).toMatch(/\$ ls\nexamples\s+web\.yaml\n\$$/)
    await type('cat web.yaml\r')
    expect(screen.text()).toMatch(/\$ cat web\.yaml\nkind: Pod\n\$$/)
    await type('kubectl apply -f web.yaml\r')
    expect(started[0].input?.files).toEqual({ 'web.yaml': 'kind: Pod\n' })
    await type('rm web.yaml\rcat web.yaml\r')
    expect(screen.text()).toMatch(/cat: web\.yaml: No such file or directory\n\$$/)
  })

  it('redirects kubectl output into a file, and mkdir makes folders for -f DIR/', async () => {
    const { files, screen, type } = setup()
    await type('mkdir app\rkubectl get pod web -o yaml > app/web.yaml\r')
    expect(files.read('app/web.yaml')).toBe(WEB)
    await type('ls app\r')
    expect(screen.text()).toMatch(/\$ ls app\nweb\.yaml\n\$$/)
    await type('echo hi > nope/x\r')
    expect(screen.text()).toMatch(/bash: nope\/x: No such file or directory\n\$$/)
  })

  it('lists and prints the docs\' examples read-only', async () => {
    const { screen, type } = setup()
    await type('ls examples\r')
    expect(screen.text()).toMatch(/\$ ls examples\ncontrollers\s+pods\s+service\n\$$/)
    await type('ls examples/pods\r')
    expect(screen.text()).toMatch(/\nsimple-pod\.yaml\n\$$/)
    await type('cat examples/pods/simple-pod.yaml\r')
    expect(screen.text()).toContain('metadata:\n  name: web\n$')
    await type('rm examples/pods/simple-pod.yaml\r')
    expect(screen.text().replace(/\n/g, '')).toMatch(/rm: cannot remove 'examples\/pods\/simple-pod\.yaml': Read-only file system\$$/)
  })

  it('keeps the files within the cap', () => {
    const files = new FileStore()
    expect(() => files.write('big', 'x'.repeat(FILES_CAP + 1))).toThrow('big: No space left on device')
  })

  it('loads the files saved before a reload', () => {
    const files = new FileStore({ load: () => JSON.stringify({ 'a.yaml': 'kind: Pod\n', 'dir/': '' }), save: () => {} })
    expect(files.read('a.yaml')).toBe('kind: Pod\n')
    expect(files.list('')).toEqual(['a.yaml', 'dir/'])
  })
})

describe('interactive kubectl exec', () => {
  const session = (line: string): SessionReply => line.includes('run')
    ? { session: { namespace: 'default', pod: 'tmp', container: 'tmp', shell: 'sh', style: 'ash', hostname: 'tmp', byRun: true, rm: true }, stdout: '', stderr: "If you don't see a command prompt, try pressing enter.\n" }
    : { session: { namespace: 'default', pod: 'web', container: 'nginx', shell: 'sh', style: 'bash', hostname: 'web', byRun: false, rm: false }, stdout: '', stderr: '' }
  const exec = (line: string, out: (s: Stream, t: string) => void) => {
    if (line.endsWith('-c hostname')) out('stdout', 'web\n')
    else if (line.endsWith("-c 'cd /tmp && pwd'")) out('stdout', '/tmp\n')
    else if (line.includes('false')) out('stderr', 'command terminated with exit code 1\n')
    else out('stdout', `${line}\n`)
  }

  it('draws the image\'s prompt, runs each line in the container and leaves with exit', async () => {
    const { screen, started, type } = setup(session, exec)
    await type('kubectl exec -it web -- sh\r')
    expect(screen.lastLine()).toBe('root@web:/#')
    await type('hostname\r')
    expect(started[0].line).toBe('kubectl exec -n default web -c nginx -- sh -c hostname')
    expect(screen.text()).toMatch(/root@web:\/# hostname\nweb\nroot@web:\/#$/)
    await type('cd /tmp\rls\r')
    expect(started.at(-1)!.line).toBe("kubectl exec -n default web -c nginx -- sh -c 'cd /tmp && ls'")
    expect(screen.lastLine()).toBe('root@web:/tmp#')
    await type('false\r')
    expect(screen.text()).not.toContain('command terminated')
    await type('exit\r')
    expect(screen.text()).toMatch(/root@web:\/tmp# exit\ncommand terminated with exit code 1\n\$$/)
  })

  it('Ctrl+D leaves too; kubectl run -it --rm deletes the pod on the way out', async () => {
    const { screen, started, type } = setup(session, exec)
    await type('kubectl run -it --rm tmp --image=busybox --restart=Never -- sh\r')
    expect(screen.text()).toMatch(/If you don't see a command prompt, try pressing enter\.\n\/ #$/)
    await type('\x04')
    expect(started.at(-1)!.line).toBe('kubectl delete pod tmp -n default --wait=false')
    expect(screen.lastLine()).toBe('$')
  })
})
