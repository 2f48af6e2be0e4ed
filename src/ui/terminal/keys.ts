/**
 * Splits what the terminal sends (xterm's onData) into keys: one escape sequence, one control
 * character, or one printable character each. A bracketed paste (`ESC[200~ … ESC[201~`) is one
 * `{ paste }` so that its tabs and newlines are text, not Tab and Enter.
 */
export type Key = string | { paste: string }

const PASTE_START = '\x1b[200~'
const PASTE_END = '\x1b[201~'
// CSI (ESC [ params final), SS3 (ESC O x), or ESC followed by one character (Alt+key).
// oxlint-disable-next-line no-control-regex -- matching terminal escape sequences is the point
const ESCAPE = /^\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)?/s

export function splitKeys(data: string): Key[] {
  const keys: Key[] = []
  let i = 0
  while (i < data.length) {
    if (data.startsWith(PASTE_START, i)) {
      const end = data.indexOf(PASTE_END, i + PASTE_START.length)
      const stop = end < 0 ? data.length : end
      keys.push({ paste: data.slice(i + PASTE_START.length, stop) })
      i = end < 0 ? data.length : end + PASTE_END.length
      continue
    }
    if (data[i] === '\x1b') {
      const m = ESCAPE.exec(data.slice(i))!
      keys.push(m[0])
      i += m[0].length
      continue
    }
    const cp = data.codePointAt(i)!
    const ch = String.fromCodePoint(cp)
    keys.push(ch)
    i += ch.length
  }
  return keys
}

/** Named keys, as xterm.js encodes them (normal and application cursor modes). */
export const KEY = {
  enter: ['\r', '\n'],
  backspace: ['\x7f', '\b'],
  delete: ['\x1b[3~'],
  left: ['\x1b[D', '\x1bOD'],
  right: ['\x1b[C', '\x1bOC'],
  up: ['\x1b[A', '\x1bOA'],
  down: ['\x1b[B', '\x1bOB'],
  home: ['\x1b[H', '\x1bOH', '\x1b[1~', '\x1b[7~'],
  end: ['\x1b[F', '\x1bOF', '\x1b[4~', '\x1b[8~'],
  wordLeft: ['\x1b[1;5D', '\x1b[1;3D', '\x1bb'],
  wordRight: ['\x1b[1;5C', '\x1b[1;3C', '\x1bf'],
} as const

export const CTRL = (letter: string): string => String.fromCharCode(letter.toUpperCase().charCodeAt(0) - 64)
