/**
 * Splits a command line into words as a POSIX shell does for the parts kubectl lines use:
 * single quotes (literal), double quotes (with \" \\ \$ escapes), backslash escapes, whitespace.
 */
export function tokenize(line: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let i = 0
  while (i < line.length) {
    const ch = line[i]
    if (ch === "'") {
      const end = line.indexOf("'", i + 1)
      if (end < 0) throw new Error('unterminated quoted string')
      word += line.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (ch === '"') {
      i++
      for (;;) {
        if (i >= line.length) throw new Error('unterminated quoted string')
        const c = line[i]
        if (c === '"') { i++; break }
        if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
          word += line[i + 1]
          i += 2
        } else {
          word += c
          i++
        }
      }
      inWord = true
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[i + 1]
      inWord = true
      i += 2
    } else if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      i++
    } else if (ch === '#' && !inWord) {
      break // a comment runs to the end of the line
    } else {
      word += ch
      inWord = true
      i++
    }
  }
  if (inWord) words.push(word)
  return words
}
