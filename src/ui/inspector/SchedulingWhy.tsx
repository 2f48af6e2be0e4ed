import { useEffect, useState } from 'react'
import { send } from '../bridge/worker-client'
import type { SchedulingExplanation } from '../../protocol/messages'

const SHOWN_SCORES = 4

/**
 * The scheduler's own account of its last attempt for a pod: which nodes a Filter plugin rejected
 * and why, and how the feasible ones scored. Asked for again whenever the pod changes.
 */
export function SchedulingWhy({ podUid, version }: { podUid: string; version?: string }) {
  const [decision, setDecision] = useState<SchedulingExplanation>()
  useEffect(() => {
    let live = true
    send({ type: 'explain', podUid })
      .then((r) => live && setDecision(r.kind === 'explain' ? r.decision : undefined))
      .catch(() => live && setDecision(undefined))
    return () => {
      live = false
    }
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- `version` changes when the pod does: ask again
  }, [podUid, version])
  if (!decision) return null
  const { node, filtered, filteredCount, scores, evaluatedNodes, feasibleNodes } = decision
  return (
    <section className="why" aria-label="Scheduling decision">
      <h3>Scheduler's decision</h3>
      <p>
        {node ? (
          <>
            Chose <strong>{node}</strong>: {feasibleNodes} of {evaluatedNodes} nodes passed every filter
            {scores.length > 1 ? ', and it scored highest.' : feasibleNodes === 1 ? ', so no scoring was needed.' : '.'}
          </>
        ) : (
          <>No node passed every filter ({evaluatedNodes} looked at), so the pod stays Pending and the scheduler retries when the cluster changes.</>
        )}
      </p>
      {filtered.length > 0 && (
        <ul className="why-filtered">
          {filtered.map((f) => (
            <li key={f.node}>
              <span aria-hidden>✕</span> <strong>{f.node}</strong> <span className="muted">{f.plugin}:</span> {f.reason}
            </li>
          ))}
          {filteredCount > filtered.length && <li className="muted">…and {filteredCount - filtered.length} more</li>}
        </ul>
      )}
      {scores.length > 1 && (
        <table className="why-scores">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {scores.slice(0, SHOWN_SCORES).map((s) => (
              <tr key={s.node} className={s.node === node ? 'is-chosen' : undefined}>
                <td>
                  {s.node === node && <span aria-label="chosen">✓ </span>}
                  {s.node}
                </td>
                <td className="mono" title={Object.entries(s.byPlugin).map(([p, v]) => `${p}: ${v}`).join('\n')}>
                  {s.total}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
