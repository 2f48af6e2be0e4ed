/**
 * The pod-template-hash (kube: pkg/controller.ComputeHash): FNV-32a over the printed template,
 * then the collision count as 8 little-endian bytes, and the decimal of the 32-bit sum encoded
 * with apimachinery's SafeEncodeString. That is why hashes like `7c5ddbdf54` only ever contain
 * the characters 4-9, b, c, d and f: each one is a decimal digit in disguise.
 *
 * Kubernetes prints the Go struct with go-spew before hashing; we print the template as
 * canonical JSON (sorted keys) instead, so the algorithm and format match but the exact value
 * for a given manifest can differ from a real cluster's. `templateText` is the one place to
 * change if byte-for-byte parity is wanted.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'

// kube: k8s.io/apimachinery/pkg/util/rand — no vowels, no confusable characters.
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

const FNV32_OFFSET = 0x811c9dc5
const FNV32_PRIME = 0x01000193

const encoder = new TextEncoder()

/** FNV-1a, 32-bit, continuing from `seed` so bytes can be fed in pieces. */
export function fnv32a(bytes: Uint8Array, seed = FNV32_OFFSET): number {
  let h = seed >>> 0
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]
    h = Math.imul(h, FNV32_PRIME) >>> 0
  }
  return h
}

/** kube: rand.SafeEncodeString — each byte picks a character of the safe alphabet. */
export function safeEncodeString(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length]
  return out
}

/** Deterministic text of a value: object keys sorted, undefined dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const obj = value as Record<string, unknown>
  const parts: string[] = []
  for (const k of Object.keys(obj).sort()) {
    if (obj[k] === undefined) continue
    parts.push(`${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
  }
  return `{${parts.join(',')}}`
}

export function templateText(template: PodTemplateSpec | undefined): string {
  return canonicalJson(template ?? {})
}

/** kube: controller.ComputeHash(template, collisionCount). */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let h = fnv32a(encoder.encode(templateText(template)))
  if (collisionCount !== undefined && collisionCount !== null) {
    const bytes = new Uint8Array(8)
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true)
    h = fnv32a(bytes, h)
  }
  return safeEncodeString(String(h))
}
