import { lazy, Suspense } from 'react'
import { useUi, type Tab } from '../state/uiStore'
import { EditorPanel } from '../editor/EditorPanel'
import { ConsolePanel } from '../console/ConsolePanel'
import { EventsPanel } from '../events/EventsPanel'
import { TerminalPanel } from '../terminal/TerminalPanel'

const InspectorPanel = lazy(() => import('../inspector/InspectorPanel'))

const TABS: { id: Tab; label: string }[] = [
  { id: 'yaml', label: 'YAML' },
  { id: 'terminal', label: 'Terminal' },
  { id: 'console', label: 'Console' },
  { id: 'events', label: 'Events' },
  { id: 'inspect', label: 'Inspector' },
]

/** The learner's tools. Panels stay mounted, so the editor text and console history are never lost. */
export function SidePanel() {
  const tab = useUi((s) => s.tab)
  const showTab = useUi((s) => s.showTab)
  const width = useUi((s) => s.sideWidth)
  const terminalOpened = useUi((s) => s.terminalOpened)
  return (
    <aside className="side" style={width ? { width, maxWidth: 'none' } : undefined}>
      <div className="tabs" role="tablist" aria-label="Tools">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className="tab"
            onClick={() => showTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="panel-yaml" aria-labelledby="tab-yaml" hidden={tab !== 'yaml'} className="panel">
        <EditorPanel />
      </div>
      <div role="tabpanel" id="panel-terminal" aria-labelledby="tab-terminal" hidden={tab !== 'terminal'} className="panel">
        {terminalOpened && <TerminalPanel active={tab === 'terminal'} />}
      </div>
      <div role="tabpanel" id="panel-console" aria-labelledby="tab-console" hidden={tab !== 'console'} className="panel">
        <ConsolePanel active={tab === 'console'} />
      </div>
      <div role="tabpanel" id="panel-events" aria-labelledby="tab-events" hidden={tab !== 'events'} className="panel">
        {tab === 'events' && <EventsPanel />}
      </div>
      <div role="tabpanel" id="panel-inspect" aria-labelledby="tab-inspect" hidden={tab !== 'inspect'} className="panel">
        {tab === 'inspect' && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <InspectorPanel />
          </Suspense>
        )}
      </div>
    </aside>
  )
}
