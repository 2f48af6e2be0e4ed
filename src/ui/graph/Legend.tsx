import { Panel } from '@xyflow/react'
import { TONE_ICON, type PodTone } from '../model/podStatus'

const ENTRIES: { tone: PodTone; label: string }[] = [
  { tone: 'pending', label: 'Pending' },
  { tone: 'creating', label: 'Starting' },
  { tone: 'running', label: 'Running' },
  { tone: 'terminating', label: 'Terminating' },
  { tone: 'failed', label: 'Failing' },
  { tone: 'succeeded', label: 'Completed' },
]

/** Screen height the legend takes at the bottom of the canvas. */
export const LEGEND_H = 44

/** What a pod chip's icon, border and colour mean: each status has its own icon, not just a colour. */
export function Legend() {
  return (
    <Panel position="bottom-right" className="legend" aria-label="Pod status legend">
      {ENTRIES.map((e) => (
        <span key={e.tone} className="legend-item">
          <span className={`chip chip-swatch tone-${e.tone}`} aria-hidden>
            <span className="chip-icon">{TONE_ICON[e.tone]}</span>
          </span>
          {e.label}
        </span>
      ))}
    </Panel>
  )
}
