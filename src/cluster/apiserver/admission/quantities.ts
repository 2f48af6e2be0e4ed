/** Quantity sums for the admission plugins: values in milli-units, printed in the format of their inputs. */
import { canonicalQuantity, parseCpuMillis } from '../quantity'

export type Milli = Map<string, number>

export const milli = (q: string | number): number => parseCpuMillis(q)

const BINARY = /[KMGTPE]i$/

/**
 * kube: resource.Quantity.Add keeps the format of its operands, so memory summed from `600Mi`
 * prints `600Mi`, cpu summed from `400m` prints `400m`.
 */
export function formatMilli(value: number, binary: boolean): string {
  if (binary && value % 1000 === 0) {
    const bytes = value / 1000
    if (bytes % 1024 === 0) return canonicalQuantity(`${bytes / 1024}Ki`)
  }
  return canonicalQuantity(value % 1000 === 0 ? `${value / 1000}` : `${value}m`)
}

export const isBinary = (q: string | number): boolean => typeof q === 'string' && BINARY.test(q)
