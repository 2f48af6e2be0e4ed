import { useState } from 'react'
import { send } from '../bridge/worker-client'

/** Boots one more machine (`node-N`, the cluster's default size); its kubelet registers the Node. */
export function AddNodeBox() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const add = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await send({ type: 'addNode' })
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="add-node">
      <button
        type="button"
        className="btn btn-small nodrag"
        disabled={busy}
        title="Boot a new machine (4 CPU, 8Gi, 110 pods): its kubelet registers a Node"
        onClick={(e) => {
          e.stopPropagation()
          void add()
        }}
      >
        + Add node
      </button>
      {error && <span className="inline-error" role="alert">{error}</span>}
    </div>
  )
}
