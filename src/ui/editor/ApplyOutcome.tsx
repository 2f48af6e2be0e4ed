import { useUi } from '../state/uiStore'

/** What the last Apply did, or why it failed, in words a learner can act on. */
export function ApplyOutcomeView() {
  const outcome = useUi((s) => s.applyOutcome)
  if (!outcome) return null
  return (
    <div className={`alert ${outcome.ok ? 'alert-ok' : 'alert-error'}`} role={outcome.ok ? 'status' : 'alert'}>
      <strong>{outcome.ok ? 'Applied' : outcome.partial ? 'Partly applied: fix the error below and apply again' : 'Not applied: nothing in the cluster changed'}</strong>
      <pre>{outcome.text}</pre>
      {outcome.problems?.length ? (
        <>
          <div className="alert-sub">The editor also marks:</div>
          <ul>
            {outcome.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  )
}
