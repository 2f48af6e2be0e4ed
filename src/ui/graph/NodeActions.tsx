import { useState, type ReactNode } from 'react'
import { send } from '../bridge/worker-client'
import { useUi } from '../state/uiStore'
import type { NodeAction } from '../../protocol/messages'
import { PowerIcon } from '../app/icons'

// What each button runs, as the learner would type it; cordon and drain are kubectl's own commands.
const KUBECTL_LINE: Partial<Record<NodeAction, (n: string) => string>> = {
  cordon: (n) => `kubectl cordon ${n}`,
  uncordon: (n) => `kubectl uncordon ${n}`,
  drain: (n) => `kubectl drain ${n} --ignore-daemonsets --delete-emptydir-data`,
}

/**
 * The node's own buttons (one click each): cordon/uncordon and drain run kubectl and print its output
 * in the Console; kill/restore pull or restore the machine's plug; remove takes it out of the cluster
 * after a confirmation. Which power button shows comes from the simulated machine, through the worker.
 */
export function NodeActions({ name, poweredOff, cordoned }: { name: string; poweredOff: boolean; cordoned: boolean }) {
  const [busy, setBusy] = useState<NodeAction>()
  const [error, setError] = useState<string>()
  const [confirming, setConfirming] = useState(false)
  const act = async (action: NodeAction) => {
    setBusy(action)
    setError(undefined)
    try {
      const r = await send({ type: 'node', action, name })
      const line = KUBECTL_LINE[action]?.(name)
      if (line && r.kind === 'kubectl') {
        const ui = useUi.getState()
        ui.consoleRan({ line, stdout: r.result.stdout, stderr: r.result.stderr })
        if (r.result.exitCode !== 0) setError(r.result.stderr.trim().split('\n').at(-1))
        // A drain's output (what was evicted, what was skipped) is the lesson: show it.
        if (action === 'drain') ui.showTab('console')
      }
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(undefined)
      setConfirming(false)
    }
  }
  const button = (action: NodeAction, text: ReactNode, title: string, tone = '') => (
    <button
      type="button"
      className={`btn btn-small nodrag ${tone}`}
      disabled={!!busy}
      title={title}
      aria-label={`${action[0].toUpperCase()}${action.slice(1)} node ${name}`}
      onClick={(e) => {
        e.stopPropagation()
        void act(action)
      }}
    >
      {busy === action ? '…' : text}
    </button>
  )
  if (confirming) {
    return (
      <div className="region-actions" role="group" aria-label={`Remove node ${name}?`}>
        <span className="small">Remove {name} from the cluster?</span>
        {button('remove', 'Remove', 'The kubelet stops and the Node object is deleted', 'btn-danger')}
        <button type="button" className="btn btn-small nodrag" onClick={(e) => (e.stopPropagation(), setConfirming(false))}>
          Cancel
        </button>
      </div>
    )
  }
  return (
    <div className="region-actions">
      {error && <span className="inline-error" role="alert">{error}</span>}
      {cordoned
        ? button('uncordon', 'Uncordon', 'kubectl uncordon: new pods may be scheduled here again')
        : button('cordon', 'Cordon', 'kubectl cordon: mark the node unschedulable; its pods stay')}
      {button('drain', 'Drain', 'kubectl drain --ignore-daemonsets --delete-emptydir-data: cordon, then evict its pods')}
      {poweredOff
        ? button('restore', <><PowerIcon /> Restore</>, 'Power the machine back on: the kubelet starts again', 'btn-primary')
        : button('kill', <><PowerIcon /> Kill</>, 'Pull the plug: the kubelet and its containers stop', 'btn-danger')}
      <button
        type="button"
        className="btn btn-small nodrag"
        disabled={!!busy}
        title="Take the machine out of the cluster (asks first)"
        aria-label={`Remove node ${name}`}
        onClick={(e) => {
          e.stopPropagation()
          setConfirming(true)
        }}
      >
        Remove
      </button>
    </div>
  )
}
