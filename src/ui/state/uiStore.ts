/**
 * What the learner is doing, apart from the cluster: the open tab, the selection, the editor text
 * (kept here so it survives tab switches and lazy loading), the console history.
 */
import { create } from 'zustand'

export type Tab = 'yaml' | 'terminal' | 'console' | 'events' | 'inspect'

export interface ConsoleEntry {
  id: number
  line: string
  stdout: string
  stderr: string
}

export interface ApplyOutcome {
  ok: boolean
  /** Some objects were written before one failed. */
  partial?: boolean
  text: string
  /** Problems found in the editor (line-numbered) before sending. */
  problems?: string[]
}

/** `kubectl edit` in the terminal: the object open in the YAML tab until Apply or Cancel. */
export interface EditingState {
  ref: { kind: string; namespace?: string; name: string }
  /** `deployment/nginx`, for the banner. */
  label: string
  /** The editor's text before the edit, given back when it ends. */
  previousText: string
}

interface UiState {
  tab: Tab
  /** The terminal loads (xterm.js) when first opened, then stays mounted. */
  terminalOpened: boolean
  editing?: EditingState
  selected?: string
  editorText: string
  applying: boolean
  applyOutcome?: ApplyOutcome
  consoleEntries: ConsoleEntry[]
  consoleHistory: string[]
  /** Width of the side panel set by the learner (px); undefined = the stylesheet's default. */
  sideWidth?: number
  showTab: (tab: Tab) => void
  select: (uid: string | undefined) => void
  editorChanged: (text: string) => void
  applyStarted: () => void
  applyFinished: (outcome: ApplyOutcome) => void
  consoleRan: (entry: Omit<ConsoleEntry, 'id'>) => void
  consoleCleared: () => void
  sideResized: (width: number | undefined) => void
}

export const EDITOR_HINT = `# Paste a manifest here (e.g. a Deployment from the Kubernetes docs)
# and press Apply, or pick one from "Examples…" below.
# Separate several objects with a line: ---
`

let nextEntry = 1

export const useUi = create<UiState>((set) => ({
  tab: 'yaml',
  terminalOpened: false,
  editorText: EDITOR_HINT,
  applying: false,
  consoleEntries: [],
  consoleHistory: [],
  showTab: (tab) => set(tab === 'terminal' ? { tab, terminalOpened: true } : { tab }),
  select: (uid) => set(uid ? { selected: uid, tab: 'inspect' } : { selected: undefined }),
  editorChanged: (editorText) => set({ editorText }),
  applyStarted: () => set({ applying: true }),
  applyFinished: (applyOutcome) => set({ applying: false, applyOutcome }),
  consoleRan: (entry) =>
    set((s) => ({
      consoleEntries: [...s.consoleEntries.slice(-199), { ...entry, id: nextEntry++ }],
      consoleHistory: entry.line && s.consoleHistory.at(-1) !== entry.line ? [...s.consoleHistory, entry.line] : s.consoleHistory,
    })),
  consoleCleared: () => set({ consoleEntries: [] }),
  sideResized: (sideWidth) => set({ sideWidth }),
}))
