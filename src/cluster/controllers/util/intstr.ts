/**
 * IntOrString values such as maxSurge `25%` (kube: intstr.GetScaledValueFromIntOrPercent).
 */
export type IntOrString = number | string

/**
 * An int stays itself; `N%` becomes N% of `total`, rounded up or down as asked. Throws on a
 * string that is not a percentage, with the message Kubernetes uses.
 */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0
  if (typeof value === 'number') return value
  const m = /^(-?\d+)%$/.exec(value)
  if (!m) throw new Error(`invalid value for IntOrString: invalid value "${value}": must be an integer or percentage (e.g '5%')`)
  const scaled = (Number(m[1]) * total) / 100
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled)
}
