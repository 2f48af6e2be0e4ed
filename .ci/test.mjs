#!/usr/bin/env node
// `npm test`: every suite in order — type check, lint, unit tests, build, end-to-end tests in a real
// Chromium — then one summary line `N passed, N failed` (tests of every suite, plus one check each
// for the type check, lint and build), which CI reads. Also written to test-results/summary.txt.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const bin = (name) => `node_modules/.bin/${name}`
let passed = 0
let failed = 0
const failures = []

function step(name, cmd, args, env = {}) {
  const t0 = Date.now()
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = r.status === 0
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
  return ok
}

function check(name, ok) {
  if (ok) passed++
  else {
    failed++
    failures.push(name)
  }
}

/**
 * Counts from a JSON report. A suite that produced no report, or whose runner failed although no
 * test did (a server that would not start, an error outside the tests), counts as one failure.
 */
function countReport(name, file, ok, read) {
  if (!existsSync(file)) {
    check(`${name} (no report)`, false)
    return
  }
  const [p, f] = read(JSON.parse(readFileSync(file, 'utf8')))
  passed += p
  failed += f
  if (f) failures.push(`${name}: ${f} failed`)
  else if (!ok) check(`${name} (runner failed outside the tests)`, false)
}

/**
 * DESIGN.md budget: at most 300 KB gzip of JavaScript before the cluster is on screen — the page's
 * entry script plus the cluster worker; Monaco and other lazy chunks load later.
 */
function firstLoadWithinBudget() {
  const html = readFileSync('dist/index.html', 'utf8')
  const entries = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)].map((m) => m[1])
  // The cluster worker is emitted as worker-*.js; what it loads after `hello` (kubectl, the less
  // common controllers) is in cluster-*.js chunks, which come after the cluster is on screen.
  const workers = readdirSync('dist/assets').filter((f) => /^worker-.*\.js$/.test(f)).map((f) => `assets/${f}`)
  // Chunks these import statically load with them, so they count too (dynamic import() does not).
  const files = [...entries, ...workers]
  for (let i = 0; i < files.length; i++) {
    const dir = files[i].slice(0, files[i].lastIndexOf('/') + 1)
    const code = readFileSync(`dist/${files[i]}`, 'utf8')
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w${},*\s]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
      const f = dir + m[1]
      if (!files.includes(f)) files.push(f)
    }
  }
  const bytes = files.reduce((n, f) => n + gzipSync(readFileSync(`dist/${f}`)).length, 0)
  const kb = (bytes / 1000).toFixed(1)
  console.log(`first-load JavaScript: ${kb} KB gzip (${files.join(', ')}); budget 300 KB`)
  return files.length >= 2 && bytes <= 300_000
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
  return candidates.find((p) => p && existsSync(p))
}

rmSync('test-results', { recursive: true, force: true })
mkdirSync('test-results', { recursive: true })

check('type check', step('type check', bin('tsc'), ['--noEmit']))
check('lint', step('lint', bin('oxlint'), ['--deny-warnings', 'src', 'e2e', 'bench']))
const unitOk = step('unit tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'])
countReport('unit tests', 'test-results/unit.json', unitOk, (r) => [r.numPassedTests, r.numFailedTests])
const built = step('build', bin('vite'), ['build', '--logLevel', 'warn'])
check('build', built)
if (built) check('first-load budget', firstLoadWithinBudget())

const chromium = findChromium()
if (!chromium) {
  console.log('\nChromium not found: install it with `apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium binary.')
  check('end-to-end tests (no Chromium)', false)
} else if (!built) {
  check('end-to-end tests (build failed)', false)
} else {
  const e2eOk = step('end-to-end tests', bin('playwright'), ['test'], { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json' })
  countReport('end-to-end tests', 'test-results/e2e.json', e2eOk, (r) => [r.stats.expected + (r.stats.flaky ?? 0), r.stats.unexpected])
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`)
const summary = `${passed} passed, ${failed} failed`
writeFileSync('test-results/summary.txt', summary + '\n')
console.log(`\n${summary}`)
process.exit(failed ? 1 : 0)
