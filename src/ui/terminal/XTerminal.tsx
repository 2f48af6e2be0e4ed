/**
 * The terminal (lazy chunk): xterm.js draws it, the Shell edits lines and runs kubectl in the
 * worker. History and scrollback live as long as the page.
 */
import { useEffect, useRef } from 'react'
import { Terminal } from '@xterm/xterm'
import { FitAddon } from '@xterm/addon-fit'
// oxlint-disable-next-line import/no-unassigned-import -- xterm's stylesheet
import '@xterm/xterm/css/xterm.css'
import { Shell } from './shell'
import { workerBackend } from './backend'
import { FileStore } from './files'

// The app's palette (base.css): slate background, indigo cursor, readable ANSI colours.
const THEME = {
  background: '#0f172a',
  foreground: '#e2e8f0',
  cursor: '#a5b4fc',
  cursorAccent: '#0f172a',
  selectionBackground: '#475569',
  black: '#1e293b',
  red: '#f87171',
  green: '#4ade80',
  yellow: '#facc15',
  blue: '#60a5fa',
  magenta: '#c084fc',
  cyan: '#22d3ee',
  white: '#e2e8f0',
  brightBlack: '#94a3b8',
  brightRed: '#fca5a5',
  brightGreen: '#86efac',
  brightYellow: '#fde68a',
  brightBlue: '#93c5fd',
  brightMagenta: '#d8b4fe',
  brightCyan: '#67e8f9',
  brightWhite: '#f8fafc',
}

const FONT = "ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, monospace"
const GREETING = '\x1b[2mType kubectl (or k). Tab completes, Ctrl+R searches history.\x1b[0m\r\n'

/** Kept across remounts: bash keeps its history for the session. */
const history: string[] = []
const FILES_KEY = 'terrarium.terminal.files'
/** The terminal's files survive a reload (localStorage; blocked storage keeps them for the page). */
const files = new FileStore({
  load: () => localStorage.getItem(FILES_KEY),
  save: (text) => localStorage.setItem(FILES_KEY, text),
})

export default function XTerminal({ active }: { active: boolean }) {
  const box = useRef<HTMLDivElement>(null)
  const terminal = useRef<{ term: Terminal; fit: () => void }>(undefined)

  useEffect(() => {
    const element = box.current!
    const term = new Terminal({
      fontFamily: FONT,
      fontSize: 12,
      lineHeight: 1.2,
      theme: THEME,
      cursorBlink: true,
      scrollback: 5000,
      allowProposedApi: false,
    })
    const fitAddon = new FitAddon()
    term.loadAddon(fitAddon)
    term.open(element)
    const fit = () => {
      // A hidden tab has no size; fitting it would give the terminal 0 columns.
      if (element.offsetWidth > 0 && element.offsetHeight > 0) fitAddon.fit()
    }
    fit()
    terminal.current = { term, fit }
    const shell = new Shell({ write: (s) => term.write(s), cols: () => term.cols }, workerBackend, history, files)
    // Bracketed paste (DECSET 2004): a paste of several lines arrives as one piece, as in bash.
    term.write('\x1b[?2004h' + GREETING)
    shell.start()
    const data = term.onData((d) => void shell.input(d))
    term.attachCustomKeyEventHandler((e) => {
      if (e.type !== 'keydown') return true
      const key = e.key.toLowerCase()
      // Copy and paste go to the browser (xterm answers the copy and paste events): Ctrl+Shift+C/V,
      // Ctrl+C with a selection, Ctrl+V.
      if (e.ctrlKey && e.shiftKey && (key === 'c' || key === 'v')) return false
      if (e.ctrlKey && !e.shiftKey && key === 'c' && term.hasSelection()) return false
      if (e.ctrlKey && !e.shiftKey && key === 'v') return false
      return true
    })
    const observer = new ResizeObserver(() => fit())
    observer.observe(element)
    const hook = window as unknown as { terrariumTerminal?: { text(): string } }
    // Test hook (like window.monaco): the terminal's whole buffer as text, wrapped rows joined.
    hook.terrariumTerminal = { text: () => bufferText(term) }
    return () => {
      observer.disconnect()
      data.dispose()
      term.dispose()
      terminal.current = undefined
      delete hook.terrariumTerminal
    }
  }, [])

  useEffect(() => {
    if (!active || !terminal.current) return
    terminal.current.fit()
    terminal.current.term.focus()
  }, [active])

  return <div ref={box} className="xterm-box" aria-label="kubectl terminal" />
}

function bufferText(term: Terminal): string {
  const buffer = term.buffer.active
  const lines: string[] = []
  for (let i = 0; i < buffer.length; i++) {
    const line = buffer.getLine(i)
    if (!line) continue
    const text = line.translateToString(true)
    if (line.isWrapped && lines.length) lines[lines.length - 1] += text
    else lines.push(text)
  }
  return lines.join('\n').replace(/\n+$/, '')
}
