import { describe, expect, it } from 'vitest'
import { unifiedHunks } from './unified-diff'

describe('unified diff as GNU diff -u prints it', () => {
  it('prints nothing for equal texts', () => {
    expect(unifiedHunks('a\nb\n', 'a\nb\n')).toBe('')
  })

  it('prints a changed line as - then + with three lines of context', () => {
    const a = 'l1\nl2\nl3\nl4\nl5\nl6\nl7\n'
    expect(unifiedHunks(a, a.replace('l4', 'L4'))).toBe('@@ -1,7 +1,7 @@\n l1\n l2\n l3\n-l4\n+L4\n l5\n l6\n l7\n')
  })

  it('splits far apart changes into hunks and names an empty side with line,0', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join('\n') + '\n'
    const b = a.replace('l2\n', 'X\n').replace('l19\n', 'Y\n')
    expect(unifiedHunks(a, b).match(/^@@.*@@$/gm)).toEqual(['@@ -1,5 +1,5 @@', '@@ -16,5 +16,5 @@'])
    expect(unifiedHunks('', 'x\ny\n')).toBe('@@ -0,0 +1,2 @@\n+x\n+y\n')
  })
})
