/**
 * Stable fake digests: the same image name always has the same `sha256:…`, whatever the seed, as a
 * real registry gives the same digest to everyone who pulls a tag.
 */

/** 64 hex characters derived from `text` (FNV-1a, re-mixed per 8-character block). */
export function stableHex64(text: string): string {
  let out = ''
  for (let block = 0; block < 8; block++) {
    let h = 0x811c9dc5
    const s = `${block}:${text}`
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
    h ^= h >>> 15
    h = Math.imul(h, 0x2c1b3c6d)
    h ^= h >>> 12
    out += (h >>> 0).toString(16).padStart(8, '0')
  }
  return out
}

/** A number in [min, max) that depends only on `text`. */
export function stableBetween(text: string, min: number, max: number): number {
  const n = parseInt(stableHex64(text).slice(0, 8), 16) / 0x1_0000_0000
  return Math.floor(min + (max - min) * n)
}
