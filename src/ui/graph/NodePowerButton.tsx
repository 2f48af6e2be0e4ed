import { useState } from 'react'
import { send } from '../bridge/worker-client'
import { PowerIcon } from '../app/icons'

/**
 * Kill (power off) or restore a node: one click on the node itself. Which of the two it offers
 * comes from the simulated machine (through the worker), so it is right after any reload.
 */
export function NodePowerButton({ name, poweredOff }: { name: string; poweredOff: boolean }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const act = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await send({ type: 'node', action: poweredOff ? 'restore' : 'kill', name })
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="region-actions">
      {error && <span className="inline-error" role="alert">{error}</span>}
      <button
        type="button"
        className={`btn btn-small nodrag ${poweredOff ? 'btn-primary' : 'btn-danger'}`}
        disabled={busy}
        title={poweredOff ? 'Power the machine back on: the kubelet starts again' : 'Pull the plug: the kubelet and its containers stop'}
        onClick={(e) => {
          e.stopPropagation()
          void act()
        }}
        aria-label={`${poweredOff ? 'Restore' : 'Kill'} node ${name}`}
      >
        <PowerIcon /> {poweredOff ? 'Restore' : 'Kill'}
      </button>
    </div>
  )
}
