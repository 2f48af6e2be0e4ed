/**
 * The one seeded source of randomness in the simulation (sfc32). Its whole state is four numbers,
 * so it can be saved in a snapshot and restored to continue the same sequence.
 */
export interface RandomState {
  a: number
  b: number
  c: number
  d: number
}

// kube: k8s.io/apimachinery/pkg/util/rand — the alphabet of generated name suffixes has no vowels
// and no easily confused characters, so names never spell words.
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

const HEX = '0123456789abcdef'

export class Random {
  private s: RandomState

  constructor(seed: number | RandomState) {
    if (typeof seed === 'number') {
      this.s = { a: 0x9e3779b9, b: 0x243f6a88, c: 0xb7e15162, d: seed >>> 0 }
      for (let i = 0; i < 15; i++) this.next()
    } else {
      this.s = { ...seed }
    }
  }

  /** A float in [0, 1). */
  next(): number {
    const s = this.s
    let a = s.a >>> 0
    let b = s.b >>> 0
    let c = s.c >>> 0
    let d = s.d >>> 0
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) >>> 0
    // Updated in place: this runs for every random draw, and state() hands out copies.
    s.a = a; s.b = b; s.c = c; s.d = d
    return t / 4294967296
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next()
  }

  /** kube: utilrand.String(n) — the suffix of generateName and of ReplicaSet pods. */
  nameSuffix(n = 5): string {
    let out = ''
    for (let i = 0; i < n; i++) out += NAME_ALPHABET[this.int(NAME_ALPHABET.length)]
    return out
  }

  /** A uid in the RFC 4122 v4 form Kubernetes uses, drawn from the seeded stream. */
  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${'89ab'[this.int(4)]}${this.hex(3)}-${this.hex(12)}`
  }

  private hex(n: number): string {
    let s = ''
    for (let i = 0; i < n; i++) s += HEX[this.int(16)]
    return s
  }

  state(): RandomState {
    return { ...this.s }
  }
}
