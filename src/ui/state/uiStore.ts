/**
 * What the learner is doing, apart from the cluster: the open tab, the selection, the editor text
 * (kept here so it survives tab switches and lazy loading), the console history.
 */
import { create } from 'zustand'

export type Tab = 'yaml' | 'console' | 'events' | 'inspect'

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

interface UiState {
  tab: Tab
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
  editorText: EDITOR_HINT,
  applying: false,
  consoleEntries: [],
  consoleHistory: [],
  showTab: (tab) => set({ tab }),
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
