import { useEffect, useRef } from 'react'
import { useUi } from '../state/uiStore'

export function ConsoleOutput() {
  const entries = useUi((s) => s.consoleEntries)
  const end = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // A block body: newer Chromium returns a Promise from scrollIntoView, which must not become the cleanup.
    end.current?.scrollIntoView({ block: 'end' })
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- scroll on every new entry
  }, [entries])
  return (
    <div className="console-output" role="log" aria-label="Console output" aria-live="polite">
      {entries.length === 0 && (
        <p className="console-hint">
          Try <code>kubectl get nodes</code>, <code>kubectl get pods -o wide</code> or <code>kubectl describe deployment</code>.
        </p>
      )}
      {entries.map((e) => (
        <div key={e.id} className="console-entry">
          <div className="console-line">
            <span className="prompt">$</span> {e.line}
          </div>
          {e.stdout && <pre className="console-stdout">{e.stdout.replace(/\n$/, '')}</pre>}
          {e.stderr && <pre className="console-stderr">{e.stderr.replace(/\n$/, '')}</pre>}
        </div>
      ))}
      <div ref={end} />
    </div>
  )
}
