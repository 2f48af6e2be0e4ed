/**
 * The Job example of the Kubernetes docs runs `perl -Mbignum=bpi -wle "print bpi(2000)"`; this
 * computes the same digits (Machin's formula on BigInt) so `kubectl logs job/pi` prints real π.
 */

/** π to `digits` significant digits, rounded as Math::BigFloat does: `3.14159…`. */
export function piDigits(digits: number): string {
  const n = Math.max(1, Math.min(digits, 20_000))
  const guard = 10
  const unity = 10n ** BigInt(n + guard)
  const pi = 4n * (4n * arctanInv(5n, unity) - arctanInv(239n, unity))
  // Keep n significant digits (one before the point), rounding half up.
  const scaled = (pi + 5n * 10n ** BigInt(guard)) / 10n ** BigInt(guard + 1)
  const s = scaled.toString()
  return n === 1 ? s : `${s[0]}.${s.slice(1)}`
}

function arctanInv(x: bigint, unity: bigint): bigint {
  let sum = 0n
  let term = unity / x
  const x2 = x * x
  for (let k = 0n; term !== 0n; k++) {
    const t = term / (2n * k + 1n)
    sum += k % 2n === 0n ? t : -t
    term /= x2
  }
  return sum
}
