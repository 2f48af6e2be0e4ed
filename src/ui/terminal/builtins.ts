/**
 * The few shell commands the terminal has besides kubectl, on its own files (files.ts) and the
 * docs' examples under `examples/` (read-only): cat, ls, rm, mkdir, echo, pwd — with GNU coreutils'
 * error texts. Output redirection (`> FILE`, `>> FILE`) is the shell's (shell.ts), not theirs.
 */
import { formatColumns } from './columns'
import { FileError, normalize, type FileStore } from './files'

export const EXAMPLES = 'examples'

export interface BuiltinIo {
  files: FileStore
  /** The docs' example files (`pods/simple-pod.yaml`, …), or none when they cannot be listed. */
  examples(): Promise<string[]>
  readExample(path: string): Promise<string>
  stdin?: string
  cols: number
  /** Output goes to a file: ls prints one name a line, as it does into a pipe. */
  redirected: boolean
}

export interface BuiltinResult {
  stdout: string
  stderr: string
  code: number
}

export const FILE_BUILTINS = ['cat', 'ls', 'rm', 'mkdir', 'echo', 'pwd']

const inExamples = (p: string) => p === EXAMPLES || p.startsWith(`${EXAMPLES}/`)

/** Splits a shell line into words: quotes and backslashes as sh reads them, no expansions. */
export function shellWords(line: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === "'") {
      const end = line.indexOf("'", i + 1)
      word += line.slice(i + 1, end < 0 ? line.length : end)
      i = end < 0 ? line.length : end
      inWord = true
    } else if (c === '"') {
      i++
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) i++
        word += line[i++]
      }
      inWord = true
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i]
      inWord = true
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += c
      inWord = true
    }
  }
  if (inWord) words.push(word)
  return words
}

async function exampleEntries(io: BuiltinIo, dir: string): Promise<string[] | undefined> {
  const prefix = dir === EXAMPLES ? '' : `${dir.slice(EXAMPLES.length + 1)}/`
  const out = new Set<string>()
  let found = false
  for (const path of await io.examples()) {
    if (!path.startsWith(prefix)) continue
    found = true
    const rest = path.slice(prefix.length)
    out.add(rest.includes('/') ? rest.slice(0, rest.indexOf('/') + 1) : rest)
  }
  return found || dir === EXAMPLES ? [...out].sort() : undefined
}

export async function runBuiltin(name: string, args: string[], io: BuiltinIo): Promise<BuiltinResult> {
  let stdout = ''
  let stderr = ''
  let code = 0
  const fail = (text: string) => {
    stderr += `${name}: ${text}\n`
    code = 1
  }
  const options = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('')
  const operands = args.filter((a) => !/^-[a-zA-Z]+$/.test(a))
  switch (name) {
    case 'pwd':
      return { stdout: '/root\n', stderr, code }
    case 'echo': {
      const n = args[0] === '-n'
      const text = (n ? args.slice(1) : args).join(' ')
      return { stdout: n ? text : `${text}\n`, stderr, code }
    }
    case 'cat':
      if (!operands.length) return { stdout: io.stdin ?? '', stderr, code }
      for (const f of operands) {
        const p = normalize(f)
        try {
          if (inExamples(p)) {
            if ((await exampleEntries(io, p)) !== undefined) fail(`${f}: Is a directory`)
            else stdout += await io.readExample(p.slice(EXAMPLES.length + 1))
          } else stdout += io.files.read(p)
        } catch (e) {
          fail(e instanceof FileError ? e.message : `${f}: No such file or directory`)
        }
      }
      return { stdout, stderr, code }
    case 'ls': {
      const oneLine = options.includes('1') || io.redirected
      const targets = operands.length ? operands : ['.']
      const blocks: string[] = []
      for (const t of targets) {
        const p = normalize(t)
        let names: string[] | undefined
        if (inExamples(p)) names = await exampleEntries(io, p)
        else if (io.files.isDir(p)) names = [...io.files.list(p), ...(p === '' ? [`${EXAMPLES}/`] : [])].sort()
        if (names === undefined) {
          if (io.files.isFile(p) || (inExamples(p) && (await io.examples()).includes(p.slice(EXAMPLES.length + 1)))) blocks.push(`${t}\n`)
          else {
            stderr += `ls: cannot access '${t}': No such file or directory\n`
            code = 2
          }
          continue
        }
        const shown = names.map((n) => n.replace(/\/$/, ''))
        const body = oneLine ? shown.map((n) => `${n}\n`).join('') : shown.length ? formatColumns(shown, io.cols) : ''
        blocks.push(targets.length > 1 ? `${t}:\n${body}` : body)
      }
      return { stdout: blocks.join('\n'), stderr, code }
    }
    case 'rm':
      if (!operands.length) {
        fail('missing operand')
        stderr += "Try 'rm --help' for more information.\n"
        return { stdout, stderr, code }
      }
      for (const f of operands) {
        const p = normalize(f)
        if (inExamples(p)) {
          fail(`cannot remove '${f}': Read-only file system`)
          continue
        }
        try {
          io.files.remove(p, /[rR]/.test(options))
        } catch (e) {
          if (!(options.includes('f') && /No such file/.test((e as Error).message))) fail((e as Error).message)
        }
      }
      return { stdout, stderr, code }
    case 'mkdir':
      if (!operands.length) {
        fail('missing operand')
        stderr += "Try 'mkdir --help' for more information.\n"
        return { stdout, stderr, code }
      }
      for (const d of operands) {
        if (inExamples(normalize(d))) {
          fail(`cannot create directory '${d}': Read-only file system`)
          continue
        }
        try {
          io.files.mkdir(d, options.includes('p'))
        } catch (e) {
          fail((e as Error).message)
        }
      }
      return { stdout, stderr, code }
  }
  return { stdout, stderr: `bash: ${name}: command not found\n`, code: 127 }
}
