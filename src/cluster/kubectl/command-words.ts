/** The words of one kubectl command line, for hosts that look at a line before running it. */
import { tokenize } from './tokenize'

/**
 * Splits `kubectl -n x get pods -w` into the command's words (global flags kept), or undefined
 * when the line is not that command.
 */
export function commandWords(line: string, command: string): string[] | undefined {
  let words: string[]
  try {
    words = tokenize(line)
  } catch {
    return undefined
  }
  if (words[0] === 'kubectl' || words[0] === 'k') words = words.slice(1)
  const lead: string[] = []
  while (words.length && words[0].startsWith('-')) {
    const w = words.shift()!
    lead.push(w)
    if ((w === '-n' || w === '--namespace' || w === '--context') && words.length) lead.push(words.shift()!)
  }
  if (words[0] !== command) return undefined
  return [...lead, ...words.slice(1)]
}
