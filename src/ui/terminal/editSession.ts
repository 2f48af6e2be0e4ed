/**
 * `kubectl edit` from the terminal: the object's YAML opens in the YAML tab (the "editor"), the
 * terminal waits as kubectl waits for its editor, and Apply saves the buffer (kubectl's applyEdit
 * in the worker) or Cancel closes it. An invalid save reopens the buffer with the errors, as kubectl does.
 */
import type { EditRequest } from '../../protocol/messages'
import { send } from '../bridge/worker-client'
import { useUi } from '../state/uiStore'

export interface EditOutcome {
  stdout: string
  stderr: string
}

let finish: ((outcome: EditOutcome) => void) | undefined

const CANCELLED: EditOutcome = { stdout: '', stderr: 'Edit cancelled, no changes made.\n' }

/** Opens the object in the editor; settles with what kubectl prints once the edit ends. */
export function beginEdit(request: EditRequest): Promise<EditOutcome> {
  if (finish) cancelEdit()
  const ui = useUi.getState()
  useUi.setState({
    editing: {
      ref: { kind: request.kind, namespace: request.namespace, name: request.name },
      label: `${request.kind.toLowerCase()}/${request.name}`,
      previousText: ui.editing?.previousText ?? ui.editorText,
    },
    editorText: request.yaml,
    applyOutcome: undefined,
    tab: 'yaml',
  })
  return new Promise((resolve) => (finish = resolve))
}

/** Apply while editing: saves the buffer as kubectl does when the editor exits. */
export async function saveEdit(): Promise<void> {
  const { editing, editorText, applying } = useUi.getState()
  if (!editing || applying) return
  useUi.getState().applyStarted()
  try {
    const reply = await send({ type: 'editSave', ref: editing.ref, text: editorText })
    if (reply.kind !== 'kubectl') throw new Error('unexpected reply to an edit')
    const { stdout, stderr, edit } = reply.result
    if (edit) {
      // kubectl reopens the editor with the failures as comments at the top.
      useUi.setState({ editorText: edit.yaml })
      useUi.getState().applyFinished({ ok: false, text: stderr.trim() })
      return
    }
    useUi.getState().applyFinished({ ok: !reply.result.exitCode, text: [stdout.trim(), stderr.trim()].filter(Boolean).join('\n') })
    endEdit({ stdout, stderr })
  } catch (e) {
    useUi.getState().applyFinished({ ok: false, text: (e as Error).message })
  }
}

/** Cancel (or Ctrl+C in the terminal): nothing is written. */
export function cancelEdit(): void {
  endEdit(CANCELLED)
}

export const editing = (): boolean => finish !== undefined

function endEdit(outcome: EditOutcome): void {
  const state = useUi.getState().editing
  const done = finish
  finish = undefined
  if (state) useUi.setState({ editing: undefined, editorText: state.previousText, applyOutcome: undefined, tab: 'terminal' })
  done?.(outcome)
}
