import { useState, type KeyboardEvent, type PointerEvent } from 'react'
import { useUi } from '../state/uiStore'

const MIN = 360
const STEP = 40
const maxWidth = () => Math.round(window.innerWidth * 0.7)
const clamp = (w: number) => Math.max(MIN, Math.min(maxWidth(), Math.round(w)))

/** The border between the graph and the side panel: drag it (or use the arrow keys) to widen the tools, e.g. for `kubectl describe`. */
export function SideResizer() {
  const width = useUi((s) => s.sideWidth)
  const setWidth = useUi((s) => s.sideResized)
  const [dragging, setDragging] = useState(false)
  const current = () => width ?? document.querySelector('.side')?.getBoundingClientRect().width ?? 480
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId)
    setDragging(true)
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging) setWidth(clamp(window.innerWidth - e.clientX))
  }
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowLeft') setWidth(clamp(current() + STEP))
    else if (e.key === 'ArrowRight') setWidth(clamp(current() - STEP))
    else return
    e.preventDefault()
  }
  return (
    <div
      className={`side-resizer${dragging ? ' is-dragging' : ''}`}
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the side panel"
      aria-valuenow={Math.round(width ?? 0) || undefined}
      tabIndex={0}
      title="Drag to resize"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => setDragging(false)}
      onPointerCancel={() => setDragging(false)}
      onDoubleClick={() => setWidth(undefined)}
      onKeyDown={onKeyDown}
    />
  )
}
