/**
 * The YAML tab: the editor (Monaco, loaded on first use), the Apply button, and the outcome of the
 * last apply. kubectl parses the whole text before it writes anything, so a typo changes nothing.
 */
import { lazy, Suspense, useCallback, useState } from 'react'
import { send } from '../bridge/worker-client'
import { useUi } from '../state/uiStore'
import { useCluster } from '../state/clusterStore'
import { ApplyOutcomeView } from './ApplyOutcome'
import { ExamplePicker } from './ExamplePicker'
import { EditorPlaceholder } from './EditorPlaceholder'
import type { Problem } from './YamlEditor'
import { cancelEdit, saveEdit } from '../terminal/editSession'

const YamlEditor = lazy(() => import('./YamlEditor'))

export function EditorPanel() {
  const applying = useUi((s) => s.applying)
  // Monaco (~1 MB) is fetched only once the cluster is on screen, so it never delays the first picture.
  const connected = useCluster((s) => s.connected)
  const [problems, setProblems] = useState<Problem[]>([])
  const editing = useUi((s) => s.editing)

  const apply = useCallback(async () => {
    const ui = useUi.getState()
    if (ui.applying) return
    // `kubectl edit` from the terminal: Apply saves the object being edited.
    if (ui.editing) return saveEdit()
    // kubectl (in the worker) is the judge; the editor's own findings are shown beside its verdict.
    const problemLines = problems.map((p) => `Line ${p.line}: ${p.message}`)
    ui.applyStarted()
    try {
      const result = await send({ type: 'apply', text: ui.editorText })
      if (result.kind === 'kubectl') {
        const { stdout, stderr, exitCode } = result.result
        const ok = exitCode === 0
        const text = [stdout.trim(), stderr.trim()].filter(Boolean).join('\n') || (ok ? 'Applied.' : `kubectl exited with ${exitCode}`)
        ui.applyFinished({ ok, partial: !ok && stdout.trim() !== '', text, problems: ok ? undefined : problemLines })
      } else {
        ui.applyFinished({ ok: true, text: result.kind === 'ok' ? result.message : 'Applied.' })
      }
    } catch (e) {
      ui.applyFinished({ ok: false, text: (e as Error).message })
    }
  }, [problems])

  return (
    <div className="editor-panel">
      {editing && (
        <div className="edit-banner" role="note" aria-label="kubectl edit">
          <span>
            Editing <strong>{editing.label}</strong> — Apply saves it, as kubectl edit does
          </span>
          <button type="button" className="btn" onClick={cancelEdit}>
            Cancel
          </button>
        </div>
      )}
      <div className="editor-frame nokey nowheel">
        {connected ? (
          <Suspense fallback={<EditorPlaceholder />}>
            <YamlEditor onProblems={setProblems} onApply={() => void apply()} />
          </Suspense>
        ) : (
          <EditorPlaceholder />
        )}
      </div>
      <div className="editor-bar">
        <button type="button" className="btn btn-primary" onClick={() => void apply()} disabled={applying}>
          {applying ? 'Applying…' : 'Apply'}
        </button>
        <span className="muted small" title="Apply runs kubectl apply -f - with the editor's text">Ctrl+Enter</span>
        {problems.length > 0 && (
          <span className="badge badge-warn">
            <span aria-hidden>⚠</span> {problems.length} YAML problem{problems.length === 1 ? '' : 's'}
          </span>
        )}
        <span className="spacer" />
        <ExamplePicker />
      </div>
      <ApplyOutcomeView />
    </div>
  )
}
