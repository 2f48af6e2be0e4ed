// DESIGN.md: dependencies point one way (ui → protocol ← worker → cluster). The cluster is plain
// TypeScript that runs in Node and in a Worker: no DOM, no UI libraries, no wall clock, no unseeded
// randomness.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.tsx?$/.test(f) && !/\.test\.ts$/.test(f) ? [p] : []
  })
}

const root = join(__dirname)
const files = sources(root)

describe('src/cluster boundaries', () => {
  it('imports nothing from the UI, React, xyflow, Monaco or zustand', () => {
    const bad = files.filter((f) => /from ['"](react|react-dom|@xyflow\/react|monaco-editor|zustand|@monaco-editor\/react)['"/]|from ['"][./]*\/ui\//.test(readFileSync(f, 'utf8')))
    expect(bad).toEqual([])
  })

  it('touches neither the DOM nor the wall clock nor Math.random', () => {
    const bad = files.filter((f) => {
      const text = readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')
      return /\b(document|window)\.|Date\.now\(|new Date\(\)|setTimeout\(|setInterval\(|Math\.random\(/.test(text)
    })
    expect(bad).toEqual([])
  })

  it('has at least the core files (the check is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(15)
  })
})
