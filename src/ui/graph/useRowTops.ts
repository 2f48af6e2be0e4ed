/**
 * Where each row of the node grid starts: below the tallest region of the row above, as measured.
 * A region grows as its pods wrap, so the rows under it move down together; no pod ever jumps.
 */
import { useStore, type ReactFlowState } from '@xyflow/react'
import { REGION_GAP, ROW_NODES } from './structure'

/** Before a region is measured (its first frame), assume the height of an empty one. */
const EMPTY_REGION_H = 150

/**
 * The last measured height of each region. React Flow forgets a node's measurement when we hand it a
 * new node object (as moving a row does); without this memory the rows would oscillate.
 */
const lastHeight = new Map<string, number>()

function rowHeights(s: ReactFlowState): string {
  const heights: number[] = []
  for (const n of s.nodeLookup.values()) {
    if (n.type !== 'k8sNode' && n.type !== 'unscheduled') continue
    const row = (n.data as { row?: number }).row ?? 0
    if (n.measured.height) lastHeight.set(n.id, n.measured.height)
    heights[row] = Math.max(heights[row] ?? 0, lastHeight.get(n.id) ?? EMPTY_REGION_H)
  }
  return Array.from(heights, (h) => Math.round(h ?? EMPTY_REGION_H)).join(',')
}

/** The y of each grid row, for rows 0..n (a row not yet known gets the row above plus an empty region). */
export function useRowTops(): number[] {
  const key = useStore(rowHeights)
  const tops = [ROW_NODES]
  for (const h of key ? key.split(',').map(Number) : []) tops.push(tops[tops.length - 1] + h + REGION_GAP)
  return tops
}
