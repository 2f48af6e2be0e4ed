import type { KubeObject } from '../../../apiserver/types'

/** One kind's table, as kubectl's printers/internalversion handlers define it. */
export interface Columns<T extends KubeObject = KubeObject> {
  headers: string[]
  /** Extra headers appended for `-o wide`. */
  wide?: string[]
  row(obj: T, now: number): string[]
  wideRow?(obj: T, now: number): string[]
}
