/** IPv4 addresses and CIDRs, as the API server's validation and the cluster network read them. */

/** The address as a 32-bit number, or undefined when it is not a dotted-quad IPv4 address. */
export function parseIPv4(ip: string): number | undefined {
  const parts = ip.split('.')
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || +p > 255)) return undefined
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0)
}

export const isIPv4 = (s: string): boolean => parseIPv4(s) !== undefined

/** Whether `ip` lies in `cidr` (IPv4; the address part need not be the network's, as ParseCIDRSloppy allows). */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split('/')
  const a = parseIPv4(base ?? '')
  const b = parseIPv4(ip)
  const bits = Number(bitsText)
  if (a === undefined || b === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0
  return ((a & mask) >>> 0) === ((b & mask) >>> 0)
}
