/**
 * What the shell reads from a command line before running it: a here-document (`<<EOF`,
 * `<<'EOF'`, `<<-EOF`) and an output redirection at the end (`> FILE`, `>> FILE`).
 */

export interface Heredoc {
  /** The line without the `<<WORD` operator. */
  command: string
  delimiter: string
  /** `<<-`: leading tabs are stripped from the body and the delimiter line. */
  stripTabs: boolean
}

// Outside quotes only: the operator, optional `-`, the word (quoted or not).
const HEREDOC = /<<(-?)[ \t]*(?:'([^']+)'|"([^"]+)"|\\?([A-Za-z_][\w.-]*))/

/** Blanks out quoted text (but a here-document's quoted word) so that operators inside quotes are not seen. */
function unquoted(line: string): string {
  return line.replace(/(?<!<<-?[ \t]*)(?:'[^']*'|"(?:[^"\\]|\\.)*")/g, (m) => ' '.repeat(m.length))
}

export function parseHeredoc(line: string): Heredoc | undefined {
  const m = HEREDOC.exec(unquoted(line))
  if (!m || line.slice(m.index, m.index + 3) === '<<<') return undefined
  const raw = line.slice(m.index, m.index + m[0].length)
  const word = /^<<-?[ \t]*(?:'([^']+)'|"([^"]+)"|\\?(.+))$/.exec(raw)!
  const command = (line.slice(0, m.index) + line.slice(m.index + m[0].length)).replace(/\s+$/, '').replace(/ {2,}/g, ' ')
  return { command, delimiter: word[1] ?? word[2] ?? word[3], stripTabs: m[1] === '-' }
}

export interface Redirect {
  command: string
  file: string
  append: boolean
}

export function parseRedirect(line: string): Redirect | undefined {
  const m = /(?:^|\s)(>>?)[ \t]*([^\s<>|&;]+)[ \t]*$/.exec(unquoted(line))
  if (!m) return undefined
  const start = m.index + m[0].indexOf('>')
  const file = line.slice(line.length - m[0].length + m[0].indexOf(m[2], m[0].indexOf('>') + m[1].length)).trim()
  return { command: line.slice(0, start).trim(), file: file.replace(/^['"]|['"]$/g, ''), append: m[1] === '>>' }
}
