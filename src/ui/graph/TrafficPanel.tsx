import { useState } from 'react'
import { Panel } from '@xyflow/react'
import { send } from '../bridge/worker-client'
import { explainFailure, useTraffic } from '../state/trafficStore'

/** The running traffic generators, over the graph (bottom left, above the legend's row): what each sends, how much came back, and Stop. */
export function TrafficPanel() {
  const generators = useTraffic((s) => s.generators)
  const lastFailure = useTraffic((s) => s.failures.at(-1))
  const [error, setError] = useState<string>()
  if (!generators.length) return null
  return (
    <Panel position="bottom-left" className="traffic-panel">
      <section aria-label="Traffic">
        <h2>Traffic</h2>
        <ul>
          {generators.map((g) => (
            <li key={g.name} aria-label={`Traffic ${g.name}`}>
              <div className="traffic-url mono" title={g.url}>
                {g.url}
              </div>
              <div className="traffic-counts">
                <span>{g.rps}/s</span>
                <span className="traffic-ok" aria-label={`${g.ok} answered`}>
                  <span aria-hidden>✓</span> {g.ok}
                </span>
                <span className="traffic-failed" aria-label={`${g.failed} failed`}>
                  <span aria-hidden>✕</span> {g.failed}
                </span>
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Stop traffic ${g.name}`}
                  onClick={() => send({ type: 'traffic', action: 'stop', name: g.name }).catch((e: Error) => setError(e.message))}
                >
                  Stop
                </button>
              </div>
            </li>
          ))}
        </ul>
        {lastFailure && (
          <p className="traffic-why" title={lastFailure.url}>
            Last failure{lastFailure.pod ? ` (${lastFailure.pod.split('/')[1]})` : ''}: {explainFailure(lastFailure)}
          </p>
        )}
        {error && <p className="inline-error" role="alert">{error}</p>}
      </section>
    </Panel>
  )
}
