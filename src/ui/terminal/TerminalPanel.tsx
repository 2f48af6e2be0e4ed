/** The Terminal tab: xterm.js (a lazy chunk) is fetched the first time the tab opens. */
import { lazy, Suspense } from 'react'

const XTerminal = lazy(() => import('./XTerminal'))

export function TerminalPanel({ active }: { active: boolean }) {
  // `nokey`: React Flow must not take Space, Backspace or Delete from the terminal.
  return (
    <div className="terminal-panel nokey nowheel">
      <Suspense fallback={<p className="muted terminal-loading">Loading the terminal…</p>}>
        <XTerminal active={active} />
      </Suspense>
    </div>
  )
}
