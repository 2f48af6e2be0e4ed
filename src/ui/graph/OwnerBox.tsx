import { Handle, Position } from '@xyflow/react'
import type { ReactNode } from 'react'
import type { OwnerState } from '../model/owners'

/**
 * The frame every workload box shares: kind, name, a one-line state (icon + text, never colour
 * alone) and details. `target`: something owns it (a link comes in from the left).
 */
export function OwnerBox({ kind, name, state, className, target, children }: {
  kind: ReactNode
  name: string
  state: OwnerState
  className: string
  target?: boolean
  children?: ReactNode
}) {
  return (
    <div className={`box ${className} ${state.done ? 'is-done' : 'is-progress'}`}>
      {target && <Handle type="target" position={Position.Left} />}
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
