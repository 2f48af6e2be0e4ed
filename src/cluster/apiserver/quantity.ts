/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource.Quantity): `100m`, `0.5`,
 * `128Mi`, `1G`, `2Gi`, `1e3`. The form is <sign><digits>[.<digits>]<suffix>, where the suffix is a
 * binary SI one (Ki Mi Gi Ti Pi Ei), a decimal SI one (n u m "" k M G T P E) or a decimal exponent
 * (e3, E-2).
 *
 * Arithmetic is exact (BigInt) so `0.1` cpu is 100 millicores, not 100.00000000000001; like
 * Quantity.MilliValue() and Value(), results are rounded up to the next integer.
 */

const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 }
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }

// kube: the quantity grammar in resource/quantity.go (signedNumber, suffix).
const QUANTITY_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/

interface Exact {
  /** value = sign * digits * 10^exp10 * 1024^pow1024 */
  negative: boolean
  digits: bigint
  exp10: number
  pow1024: number
}

function parseExact(q: string): Exact | undefined {
  const m = QUANTITY_RE.exec(q.trim())
  if (!m) return undefined
  const [, sign, whole, frac = '', exponent, suffix = ''] = m
  if (whole === '' && frac === '') return undefined
  let exp10 = -frac.length
  let pow1024 = 0
  if (exponent) exp10 += Number(exponent.slice(1))
  else if (suffix in BINARY) pow1024 = BINARY[suffix]
  else exp10 += DECIMAL[suffix]
  return { negative: sign === '-', digits: BigInt((whole || '0') + frac), exp10, pow1024 }
}

/** ceil(value * 10^scale10) as a Number; undefined if `q` is not a quantity. */
function scaled(q: string | number, scale10: number): number | undefined {
  const text = typeof q === 'number' ? numberToQuantity(q) : q
  const cacheKey = `${scale10}|${text}`
  const hit = memo.get(cacheKey)
  if (hit !== undefined || memo.has(cacheKey)) return hit
  const e = parseExact(text)
  let out: number | undefined
  if (e) {
    let n = e.digits * 1024n ** BigInt(e.pow1024)
    const exp = e.exp10 + scale10
    if (exp >= 0) {
      n *= 10n ** BigInt(exp)
    } else {
      const d = 10n ** BigInt(-exp)
      // Round away from zero for positive values, as Quantity.MilliValue() does (it rounds up).
      n = e.negative ? n / d : (n + d - 1n) / d
    }
    out = Number(e.negative ? -n : n)
  }
  if (memo.size > MEMO_LIMIT) memo.clear()
  memo.set(cacheKey, out)
  return out
}

// Pods of one template share their quantity strings; remembering them keeps parsing off hot paths.
const memo = new Map<string, number | undefined>()
const MEMO_LIMIT = 10_000

function numberToQuantity(n: number): string {
  // YAML gives `cpu: 1` or `cpu: 0.5` as numbers; their decimal text is the quantity.
  return Number.isFinite(n) ? String(n) : 'invalid'
}

/** True when `q` is a well-formed quantity. */
export function isQuantity(q: unknown): boolean {
  if (typeof q === 'number') return Number.isFinite(q)
  return typeof q === 'string' && parseExact(q) !== undefined
}

/** The quantity's value in base units (cores, bytes, count), as a float. Throws on a malformed quantity. */
export function parseQuantity(q: string | number): number {
  const text = typeof q === 'number' ? numberToQuantity(q) : q
  const e = parseExact(text)
  if (!e) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`)
  const v = Number(e.digits) * 10 ** e.exp10 * 1024 ** e.pow1024
  return e.negative ? -v : v
}

/** CPU in millicores, rounded up (Quantity.MilliValue): `100m` → 100, `0.5` → 500, `2` → 2000. */
export function parseCpuMillis(q: string | number): number {
  const v = scaled(q, 3)
  if (v === undefined) throw new Error(`invalid cpu quantity ${JSON.stringify(q)}`)
  return v
}

/** Bytes (or any count), rounded up (Quantity.Value): `128Mi` → 134217728, `1G` → 1e9. */
export function parseBytes(q: string | number): number {
  const v = scaled(q, 0)
  if (v === undefined) throw new Error(`invalid quantity ${JSON.stringify(q)}`)
  return v
}

// ---- canonical form ----------------------------------------------------------------------------

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent'

const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' }
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']
// kube: maxAllowed, the cap of a BinarySI quantity (int64 max).
const MAX_ALLOWED = 2n ** 63n - 1n

const canonicalMemo = new Map<string, string>()

/**
 * The quantity as the API server stores and prints it (kube: resource.Quantity parsed, then
 * String() = CanonicalizeBytes): the input's format is kept — binary SI (`Ki`…`Ei`), decimal SI
 * (`n`…`E` or none) or a decimal exponent (`e3`) — and the number is rewritten with the largest
 * suffix that keeps it an integer: `0.5` → `500m`, `1000m` → `1`, `1.5Gi` → `1536Mi`, `1024Mi` → `1Gi`.
 * Values finer than a nano are rounded up to one. A YAML number is read as its decimal text. A
 * malformed quantity is returned unchanged (validation reports it).
 */
export function canonicalQuantity(q: string | number): string {
  const text = typeof q === 'number' ? numberToQuantity(q) : q
  const hit = canonicalMemo.get(text)
  if (hit !== undefined) return hit
  const out = canonicalize(text) ?? text
  if (canonicalMemo.size > MEMO_LIMIT) canonicalMemo.clear()
  canonicalMemo.set(text, out)
  return out
}

function canonicalize(text: string): string | undefined {
  const m = QUANTITY_RE.exec(text)
  if (!m) return undefined
  const [, sign, whole, frac = '', exponent, suffix = ''] = m
  if (whole === '' && frac === '') return undefined
  // value = mantissa * 10^scale, mantissa >= 0
  let mantissa = BigInt((whole || '0') + frac)
  let scale = -frac.length
  let format: Format
  if (exponent) {
    format = 'DecimalExponent'
    scale += Number(exponent.slice(1))
  } else if (suffix in BINARY) {
    format = 'BinarySI'
    mantissa *= 1024n ** BigInt(BINARY[suffix])
  } else {
    format = 'DecimalSI'
    scale += DECIMAL[suffix]
  }
  if (mantissa === 0n) return '0'
  // kube: non-zero values are rounded up to the nano, so asking for a little gives a little.
  if (scale < -9) {
    const d = 10n ** BigInt(-9 - scale)
    mantissa = (mantissa + d - 1n) / d
    scale = -9
  }
  if (format === 'BinarySI') {
    const atLeastOne = scale >= 0 || mantissa >= 10n ** BigInt(-scale)
    if (!atLeastOne) format = 'DecimalSI'
    else if (scale >= 0 ? mantissa * 10n ** BigInt(scale) > MAX_ALLOWED : mantissa / 10n ** BigInt(-scale) > MAX_ALLOWED) {
      mantissa = MAX_ALLOWED
      scale = 0
    }
  }
  const minus = sign === '-' ? '-' : ''
  if (format === 'BinarySI') {
    // Under 1024, or not a whole number: printed as decimal SI so nothing is rounded.
    const integer = integerValue(mantissa, scale)
    if (integer !== undefined && integer >= 1024n) {
      let n = integer
      let times = 0
      while (n >= 1024n && n % 1024n === 0n) { n /= 1024n; times++ }
      return `${minus}${n}${BINARY_SUFFIX[times]}`
    }
    format = 'DecimalSI'
  }
  // kube: AsCanonicalBytes — move factors of 10 into the exponent, then make it a multiple of 3.
  let exp = scale
  while (mantissa >= 10n && mantissa % 10n === 0n) { mantissa /= 10n; exp++ }
  while (exp % 3 !== 0) { mantissa *= 10n; exp-- }
  const decimal = format === 'DecimalSI' ? DECIMAL_SUFFIX[exp] : undefined
  const unit = decimal ?? (exp === 0 ? '' : `e${exp}`)
  return `${minus}${mantissa}${unit}`
}

function integerValue(mantissa: bigint, scale: number): bigint | undefined {
  if (scale >= 0) return mantissa * 10n ** BigInt(scale)
  const d = 10n ** BigInt(-scale)
  return mantissa % d === 0n ? mantissa / d : undefined
}
