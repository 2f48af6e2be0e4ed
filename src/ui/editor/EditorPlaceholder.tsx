import { useUi } from '../state/uiStore'

/** Shown while Monaco (about 1 MB) loads: the text the editor will hold, so the first screen is never blank. */
export function EditorPlaceholder() {
  const text = useUi((s) => s.editorText)
  return (
    <div className="editor-placeholder">
      <pre>{text}</pre>
      <p className="muted small" role="status">
        Loading the editor…
      </p>
    </div>
  )
}
