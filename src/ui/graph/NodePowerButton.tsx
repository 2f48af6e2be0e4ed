import { useState } from 'react'
import { send } from '../bridge/worker-client'
import { useUi } from '../state/uiStore'
import { PowerIcon } from '../app/icons'

/** Kill (power off) or restore a node: one click on the node itself. */
export function NodePowerButton({ name, poweredOff }: { name: string; poweredOff: boolean }) {
  const nodePower = useUi((s) => s.nodePower)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const act = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await send({ type: 'node', action: poweredOff ? 'restore' : 'kill', name })
      nodePower(name, !poweredOff)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="region-actions">
      <button
        type="button"
        className={`btn btn-small nodrag ${poweredOff ? 'btn-primary' : 'btn-danger'}`}
        disabled={busy}
        onClick={(e) => {
          e.stopPropagation()
          void act()
        }}
        aria-label={`${poweredOff ? 'Restore' : 'Kill'} node ${name}`}
      >
        <PowerIcon /> {poweredOff ? 'Restore' : 'Kill'}
      </button>
      {error && <span className="inline-error" role="alert">{error}</span>}
    </div>
  )
}
