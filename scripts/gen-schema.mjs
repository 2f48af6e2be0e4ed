#!/usr/bin/env node
// Builds the schema `kubectl explain` reads (src/generated/k8s-schema.js) from the declaration files of
// the `kubernetes-types` package: every interface and field there carries the API's own description as a
// /** */ comment, and required fields are the ones without `?`. TypeScript 7 has no compiler API, so this
// reads the (very regular, machine-generated) .d.ts text line by line.
//
// Output: `export default JSON.parse('...')`, a module every host can import lazily (vitest, tsx, Vite)
// without JSON import attributes. The file is generated, not committed (see .gitignore); npm's pre* hooks
// run this script before start, build, test, sim and typecheck.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const pkgDir = dirname(createRequire(import.meta.url).resolve('kubernetes-types/package.json'))
const outFile = join(root, 'src/generated/k8s-schema.js')

// kube: OpenAPI types some well-known aliases as plain strings (Time, MicroTime) and others by name
// (Quantity, IntOrString have no single `type`, so explain prints their name).
const STRING_ALIASES = new Set(['Time', 'MicroTime'])
const NAMED_ALIASES = new Set(['Quantity'])
// kube: fields kubernetes-types (v1.30) marks required that are optional in v1.35's OpenAPI.
const OPTIONAL_SINCE_1_30 = new Set([
  'apps/v1.StatefulSetSpec.serviceName', 'batch/v1.PodFailurePolicyOnPodConditionsPattern.status', 'core/v1.HostAlias.ip',
  'core/v1.HostIP.ip', 'core/v1.PodIP.ip', 'networking/v1.NetworkPolicySpec.podSelector',
])
// Type aliases other files refer to (a file's own aliases are found while reading it).
const ALIAS_KEYS = new Set(['api/resource.Quantity', 'meta/v1.Time', 'meta/v1.MicroTime'])
// kubernetes-types writes both int32/int64 and float64 as `number`; these few are doubles.
const FLOAT_FIELDS = new Set(['JSONSchemaProps.maximum', 'JSONSchemaProps.minimum', 'JSONSchemaProps.multipleOf'])

function walk(dir) {
  const files = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) files.push(...walk(p))
    else if (name.endsWith('.d.ts')) files.push(p)
  }
  return files.sort()
}

/** The text of a /** *\/ block: one-line or multi-line, leading ` * ` removed, paragraphs kept. */
function commentText(lines) {
  const text = lines.join('\n')
  const body = text.replace(/^\s*\/\*\*\s?/, '').replace(/\s*\*\/\s*$/, '')
  if (!body.includes('\n')) return body.trim()
  return body
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '')
}

/** kubectl's type name for a TypeScript type expression, plus the definition it refers to. */
function typeOf(expr, ctx, fieldKey) {
  expr = expr.trim().replace(/;$/, '')
  let m
  if ((m = /^Array<(.+)>$/.exec(expr))) {
    const inner = typeOf(m[1], ctx, fieldKey)
    return { type: `[]${inner.type}`, ref: inner.ref }
  }
  if ((m = /^\{\s*\[name: string\]: (.+?);?\s*\}$/s.exec(expr))) {
    const inner = typeOf(m[1], ctx, fieldKey)
    return { type: `map[string]${inner.type}`, ref: inner.ref }
  }
  if (expr === 'number | string') return { type: 'IntOrString' }
  if (expr === 'string' || /^".*"$/.test(expr)) return { type: 'string' }
  if (expr === 'boolean') return { type: 'boolean' }
  if (expr === 'number') return { type: FLOAT_FIELDS.has(fieldKey) ? 'number' : 'integer' }
  if (expr === 'any' || expr === 'object') return { type: 'Object' }
  if (/^[A-Z]\w*$/.test(expr)) {
    const ref = ctx.resolve(expr)
    // Aliases keep their description (explain prints it under a field of that type) but have no fields.
    if (STRING_ALIASES.has(expr)) return { type: 'string', ref }
    if (NAMED_ALIASES.has(expr)) return { type: expr, ref }
    if (!ref) return { type: expr }
    if (ctx.isAlias(ref)) return { type: 'Object', ref }
    return { type: expr, ref }
  }
  return { type: 'Object' }
}

function parseFile(file, defs) {
  const mod = relative(pkgDir, file).replace(/\.d\.ts$/, '')
  const lines = readFileSync(file, 'utf8').split('\n')
  const imports = new Map()
  const local = new Set()
  const aliases = new Set()
  for (const line of lines) {
    const im = /^import \{ (.+) \} from "(.+)";$/.exec(line)
    if (im) {
      const from = relative(pkgDir, resolve(dirname(file), im[2]))
      for (const n of im[1].split(',').map((s) => s.trim())) imports.set(n, `${from}.${n}`)
    }
    const decl = /^export (interface|type) (\w+)/.exec(line)
    if (decl) {
      local.add(decl[2])
      if (decl[1] === 'type') aliases.add(`${mod}.${decl[2]}`)
    }
  }
  const ctx = {
    isAlias: (key) => aliases.has(key) || ALIAS_KEYS.has(key),
    resolve: (name) => (local.has(name) ? `${mod}.${name}` : imports.get(name)),
  }
  let comment = []
  let inComment = false
  let current
  let pending = ''
  for (const line of lines) {
    if (inComment) {
      comment.push(line)
      if (line.includes('*/')) inComment = false
      continue
    }
    if (/^\s*\/\*\*/.test(line)) {
      comment = [line]
      inComment = !line.includes('*/')
      continue
    }
    const iface = /^export interface (\w+) \{$/.exec(line)
    if (iface) {
      current = { d: commentText(comment), f: [] }
      defs[`${mod}.${iface[1]}`] = current
      current.name = iface[1]
      comment = []
      continue
    }
    const alias = /^export type (\w+) = /.exec(line)
    if (alias) {
      defs[`${mod}.${alias[1]}`] = { d: commentText(comment), f: [] }
      comment = []
      continue
    }
    if (line === '}') {
      current = undefined
      continue
    }
    if (!current) continue
    // A map type spans three lines: `name?: {`, `[name: string]: T;`, `};`.
    const text = pending ? `${pending} ${line.trim()}` : line
    if (/:\s*\{$/.test(line.trim()) && !pending) {
      pending = line
      continue
    }
    if (pending && !/^\s*\};?$/.test(line)) {
      pending = text
      continue
    }
    pending = ''
    const field = /^\s*(?:readonly )?("?[\w$.-]+"?)(\?)?: (.+)$/s.exec(text.replace(/\s*\};?$/, ' }'))
    if (!field) continue
    const name = field[1].replace(/"/g, '')
    const { type, ref } = typeOf(field[3], ctx, `${current.name}.${name}`)
    const required = !field[2] && !OPTIONAL_SINCE_1_30.has(`${mod}.${current.name}.${name}`)
    const entry = [name, type, required ? 1 : 0, commentText(comment)]
    if (ref) entry.push(ref)
    current.f.push(entry)
    comment = []
  }
}

const defs = {}
for (const file of walk(pkgDir)) parseFile(file, defs)
for (const def of Object.values(defs)) {
  delete def.name
  def.f.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}
const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version
const json = JSON.stringify({ source: `kubernetes-types@${version}`, defs })
mkdirSync(dirname(outFile), { recursive: true })
const body = `/* eslint-disable */\n// Generated by scripts/gen-schema.mjs from kubernetes-types@${version}. Do not edit.\nexport default JSON.parse(${JSON.stringify(json)})\n`
let previous = ''
try {
  previous = readFileSync(outFile, 'utf8')
} catch {
  // first run
}
// Quiet unless it wrote something: `npm run -s sim` output must stay kubectl's alone.
if (previous !== body) {
  writeFileSync(outFile, body)
  process.stderr.write(`gen-schema: ${Object.keys(defs).length} definitions from kubernetes-types@${version} → ${relative(root, outFile)}\n`)
}
