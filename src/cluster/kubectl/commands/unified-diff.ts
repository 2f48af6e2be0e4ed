/** `diff -u` of two texts (GNU diff's unified format, 3 lines of context), without the file header. */

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number }

/** The edit script by longest common subsequence: fine for the few hundred lines of an object. */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length
  const m = b.length
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
  }
  const ops: Op[] = []
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', line: a[i], a: i++, b: j++ })
    // Deletions before insertions, as GNU diff prints a changed line.
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push({ kind: '-', line: a[i], a: i++, b: j })
    else ops.push({ kind: '+', line: b[j], a: i, b: j++ })
  }
  return ops
}

// GNU diff: a one-line range is written `l`, an empty one `l,0` naming the line before it.
const range = (start: number, count: number) => (count === 1 ? `${start + 1}` : `${count === 0 ? start : start + 1},${count}`)

const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'))

/** The hunks (`@@ -a,b +c,d @@` and their lines), or '' when the texts are equal. */
export function unifiedHunks(before: string, after: string, context = 3): string {
  const ops = editScript(lines(before), lines(after))
  const changed = ops.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0)
  if (!changed.length) return ''
  // Group changes whose context windows touch into one hunk.
  const groups: [number, number][] = []
  for (const k of changed) {
    const last = groups[groups.length - 1]
    if (last && k - last[1] <= context * 2) last[1] = k
    else groups.push([k, k])
  }
  let out = ''
  for (const [first, last] of groups) {
    const from = Math.max(0, first - context)
    const to = Math.min(ops.length - 1, last + context)
    const hunk = ops.slice(from, to + 1)
    const aCount = hunk.filter((o) => o.kind !== '+').length
    const bCount = hunk.filter((o) => o.kind !== '-').length
    out += `@@ -${range(hunk[0].a, aCount)} +${range(hunk[0].b, bCount)} @@\n`
    for (const o of hunk) out += `${o.kind}${o.line}\n`
  }
  return out
}
