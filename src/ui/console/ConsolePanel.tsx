/**
 * A small kubectl console: one input line, history on the arrow keys, monospace output.
 * Lines start with `kubectl` or its common alias `k`.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { send } from '../bridge/worker-client'
import { useUi } from '../state/uiStore'
import { ConsoleOutput } from './ConsoleOutput'

export function ConsolePanel({ active }: { active: boolean }) {
  const [line, setLine] = useState('')
  const [cursor, setCursor] = useState<number>()
  const [busy, setBusy] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const history = useUi((s) => s.consoleHistory)

  useEffect(() => {
    if (active) input.current?.focus()
  }, [active])

  const run = async (raw: string) => {
    const text = raw.trim()
    const ui = useUi.getState()
    setLine('')
    setCursor(undefined)
    if (!text) return
    if (text === 'clear') return ui.consoleCleared()
    if (!/^(kubectl|k)(\s|$)/.test(text)) {
      ui.consoleRan({ line: text, stdout: '', stderr: `This console runs kubectl only: try "kubectl get pods" (or "k get pods").` })
      return
    }
    setBusy(true)
    try {
      const r = await send({ type: 'kubectl', line: text.replace(/^(kubectl|k)\s*/, '') })
      if (r.kind === 'kubectl') ui.consoleRan({ line: text, stdout: r.result.stdout, stderr: r.result.stderr })
      else if (r.kind === 'ok') ui.consoleRan({ line: text, stdout: r.message, stderr: '' })
    } catch (e) {
      ui.consoleRan({ line: text, stdout: '', stderr: (e as Error).message })
    } finally {
      setBusy(false)
      input.current?.focus()
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault()
      void run(line)
    } else if (e.key === 'ArrowUp' && history.length) {
      e.preventDefault()
      const i = cursor === undefined ? history.length - 1 : Math.max(0, cursor - 1)
      setCursor(i)
      setLine(history[i])
    } else if (e.key === 'ArrowDown' && cursor !== undefined) {
      e.preventDefault()
      const i = cursor + 1
      if (i >= history.length) {
        setCursor(undefined)
        setLine('')
      } else {
        setCursor(i)
        setLine(history[i])
      }
    }
  }

  return (
    <div className="console nokey" onClick={() => input.current?.focus()}>
      <ConsoleOutput />
      <div className="console-input">
        <span className="prompt" aria-hidden>
          $
        </span>
        <input
          ref={input}
          aria-label="kubectl command"
          placeholder="kubectl get pods"
          value={line}
          spellCheck={false}
          autoComplete="off"
          disabled={busy}
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
    </div>
  )
}
