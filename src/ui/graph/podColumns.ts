/**
 * How many pod chips a region shows per row. A region in the single node column may widen as its
 * pods multiply, so a busy node stays short enough for the whole cluster to fit the view at a
 * readable zoom; in a multi-column grid the width is fixed so regions never overlap.
 */
import { REGION_W } from './structure'

const CHIP_W = 72
const CHIP_GAP = 5
/** Padding and border of a region, both sides. */
const REGION_CHROME = 28

export function podColumns(pods: number, canGrow: boolean): number {
  if (!canGrow || pods <= 9) return 3
  return pods <= 20 ? 5 : 7
}

export function regionWidth(columns: number): number {
  return Math.max(REGION_W, REGION_CHROME + columns * CHIP_W + (columns - 1) * CHIP_GAP)
}
