import { describe, expect, it } from 'vitest'
import { Shell, type Job, type ShellBackend, type Stream } from './shell'
import { Screen } from './screen.test-helper'
import { formatColumns, commonPrefix } from './columns'
import { splitKeys } from './keys'

const NAMES = ['nginx-7c5ddbdf54-2xkqz', 'nginx-7c5ddbdf54-9hdfw', 'redis-5f4b6b8d7d-lx2vd']

interface Started {
  line: string
  out: (stream: Stream, text: string) => void
  finish: () => void
  interrupted: boolean
}

function setup(cols = 60) {
  const screen = new Screen(cols)
  const started: Started[] = []
  const backend: ShellBackend = {
    start(line, out): Job {
      let finish!: () => void
      const done = new Promise<void>((r) => (finish = r))
      const s: Started = { line, out, finish, interrupted: false }
      started.push(s)
      // Plain commands answer at once; a watch (-w) runs until interrupted.
      if (!/\s-w\b/.test(line)) {
        out('stdout', `ran: ${line}\n`)
        if (line.includes('missing')) out('stderr', 'Error from server (NotFound): pods "missing" not found\n')
        finish()
      }
      return { done, interrupt: () => ((s.interrupted = true), finish()) }
    },
    async complete(line, cursor) {
      const before = line.slice(0, cursor)
      const word = before.split(' ').at(-1)!
      const from = cursor - word.length
      if (/^kubectl get po$/.test(before)) return { replaceFrom: from, candidates: ['pods'] }
      if (/^kubectl get pods /.test(before)) return { replaceFrom: from, candidates: NAMES.filter((n) => n.startsWith(word)) }
      return { replaceFrom: from, candidates: [] }
    },
  }
  const shell = new Shell({ write: (s) => screen.write(s), cols: () => cols }, backend)
  shell.start()
  const type = (s: string) => shell.input(s)
  return { shell, screen, started, type }
}

describe('Shell line editing', () => {
  it('draws the prompt and echoes what is typed', async () => {
    const { screen, type } = setup()
    expect(screen.lastLine()).toBe('$')
    await type('kubectl get pods')
    expect(screen.lastLine()).toBe('$ kubectl get pods')
  })

  it('moves with Left/Right/Home/End and inserts at the cursor', async () => {
    const { shell, screen, type } = setup()
    await type('kubectl pods')
    await type('\x1b[D\x1b[D\x1b[D\x1b[D')
    await type('get ')
    expect(shell.text).toBe('kubectl get pods')
    await type('\x1b[H')
    expect(shell.cursor).toBe(0)
    await type('\x1b[F')
    expect(shell.cursor).toBe(16)
    expect(screen.col).toBe(18)
  })

  it('deletes with Backspace and Delete, kills with Ctrl+U, Ctrl+K, Ctrl+W and yanks with Ctrl+Y', async () => {
    const { shell, type } = setup()
    await type('kubectl get podx\x7f')
    expect(shell.text).toBe('kubectl get pod')
    await type('\x01\x1b[3~')
    expect(shell.text).toBe('ubectl get pod')
    await type('\x05\x17')
    expect(shell.text).toBe('ubectl get ')
    await type('\x01\x0b')
    expect(shell.text).toBe('')
    await type('\x19')
    expect(shell.text).toBe('ubectl get ')
    await type('\x15')
    expect(shell.text).toBe('')
  })

  it('redraws a line that wraps past the terminal width and keeps the cursor in place', async () => {
    const { shell, screen, type } = setup(20)
    await type('kubectl get pods -o wide --show-labels')
    expect(screen.text()).toBe('$ kubectl get pods -\no wide --show-labels')
    await type('\x01')
    expect([screen.row, screen.col]).toEqual([0, 2])
    await type('k ')
    expect(shell.text).toBe('k kubectl get pods -o wide --show-labels')
    expect(screen.text()).toBe('$ k kubectl get pods\n -o wide --show-labe\nls')
  })

  it('Ctrl+C abandons the line with ^C; Ctrl+L clears the screen but keeps the line', async () => {
    const { shell, screen, type } = setup()
    await type('kubectl get po\x03')
    expect(screen.text()).toBe('$ kubectl get po^C\n$')
    expect(shell.text).toBe('')
    await type('kubectl\x0c')
    expect(screen.text()).toBe('$ kubectl')
  })
})

describe('Shell commands', () => {
  it('runs kubectl and k lines, prints stderr in red, refuses other commands as bash does', async () => {
    const { screen, started, type } = setup()
    await type('k get pods\r')
    expect(started[0].line).toBe('k get pods')
    await type('kubectl get pod missing\r')
    await type('vim web.yaml\r')
    expect(screen.text()).toBe([
      '$ k get pods', 'ran: k get pods',
      '$ kubectl get pod missing', 'ran: kubectl get pod missing', 'Error from server (NotFound): pods "missing" not found',
      '$ vim web.yaml', 'bash: vim: command not found', '$',
    ].join('\n'))
  })

  it('writes stderr in red', async () => {
    const writes: string[] = []
    const shell = new Shell({ write: (s) => writes.push(s), cols: () => 80 }, { start: () => ({ done: Promise.resolve(), interrupt() {} }), complete: async () => ({ replaceFrom: 0, candidates: [] }) })
    shell.output('stderr', 'error: oops\n')
    expect(writes).toEqual(['\x1b[31merror: oops\r\n\x1b[0m'])
  })

  it('clear empties the screen', async () => {
    const { screen, type } = setup()
    await type('kubectl get pods\r')
    await type('clear\r')
    expect(screen.text()).toBe('$')
  })

  it('a watch streams until Ctrl+C, which prints ^C and gives the prompt back', async () => {
    const { shell, screen, started, type } = setup()
    const done = type('kubectl get pods -w\r')
    await Promise.resolve()
    expect(shell.running).toBe(true)
    started[0].out('stdout', 'NAME   READY\nweb-1  0/1\n')
    started[0].out('stdout', 'web-1  1/1\n')
    await type('\x03')
    await done
    expect(started[0].interrupted).toBe(true)
    started[0].out('stdout', 'late line\n')
    expect(screen.text()).toBe('$ kubectl get pods -w\nNAME   READY\nweb-1  0/1\nweb-1  1/1\n^C\n$')
    expect(shell.running).toBe(false)
  })

  it('keys typed while a command runs wait and then apply to the next prompt', async () => {
    const { screen, started, type } = setup()
    const done = type('kubectl get pods -w\r')
    void type('kubectl version')
    started[0].finish()
    await done
    await new Promise((r) => setTimeout(r, 0))
    expect(screen.lastLine()).toBe('$ kubectl version')
  })

  it('a bracketed paste of several lines runs them one by one and leaves the last to edit', async () => {
    const { started, shell, type } = setup()
    await type('\x1b[200~kubectl get nodes\nkubectl get pods\nkubectl get\x1b[201~')
    expect(started.map((s) => s.line)).toEqual(['kubectl get nodes', 'kubectl get pods'])
    expect(shell.text).toBe('kubectl get')
  })
})

describe('Shell history', () => {
  it('Up and Down walk the history and come back to the line being typed', async () => {
    const { shell, type } = setup()
    await type('kubectl get nodes\r')
    await type('kubectl get pods\r')
    await type('kubectl get pods\r')
    await type('kubectl ver')
    await type('\x1b[A')
    expect(shell.text).toBe('kubectl get pods')
    await type('\x1b[A')
    expect(shell.text).toBe('kubectl get nodes')
    await type('\x1b[A')
    expect(shell.text).toBe('kubectl get nodes')
    await type('\x1b[B\x1b[B')
    expect(shell.text).toBe('kubectl ver')
    expect(shell.history).toEqual(['kubectl get nodes', 'kubectl get pods'])
  })

  it('does not keep lines that start with a space (HISTCONTROL=ignoreboth)', async () => {
    const { shell, type } = setup()
    await type(' kubectl get secrets\r')
    expect(shell.history).toEqual([])
  })

  it('Ctrl+R searches backwards as bash shows it, Ctrl+R again finds older, Enter runs', async () => {
    const { shell, screen, started, type } = setup()
    await type('kubectl get pods\r')
    await type('kubectl describe node node-1\r')
    await type('kubectl get nodes\r')
    await type('\x12')
    expect(screen.lastLine()).toBe("(reverse-i-search)`':")
    await type('get')
    expect(screen.lastLine()).toBe("(reverse-i-search)`get': kubectl get nodes")
    await type('\x12')
    expect(screen.lastLine()).toBe("(reverse-i-search)`get': kubectl get pods")
    expect(screen.col).toBe("(reverse-i-search)`get': kubectl ".length)
    await type('x')
    expect(screen.lastLine()).toBe("(failed reverse-i-search)`getx': kubectl get pods")
    await type('\x7f\r')
    expect(started.at(-1)!.line).toBe('kubectl get nodes')
    expect(shell.text).toBe('')
  })

  it('leaves Ctrl+R with the line found when an editing key is pressed, and restores it with Ctrl+G', async () => {
    const { shell, type } = setup()
    await type('kubectl get pods\r')
    await type('draft\x12pods\x1b[F')
    expect(shell.text).toBe('kubectl get pods')
    expect(shell.cursor).toBe(16)
    await type('\x15draft\x12pods\x07')
    expect(shell.text).toBe('draft')
  })
})

describe('Shell completion', () => {
  it('completes one candidate and adds a space', async () => {
    const { shell, type } = setup()
    await type('kubectl get po\t')
    expect(shell.text).toBe('kubectl get pods ')
  })

  it('inserts the common prefix of several, lists them on the second Tab, then redraws the line', async () => {
    const { shell, screen, type } = setup()
    await type('kubectl get pods ngi\t')
    expect(shell.text).toBe('kubectl get pods nginx-7c5ddbdf54-')
    await type('\t')
    expect(screen.text()).toBe([
      '$ kubectl get pods nginx-7c5ddbdf54-',
      'nginx-7c5ddbdf54-2xkqz  nginx-7c5ddbdf54-9hdfw',
      '$ kubectl get pods nginx-7c5ddbdf54-',
    ].join('\n'))
    await type('9\t')
    expect(shell.text).toBe('kubectl get pods nginx-7c5ddbdf54-9hdfw ')
  })

  it('rings the bell when nothing matches, and on a first Tab that cannot add anything', async () => {
    const { screen, type } = setup()
    await type('kubectl get pods x\t')
    expect(screen.bells).toBe(1)
    await type('\x15kubectl get pods \t')
    expect(screen.bells).toBe(2)
    await type('\t')
    expect(screen.text()).toContain('redis-5f4b6b8d7d-lx2vd')
  })

  it('completes the shell builtins at the start of the line', async () => {
    const { shell, type } = setup()
    await type('cle\t')
    expect(shell.text).toBe('clear ')
  })
})

describe('keys and columns', () => {
  it('splits escape sequences, control keys and a bracketed paste', () => {
    expect(splitKeys('a\x1b[A\x1b[3~\x01\x1b[200~x\ty\x1b[201~')).toEqual(['a', '\x1b[A', '\x1b[3~', '\x01', { paste: 'x\ty' }])
  })

  it('lays candidates out in columns, top to bottom, as readline does', () => {
    expect(formatColumns(['a', 'bb', 'c', 'dd', 'e'], 12)).toBe('a   c   e\nbb  dd\n')
    expect(formatColumns(['deployments', 'daemonsets'], 10)).toBe('deployments\ndaemonsets\n')
  })

  it('finds the common prefix', () => {
    expect(commonPrefix(['nginx-abc', 'nginx-abd', 'nginx-x'])).toBe('nginx-')
    expect(commonPrefix([])).toBe('')
  })
})
