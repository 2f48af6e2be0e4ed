/**
 * Fits the graph to the canvas, top-aligned: the whole cluster as large as it fits (up to
 * MAX_ZOOM), room to grow below. It re-fits when the content's bounds change (a box appears, a
 * node region grows as pods wrap) until the learner pans or zooms; the fit button hands control back.
 */
import { useCallback, useEffect, useRef } from 'react'
import { useReactFlow, useStore, type ReactFlowState, type Viewport } from '@xyflow/react'

const MAX_ZOOM = 1.5
const PAD = 24

/** Bounds of every measured box, rounded, as a string (so the selector is stable between frames). */
function boundsKey(s: ReactFlowState): string {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const n of s.nodeLookup.values()) {
    const w = n.measured.width
    const h = n.measured.height
    if (!w || !h) continue
    const { x, y } = n.internals.positionAbsolute
    x0 = Math.min(x0, x)
    y0 = Math.min(y0, y)
    x1 = Math.max(x1, x + w)
    y1 = Math.max(y1, y + h)
  }
  if (x0 === Infinity) return ''
  return [x0, y0, x1, y1].map(Math.round).join(',') + `|${s.width}x${s.height}`
}

/** `reserveBottom`: screen pixels kept free under the graph for overlays (legend, getting-started card). */
type MoveHandler = (event: MouseEvent | TouchEvent | null, viewport: Viewport) => void

export function useTopFit(reserveBottom: number): { refit: () => void; onMoveStart: MoveHandler; onMoveEnd: MoveHandler; userMoved: () => void } {
  const { setViewport } = useReactFlow()
  const key = useStore(boundsKey)
  const userMoved = useRef(false)
  const fitted = useRef(false)

  const fit = useCallback(
    (animate: boolean) => {
      const [box, size] = key.split('|')
      if (!box) return
      const [x0, y0, x1, y1] = box.split(',').map(Number)
      const [width, height] = size.split('x').map(Number)
      if (!width || !height) return
      const zoom = Math.min(MAX_ZOOM, (width - 2 * PAD) / (x1 - x0), (height - 2 * PAD - reserveBottom) / (y1 - y0))
      const x = (width - (x1 - x0) * zoom) / 2 - x0 * zoom
      const y = PAD - y0 * zoom
      void setViewport({ x, y, zoom }, { duration: animate ? 200 : 0 })
    },
    [key, setViewport, reserveBottom],
  )

  useEffect(() => {
    if (userMoved.current) return
    fit(fitted.current)
    fitted.current = true
  }, [fit])

  const refit = useCallback(() => {
    userMoved.current = false
    fit(true)
  }, [fit])

  // React Flow passes the DOM event for a pan or zoom by the user, null for our own setViewport.
  // A press on a box also starts a "move" (boxes are not draggable, so the pane pans): only a
  // viewport that actually changed counts as the learner taking over.
  const moveStart = useRef<Viewport | undefined>(undefined)
  const onMoveStart = useCallback<MoveHandler>((event, viewport) => {
    moveStart.current = event ? viewport : undefined
  }, [])
  const onMoveEnd = useCallback<MoveHandler>((event, viewport) => {
    const start = moveStart.current
    moveStart.current = undefined
    if (!event || !start) return
    if (Math.abs(start.x - viewport.x) > 2 || Math.abs(start.y - viewport.y) > 2 || start.zoom !== viewport.zoom) userMoved.current = true
  }, [])

  const markMoved = useCallback(() => {
    userMoved.current = true
  }, [])

  return { refit, onMoveStart, onMoveEnd, userMoved: markMoved }
}
