/**
 * A Service → node link that carries traffic: each request through the Service to a pod on that node
 * runs along it as a dot, green when it was answered, red when it failed. The dots move imperatively
 * (one requestAnimationFrame loop per edge while dots are in flight), never through React state.
 */
import { useEffect, useRef } from 'react'
import { BaseEdge, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react'
import { onRequests } from '../state/trafficStore'

export type TrafficEdgeData = { service?: string; node?: string }

/** How long a dot takes to cross the link (wall time), and how many may be on one link at once. */
const TRAVEL_MS = 900
const MAX_DOTS = 8

const reducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches

export function TrafficEdge(props: EdgeProps<Edge<TrafficEdgeData>>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, style, markerEnd } = props
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })
  const pathRef = useRef<SVGPathElement>(null)
  const dotsRef = useRef<SVGGElement>(null)
  const service = data?.service
  const node = data?.node

  useEffect(() => {
    if (!service || !node || reducedMotion()) return
    const flying: { el: SVGCircleElement; start: number }[] = []
    let raf = 0
    const step = (now: number) => {
      const line = pathRef.current
      const total = line?.getTotalLength() ?? 0
      for (let i = flying.length - 1; i >= 0; i--) {
        const d = flying[i]
        const t = (now - d.start) / TRAVEL_MS
        if (t >= 1 || !line) {
          d.el.remove()
          flying.splice(i, 1)
          continue
        }
        const p = line.getPointAtLength(Math.max(0, t) * total)
        d.el.setAttribute('cx', String(p.x))
        d.el.setAttribute('cy', String(p.y))
      }
      raf = flying.length ? requestAnimationFrame(step) : 0
    }
    const off = onRequests((requests) => {
      const group = dotsRef.current
      if (!group) return
      const mine = requests.filter((r) => r.service === service && r.node === node)
      const now = performance.now()
      mine.forEach((r, i) => {
        if (flying.length >= MAX_DOTS) return
        const el = document.createElementNS('http://www.w3.org/2000/svg', 'circle')
        el.setAttribute('r', '4')
        el.setAttribute('class', r.ok ? 'traffic-dot is-ok' : 'traffic-dot is-failed')
        el.setAttribute('cx', '-9999')
        group.appendChild(el)
        // Spread one frame's requests a little, so a burst reads as a stream, not one blob.
        flying.push({ el, start: now + (i * TRAVEL_MS) / (2 * Math.max(1, mine.length)) })
      })
      if (flying.length && !raf) raf = requestAnimationFrame(step)
    })
    return () => {
      off()
      if (raf) cancelAnimationFrame(raf)
      for (const d of flying) d.el.remove()
    }
  }, [service, node])

  return (
    <>
      <BaseEdge path={path} style={style} markerEnd={markerEnd} />
      <path ref={pathRef} d={path} fill="none" stroke="none" />
      <g ref={dotsRef} aria-hidden />
    </>
  )
}
