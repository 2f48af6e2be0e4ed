import { isQuantity, parseQuantity as parseShared } from '../../apiserver/quantity'

/** Just enough of resource.Quantity to add pod requests and print them against allocatable. */
const SUFFIX: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
}

/** Base units of a quantity; 0 for an absent or malformed one (describe prints, it does not judge). */
export function parseQuantity(q: string | number | undefined): number {
  return q !== undefined && isQuantity(q) ? parseShared(q) : 0
}

/** Canonical-ish form: CPU in cores or millicores, memory in the largest exact binary unit. */
export function formatQuantity(value: number, resource: string): string {
  if (value === 0) return '0'
  if (resource === 'cpu') {
    const milli = Math.round(value * 1000)
    return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`
  }
  for (const s of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    if (value >= SUFFIX[s] && value % SUFFIX[s] === 0) return `${value / SUFFIX[s]}${s}`
  }
  for (const s of ['E', 'P', 'T', 'G', 'M', 'k']) {
    if (value >= SUFFIX[s] && value % SUFFIX[s] === 0) return `${value / SUFFIX[s]}${s}`
  }
  return String(value)
}
