/**
 * The shell behind the terminal: a readline-like line editor (Emacs keys as bash has them),
 * history with Up/Down and Ctrl+R, Tab completion as bash shows it, and the running of one
 * command at a time (Ctrl+C stops it). No DOM: it reads keys and writes to a TerminalSink, so it
 * runs under Node in tests and behind xterm.js in the page.
 */
import { CTRL, KEY, splitKeys, type Key } from './keys'
import { commonPrefix, formatColumns } from './columns'
import type { ExecSession, TerminalFiles } from '../../protocol/messages'
import { FileStore } from './files'
import { FILE_BUILTINS, runBuiltin, shellWords } from './builtins'
import { parseHeredoc, parseRedirect, type Heredoc } from './lines'

export interface TerminalSink {
  write(text: string): void
  /** Width of the terminal in columns. */
  cols(): number
}

/** A running command; `done` settles when it has finished (or after `interrupt`). */
export interface Job {
  done: Promise<void>
  interrupt(): void
}

export type Stream = 'stdout' | 'stderr'

export interface StartInput {
  /** A here-document: the command's stdin (`kubectl apply -f - <<EOF`). */
  stdin?: string
  /** The terminal's files, for `-f PATH`. */
  files?: TerminalFiles
}

/** What an interactive `kubectl exec -it` / `run -it` line printed, and the container it attached to. */
export interface SessionReply {
  session?: ExecSession
  stdout: string
  stderr: string
}

export interface ShellBackend {
  /** Starts a kubectl line (as typed, with `kubectl` or `k`), writing its output through `out`. */
  start(line: string, out: (stream: Stream, text: string) => void, input?: StartInput): Job
  complete(line: string, cursor: number): Promise<{ replaceFrom: number; candidates: string[] }>
  /** Starts an interactive session (the worker runs the line as kubectl when it is none). */
  session?(line: string): Promise<SessionReply>
  /** The docs' examples, read-only under `examples/`. */
  examples?(): Promise<string[]>
  readExample?(path: string): Promise<string>
}

const PROMPT = '\x1b[1;32m$\x1b[0m '
const RED = '\x1b[31m'
const RESET = '\x1b[0m'
// Debian's .bashrc: HISTSIZE=1000, HISTCONTROL=ignoreboth (no repeats, not lines starting with a space).
const HISTORY_SIZE = 1000
const BUILTINS = ['clear', 'history', ...FILE_BUILTINS]
const CONTINUATION = '> '
const INTERACTIVE = /^(?:kubectl|k)\s(?:.*\s)?(?:exec|run)\s(?:.*\s)?(?:-i|-it|-ti|--stdin)(?:\s|$)/
const EXIT_CODE = /command terminated with exit code (\d+)\n$/

interface Attached {
  info: ExecSession
  cwd: string
  /** Exit status of the last line, as `$?`. */
  lastCode: number
}

// oxlint-disable-next-line no-control-regex -- SGR colour sequences take no columns
const visibleLength = (s: string): number => s.replace(/\x1b\[[0-9;]*m/g, '').length

interface Search {
  query: string
  /** History index of the line shown; history.length while nothing matched yet. */
  index: number
  failed: boolean
  original: string
}

export class Shell {
  text = ''
  cursor = 0
  readonly history: string[]
  private historyIndex: number
  private draft = ''
  private search: Search | undefined
  private killed = ''
  /** Rows between the prompt's first row and the cursor, for redrawing wrapped lines. */
  private cursorRow = 0
  private atLineStart = true
  private job: { job: Job; silence: () => void } | undefined
  private queue: Key[] = []
  private pumping = false
  private lastWasTab = false
  /** A here-document being typed: its command and the lines so far. */
  private heredoc: (Heredoc & { body: string[] }) | undefined
  /** Inside a container's shell (`kubectl exec -it POD -- sh`). */
  private attached: Attached | undefined

  constructor(
    private readonly term: TerminalSink,
    private readonly backend: ShellBackend,
    history: string[] = [],
    readonly files: FileStore = new FileStore(),
  ) {
    this.history = history
    this.historyIndex = history.length
  }

  /** Draws the first prompt. */
  start(): void {
    this.prompt()
  }

  get running(): boolean {
    return this.job !== undefined
  }

  /** What the terminal sent; keys are handled one after another, waiting for commands and completions. */
  input(data: string): Promise<void> {
    for (const key of splitKeys(data)) {
      // Ctrl+C reaches a running command at once, as SIGINT does; other keys wait (type-ahead).
      if (key === CTRL('c') && this.job) this.interrupt()
      else this.queue.push(key)
    }
    return this.pump()
  }

  private async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    try {
      while (this.queue.length) {
        const pending = this.handle(this.queue.shift()!)
        if (pending) await pending
      }
    } finally {
      this.pumping = false
    }
  }

  private interrupt(): void {
    const running = this.job
    if (!running) return
    running.silence()
    this.term.write('^C\r\n')
    this.atLineStart = true
    running.job.interrupt()
  }

  private handle(key: Key): Promise<void> | void {
    const wasTab = this.lastWasTab
    this.lastWasTab = key === '\t'
    if (typeof key !== 'string') return this.paste(key.paste)
    if (key === CTRL('d') && !this.text && !this.search) return this.endOfInput()
    if (this.search) {
      const rest = this.searchKey(key)
      if (rest === undefined) return
    }
    if ((KEY.enter as readonly string[]).includes(key)) return this.submit()
    if (key === '\t') return this.tab(wasTab)
    this.editKey(key)
  }

  private editKey(key: string): void {
    const is = (names: readonly string[]) => names.includes(key)
    const { text, cursor } = this
    if (is(KEY.backspace)) {
      if (cursor > 0) this.set(text.slice(0, cursor - 1) + text.slice(cursor), cursor - 1)
    } else if (is(KEY.delete) || (key === CTRL('d') && text)) {
      if (cursor < text.length) this.set(text.slice(0, cursor) + text.slice(cursor + 1), cursor)
    } else if (is(KEY.left) || key === CTRL('b')) {
      this.set(text, Math.max(0, cursor - 1))
    } else if (is(KEY.right) || key === CTRL('f')) {
      this.set(text, Math.min(text.length, cursor + 1))
    } else if (is(KEY.home) || key === CTRL('a')) {
      this.set(text, 0)
    } else if (is(KEY.end) || key === CTRL('e')) {
      this.set(text, text.length)
    } else if (is(KEY.wordLeft)) {
      this.set(text, wordStart(text, cursor))
    } else if (is(KEY.wordRight)) {
      this.set(text, wordEnd(text, cursor))
    } else if (key === CTRL('u')) {
      this.killed = text.slice(0, cursor)
      this.set(text.slice(cursor), 0)
    } else if (key === CTRL('k')) {
      this.killed = text.slice(cursor)
      this.set(text.slice(0, cursor), cursor)
    } else if (key === CTRL('w')) {
      const from = blankWordStart(text, cursor)
      this.killed = text.slice(from, cursor)
      this.set(text.slice(0, from) + text.slice(cursor), from)
    } else if (key === CTRL('y')) {
      this.insert(this.killed)
    } else if (is(KEY.up) || key === CTRL('p')) {
      this.recall(this.historyIndex - 1)
    } else if (is(KEY.down) || key === CTRL('n')) {
      this.recall(this.historyIndex + 1)
    } else if (key === CTRL('r')) {
      this.search = { query: '', index: this.history.length, failed: false, original: text }
      this.render()
    } else if (key === CTRL('c')) {
      this.set(text, text.length)
      this.term.write('^C\r\n')
      // Ctrl+C abandons a here-document too, as bash does.
      this.heredoc = undefined
      this.resetLine()
      this.prompt()
    } else if (key === CTRL('l')) {
      this.term.write('\x1b[H\x1b[2J')
      this.cursorRow = 0
      this.render()
    } else if (key.length >= 1 && !key.startsWith('\x1b') && key >= ' ' && key !== '\x7f') {
      this.insert(key)
    }
  }

  /** Ctrl+R mode, as bash's reverse-i-search. Returns the key when it leaves the mode and must still act. */
  private searchKey(key: string): string | undefined {
    const search = this.search!
    if (key === CTRL('r')) {
      this.findOlder(search.query, search.index - 1)
      this.render()
      return undefined
    }
    if ((KEY.backspace as readonly string[]).includes(key)) {
      search.query = search.query.slice(0, -1)
      search.failed = false
      search.index = this.history.length
      if (search.query) this.findOlder(search.query, this.history.length - 1)
      this.render()
      return undefined
    }
    if (key === CTRL('g')) {
      this.search = undefined
      this.set(search.original, search.original.length)
      return undefined
    }
    if (key.length >= 1 && !key.startsWith('\x1b') && key >= ' ' && key !== '\x7f') {
      search.query += key
      this.findOlder(search.query, Math.min(search.index, this.history.length - 1))
      this.render()
      return undefined
    }
    // Any other key takes the line found into the editor; Escape does only that.
    const view = this.view()
    this.search = undefined
    this.text = view.text
    this.cursor = view.cursor
    this.historyIndex = search.index < this.history.length ? search.index : this.history.length
    if (key === '\x1b') {
      this.render()
      return undefined
    }
    return key
  }

  private findOlder(query: string, from: number): void {
    const search = this.search!
    for (let i = from; i >= 0; i--) {
      if (this.history[i].includes(query)) {
        search.index = i
        search.failed = false
        return
      }
    }
    search.failed = true
  }

  private view(): { prompt: string; text: string; cursor: number } {
    const search = this.search
    if (!search) return { prompt: this.promptText(), text: this.text, cursor: this.cursor }
    const text = search.index < this.history.length ? this.history[search.index] : search.original
    const at = search.query ? text.lastIndexOf(search.query) : -1
    const prompt = `(${search.failed ? 'failed ' : ''}reverse-i-search)\`${search.query}': `
    return { prompt, text, cursor: at >= 0 ? at : text.length }
  }

  private set(text: string, cursor: number): void {
    this.text = text
    this.cursor = cursor
    this.render()
  }

  private insert(s: string): void {
    if (!s) return
    this.set(this.text.slice(0, this.cursor) + s + this.text.slice(this.cursor), this.cursor + s.length)
  }

  private recall(index: number): void {
    if (index < 0 || index > this.history.length || index === this.historyIndex) return
    if (this.historyIndex === this.history.length) this.draft = this.text
    this.historyIndex = index
    const text = index === this.history.length ? this.draft : this.history[index]
    this.set(text, text.length)
  }

  /** Redraws the prompt and line, however many rows it wraps over, and puts the cursor in place. */
  private render(): void {
    const { prompt, text, cursor } = this.view()
    const cols = Math.max(1, this.term.cols())
    const width = visibleLength(prompt)
    let out = this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : ''
    out += `\r\x1b[J${prompt}${text}`
    const total = width + text.length
    // A line that fills the last column exactly leaves the cursor waiting to wrap: start the next row.
    if (total > 0 && total % cols === 0) out += '\r\n'
    const endRow = Math.floor(total / cols)
    const target = width + cursor
    const row = Math.floor(target / cols)
    const col = target % cols
    if (endRow > row) out += `\x1b[${endRow - row}A`
    out += '\r' + (col ? `\x1b[${col}C` : '')
    this.cursorRow = row
    this.term.write(out)
  }

  private prompt(): void {
    if (!this.atLineStart) this.term.write('\r\n')
    this.atLineStart = true
    this.cursorRow = 0
    this.render()
  }

  /** Leaves the line as it is on screen and moves below it. */
  private finishLine(): void {
    const { text } = this.view()
    if (this.search) this.search = undefined
    this.text = text
    this.cursor = text.length
    this.render()
    this.term.write('\r\n')
    this.cursorRow = 0
  }

  private resetLine(): void {
    this.text = ''
    this.cursor = 0
    this.draft = ''
    this.historyIndex = this.history.length
  }

  private promptText(): string {
    if (this.heredoc) return CONTINUATION
    const a = this.attached
    if (!a) return PROMPT
    // The images' own prompts: busybox/alpine ash `PS1='\w # '`, debian bash `\u@\h:\w# ` as root.
    return a.info.style === 'ash' ? `${a.cwd} # ` : `root@${a.info.hostname}:${a.cwd}# `
  }

  private async submit(): Promise<void> {
    this.finishLine()
    const line = this.text
    if (this.heredoc) {
      this.resetLine()
      await this.heredocLine(line)
      this.prompt()
      return
    }
    this.remember(line)
    this.resetLine()
    if (this.attached) {
      await this.containerLine(line)
      this.prompt()
      return
    }
    const heredoc = parseHeredoc(line)
    if (heredoc) this.heredoc = { ...heredoc, body: [] }
    else await this.execute(line)
    this.prompt()
  }

  private async heredocLine(line: string): Promise<void> {
    const doc = this.heredoc!
    const text = doc.stripTabs ? line.replace(/^\t+/, '') : line
    if (text !== doc.delimiter) {
      doc.body.push(text)
      return
    }
    this.heredoc = undefined
    await this.execute(doc.command, doc.body.map((l) => `${l}\n`).join(''))
  }

  /** Ctrl+D on an empty line: ends a here-document or leaves the container's shell. */
  private async endOfInput(): Promise<void> {
    if (this.heredoc) {
      const doc = this.heredoc
      this.term.write('\r\n')
      this.output('stderr', `bash: warning: here-document at line ${doc.body.length + 1} delimited by end-of-file (wanted \`${doc.delimiter}')\n`)
      this.heredoc = undefined
      await this.execute(doc.command, doc.body.map((l) => `${l}\n`).join(''))
      this.prompt()
      return
    }
    if (!this.attached) return this.bell()
    // bash says `exit` as it leaves; busybox's ash just ends the line.
    this.term.write(this.attached.info.style === 'bash' ? 'exit\r\n' : '\r\n')
    await this.detach(this.attached.lastCode)
    this.prompt()
  }

  private remember(line: string): void {
    if (!line.trim() || line.startsWith(' ') || this.history.at(-1) === line) return
    this.history.push(line)
    if (this.history.length > HISTORY_SIZE) this.history.splice(0, this.history.length - HISTORY_SIZE)
  }

  private async execute(typed: string, stdin?: string): Promise<void> {
    const redirect = parseRedirect(typed)
    const line = redirect ? redirect.command : typed
    const command = line.trim().split(/\s+/)[0]
    if (!command) return
    if (FILE_BUILTINS.includes(command)) {
      const [name, ...args] = shellWords(line.trim())
      const r = await runBuiltin(name, args, {
        files: this.files,
        examples: () => this.backend.examples?.() ?? Promise.resolve([]),
        readExample: (p) => this.backend.readExample?.(p) ?? Promise.reject(new Error(p)),
        stdin,
        cols: this.term.cols(),
        redirected: redirect !== undefined,
      })
      this.deliver(redirect, r.stdout)
      this.output('stderr', r.stderr)
      return
    }
    if ((command === 'kubectl' || command === 'k') && INTERACTIVE.test(line.trim()) && this.backend.session && !redirect) {
      await this.attach(line.trim())
      return
    }
    if (command === 'clear') {
      // clear(1) also erases the scrollback (E3).
      this.term.write('\x1b[H\x1b[2J\x1b[3J')
      return
    }
    if (command === 'history') {
      this.output('stdout', this.history.map((h, i) => `${String(i + 1).padStart(5)}  ${h}\n`).join(''))
      return
    }
    if (command !== 'kubectl' && command !== 'k') {
      this.output('stderr', `bash: ${command}: command not found\n`)
      return
    }
    let captured = ''
    await this.run(line.trim(), (stream, text) => {
      if (redirect && stream === 'stdout') captured += text
      else this.output(stream, text)
    }, { stdin, files: this.files.snapshot() })
    if (redirect) this.deliver(redirect, captured)
  }

  /** Runs one backend command until it ends or Ctrl+C. */
  private async run(line: string, out: (stream: Stream, text: string) => void, input?: StartInput): Promise<void> {
    let live = true
    const job = this.backend.start(line, (stream, text) => {
      if (live) out(stream, text)
    }, input)
    this.job = { job, silence: () => (live = false) }
    try {
      await job.done
    } catch (e) {
      if (live) this.output('stderr', `${(e as Error).message}\n`)
    } finally {
      this.job = undefined
    }
  }

  /** Standard output to the terminal, or into the file of `> FILE` / `>> FILE`. */
  private deliver(redirect: { file: string; append: boolean } | undefined, text: string): void {
    if (!redirect) return this.output('stdout', text)
    if (/^examples(\/|$)/.test(redirect.file.replace(/^\.\//, ''))) {
      this.output('stderr', `bash: ${redirect.file}: Read-only file system\n`)
      return
    }
    try {
      this.files.write(redirect.file, text, redirect.append)
    } catch (e) {
      this.output('stderr', `bash: ${(e as Error).message}\n`)
    }
  }

  private async attach(line: string): Promise<void> {
    try {
      const reply = await this.backend.session!(line)
      this.output('stdout', reply.stdout)
      this.output('stderr', reply.stderr)
      if (reply.session) this.attached = { info: reply.session, cwd: '/', lastCode: 0 }
    } catch (e) {
      this.output('stderr', `${(e as Error).message}\n`)
    }
  }

  /** One line typed in the container's shell: runs there through kubectl exec, as `sh -c LINE`. */
  private async containerLine(line: string): Promise<void> {
    const a = this.attached!
    const words = shellWords(line.trim())
    if (!words.length) return
    if (words[0] === 'exit') {
      const code = words[1] !== undefined ? Number(words[1]) & 255 : a.lastCode
      return this.detach(Number.isNaN(code) ? 2 : code)
    }
    const at = a.cwd === '/' ? '' : `cd ${quote(a.cwd)} && `
    // Each line is a new `sh -c`: the shell keeps the working directory between them.
    const script = words[0] === 'cd' ? `${at}cd ${words[1] === undefined ? '/root' : quote(words[1])} && pwd` : `${at}${line}`
    let stdout = ''
    a.lastCode = 0
    await this.run(`kubectl exec -n ${quote(a.info.namespace)} ${quote(a.info.pod)} -c ${quote(a.info.container)} -- ${a.info.shell} -c ${quote(script)}`, (stream, text) => {
      if (stream === 'stderr') {
        const m = EXIT_CODE.exec(text)
        if (m) a.lastCode = Number(m[1])
        this.output('stderr', m ? text.slice(0, m.index) : text)
      } else if (words[0] === 'cd') stdout += text
      else this.output('stdout', text)
    })
    if (words[0] === 'cd' && a.lastCode === 0 && stdout.trim()) a.cwd = stdout.trim()
  }

  /** Leaves the container's shell, as kubectl does when the shell exits. */
  private async detach(code: number): Promise<void> {
    const { info } = this.attached!
    this.attached = undefined
    if (info.rm) {
      await this.run(`kubectl delete pod ${quote(info.pod)} -n ${quote(info.namespace)} --wait=false`, (stream, text) => this.output(stream, text))
    } else if (info.byRun) {
      this.output('stdout', `Session ended, resume using 'kubectl attach ${info.pod} -c ${info.container} -i -t' command when the pod is running\n`)
    }
    if (code !== 0 && !info.byRun) this.output('stderr', `command terminated with exit code ${code}\n`)
  }

  /** Prints a command's output: newlines as the terminal wants them, stderr in red. */
  output(stream: Stream, text: string): void {
    if (!text) return
    const body = text.replace(/\r?\n/g, '\r\n')
    this.term.write(stream === 'stderr' ? `${RED}${body}${RESET}` : body)
    this.atLineStart = text.endsWith('\n')
  }

  private async tab(wasTab: boolean): Promise<void> {
    const before = this.text.slice(0, this.cursor)
    let result: { replaceFrom: number; candidates: string[] }
    try {
      result = await this.backend.complete(this.text, this.cursor)
    } catch {
      result = { replaceFrom: this.cursor, candidates: [] }
    }
    const { replaceFrom } = result
    let candidates = result.candidates
    const word = this.text.slice(replaceFrom, this.cursor)
    if (!/\S\s/.test(before)) candidates = [...new Set([...candidates, ...BUILTINS.filter((b) => b.startsWith(word))])].sort()
    if (candidates.length === 0) return this.bell()
    const replace = (s: string) => this.set(this.text.slice(0, replaceFrom) + s + this.text.slice(this.cursor), replaceFrom + s.length)
    if (candidates.length === 1) {
      const only = candidates[0]
      const closed = /[=/]$/.test(only) || this.text[this.cursor] === ' '
      replace(closed ? only : `${only} `)
      return
    }
    const prefix = commonPrefix(candidates)
    if (prefix.length > word.length) return replace(prefix)
    if (!wasTab) return this.bell()
    // The second Tab lists the candidates under the line, then draws the line again.
    const { text, cursor } = this
    this.finishLine()
    this.term.write(formatColumns(candidates, this.term.cols()).replace(/\n/g, '\r\n'))
    this.text = text
    this.cursor = cursor
    this.render()
  }

  private bell(): void {
    this.term.write('\x07')
  }

  /** A paste of several lines runs them one by one; the last (unfinished) line stays to be edited. */
  private async paste(text: string): Promise<void> {
    // oxlint-disable-next-line no-control-regex -- control characters in a paste are dropped, as readline does
    const lines = text.replace(/\t/g, ' ').replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '').split(/\r\n|\r|\n/)
    for (let i = 0; i < lines.length; i++) {
      this.insert(lines[i])
      if (i < lines.length - 1) await this.submit()
    }
  }
}

const quote = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)

const isBlank = (c: string | undefined) => c === ' ' || c === '\t'
const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c)

/** Ctrl+W (unix-word-rubout): back over blanks, then over non-blanks. */
function blankWordStart(text: string, cursor: number): number {
  let i = cursor
  while (i > 0 && isBlank(text[i - 1])) i--
  while (i > 0 && !isBlank(text[i - 1])) i--
  return i
}

/** Alt+B / Ctrl+Left (backward-word): readline's words are letters and digits. */
function wordStart(text: string, cursor: number): number {
  let i = cursor
  while (i > 0 && !isWordChar(text[i - 1])) i--
  while (i > 0 && isWordChar(text[i - 1])) i--
  return i
}

function wordEnd(text: string, cursor: number): number {
  let i = cursor
  while (i < text.length && !isWordChar(text[i])) i++
  while (i < text.length && isWordChar(text[i])) i++
  return i
}
