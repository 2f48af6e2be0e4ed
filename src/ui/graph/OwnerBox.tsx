import { Handle, Position } from '@xyflow/react'
import type { ReactNode } from 'react'
import type { OwnerState } from '../model/owners'

/**
 * The frame every workload box shares: kind, name, a one-line state (icon + text, never colour
 * alone) and details. `target` (kept for callers): something owns it; any box may now receive a link.
 */
export function OwnerBox({ kind, name, state, className, children }: {
  kind: ReactNode
  name: string
  state: OwnerState
  className: string
  target?: boolean
  children?: ReactNode
}) {
  return (
    <div className={`box ${className} ${state.done ? 'is-done' : 'is-progress'}`}>
      {/* Every workload box can be the end of a link: its owner's, or an autoscaler's. */}
      <Handle type="target" position={Position.Left} />
      <div className="box-kind">{kind}</div>
      <div className="box-name">{name}</div>
      <div className="box-meta">
        <span className="box-state" title={state.title}>
          <span aria-hidden>{state.done ? '✓' : '⟳'}</span> {state.text}
        </span>
        {children}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  )
}
