/** The Monaco YAML editor (lazy chunk). Its text lives in the UI store, so it is never lost. */
import { Editor, type OnMount } from '@monaco-editor/react'
import { useEffect, useRef } from 'react'
import { monaco } from './monaco-setup'
import { useUi } from '../state/uiStore'
import { EditorPlaceholder } from './EditorPlaceholder'

export interface Problem {
  line: number
  message: string
}

interface Props {
  onProblems: (problems: Problem[]) => void
  onApply: () => void
}

export default function YamlEditor({ onProblems, onApply }: Props) {
  const text = useUi((s) => s.editorText)
  const editorChanged = useUi((s) => s.editorChanged)
  const applyRef = useRef(onApply)
  useEffect(() => {
    applyRef.current = onApply
  })

  const onMount: OnMount = (editor) => {
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => applyRef.current())
    const model = editor.getModel()
    if (model) onProblems(problemsOf(monaco.editor.getModelMarkers({ resource: model.uri })))
  }

  return (
    <Editor
      height="100%"
      language="yaml"
      path="manifest.yaml"
      theme="vs"
      value={text}
      onChange={(v) => editorChanged(v ?? '')}
      onValidate={(markers) => onProblems(problemsOf(markers))}
      onMount={onMount}
      loading={<EditorPlaceholder />}
      options={{
        minimap: { enabled: false },
        fontSize: 13,
        lineNumbersMinChars: 3,
        scrollBeyondLastLine: false,
        tabSize: 2,
        automaticLayout: true,
        renderWhitespace: 'none',
        wordWrap: 'on',
        ariaLabel: 'YAML manifest editor',
      }}
    />
  )
}

function problemsOf(markers: { severity: number; startLineNumber: number; message: string }[]): Problem[] {
  return markers
    .filter((m) => m.severity >= monaco.MarkerSeverity.Error)
    .map((m) => ({ line: m.startLineNumber, message: m.message }))
}
