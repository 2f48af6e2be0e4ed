/**
 * kubectl's JSONPath (k8s.io/client-go/util/jsonpath): templates of literal text and `{...}`
 * actions — fields (`.a.b`, `.a\.b`, `.*`), recursive descent (`..name`), subscripts (`[0]`,
 * `[-1:]`, `[1:3:1]`, `[*]`, `[0,2]`, `['key']`), filters (`[?(@.type=="Ready")]`), string
 * literals (`{"\n"}`), `$`/`@`, and `{range ...}...{end}`. Missing keys print nothing, as kubectl
 * get sets allowMissingKeys. Several results of one action are separated by a space; maps and lists
 * print as compact JSON, scalars as Go's %v.
 */

type Step =
  | { t: 'field'; names: string[] } // '*' = every value
  | { t: 'recursive' }
  | { t: 'index'; index: number }
  | { t: 'slice'; start?: number; end?: number; step?: number }
  | { t: 'all' }
  | { t: 'union'; branches: Step[][] }
  | { t: 'filter'; left: Step[]; op?: string; right?: Operand }
  | { t: 'root' }
  | { t: 'current' }
  | { t: 'literal'; value: string | number | boolean }

type Operand = { path: Step[] } | { value: string | number | boolean }

type Node =
  | { t: 'text'; text: string }
  | { t: 'path'; steps: Step[] }
  | { t: 'range'; steps: Step[]; body: Node[] }

export class JsonPathError extends Error {}

/** Go's %#U: `U+0021 '!'`. */
const goRune = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`

const TERMINATORS = ' \t\r\n.,[]$@{}'

/** Parses a template; throws JsonPathError with client-go's parser messages. */
export function parseJsonPath(template: string): Node[] {
  const flat: ({ t: 'text'; text: string } | { t: 'action'; words: Step[][]; range?: boolean; end?: boolean })[] = []
  let i = 0
  while (i < template.length) {
    const open = template.indexOf('{', i)
    if (open < 0) {
      flat.push({ t: 'text', text: template.slice(i) })
      break
    }
    if (open > i) flat.push({ t: 'text', text: template.slice(i, open) })
    const { end, action } = parseAction(template, open + 1)
    flat.push(action)
    i = end
  }
  // Nest `{range}` ... `{end}`.
  const root: Node[] = []
  const stack: Node[][] = [root]
  for (const item of flat) {
    const into = stack[stack.length - 1]
    if (item.t === 'text') into.push(item)
    else if (item.range) {
      const r: Node = { t: 'range', steps: item.words.flat(), body: [] }
      into.push(r)
      stack.push(r.body)
    } else if (item.end) {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end')
      stack.pop()
    } else {
      for (const steps of item.words) into.push(steps.length === 1 && steps[0].t === 'literal' ? { t: 'text', text: String(steps[0].value) } : { t: 'path', steps })
    }
  }
  return root
}

/** One `{...}`: space-separated words, each a path or a literal. Returns the index after `}`. */
function parseAction(s: string, i: number) {
  const words: Step[][] = []
  let steps: Step[] = []
  let range = false
  let end = false
  const endWord = () => {
    if (steps.length) words.push(steps)
    steps = []
  }
  for (;;) {
    if (i >= s.length || s[i] === '\n' || s[i] === '\r') throw new JsonPathError('unclosed action')
    const c = s[i]
    if (c === '}') {
      endWord()
      return { end: i + 1, action: { t: 'action' as const, words, range, end } }
    }
    if (c === ' ' || c === '\t') {
      endWord()
      i++
    } else if (c === '"' || c === "'") {
      const { value, next } = parseQuote(s, i)
      steps.push({ t: 'literal', value })
      i = next
    } else if (c === '.') {
      if (s[i + 1] === '.') {
        steps.push({ t: 'recursive' })
        i += 2
        const name = readIdent(s, i)
        if (name.text) steps.push({ t: 'field', names: [name.text] })
        i = name.next
      } else {
        const name = readIdent(s, i + 1)
        if (name.text) steps.push({ t: 'field', names: [name.text] })
        else if (!steps.length) steps.push({ t: 'current' })
        i = name.next
      }
    } else if (c === '[') {
      const { step, next } = parseBracket(s, i)
      steps.push(step)
      i = next
    } else if (c === '$') {
      steps.push({ t: 'root' })
      i++
    } else if (c === '@') {
      steps.push({ t: 'current' })
      i++
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(s.slice(i))
      if (!m) throw new JsonPathError(`unrecognized character in action: ${goRune(c)}`)
      steps.push({ t: 'literal', value: Number(m[0]) })
      i += m[0].length
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i))!
      const word = m[0]
      if (word === 'range') range = true
      else if (word === 'end') end = true
      else if (word === 'true' || word === 'false') steps.push({ t: 'literal', value: word === 'true' })
      else throw new JsonPathError(`unrecognized identifier ${word}`)
      i += word.length
    } else {
      throw new JsonPathError(`unrecognized character in action: ${goRune(c)}`)
    }
  }
}

/** A field name: everything up to a terminator (client-go's isTerminator); `\\x` escapes x (`\\.`). */
function readIdent(s: string, i: number): { text: string; next: number } {
  let text = ''
  while (i < s.length) {
    if (s[i] === '\\' && i + 1 < s.length) {
      text += s[i + 1]
      i += 2
    } else if (!TERMINATORS.includes(s[i])) {
      text += s[i++]
    } else break
  }
  return { text, next: i }
}

function parseQuote(s: string, i: number): { value: string; next: number } {
  const q = s[i]
  let j = i + 1
  let raw = ''
  while (j < s.length && s[j] !== q) {
    if (s[j] === '\\' && j + 1 < s.length) {
      raw += s[j] + s[j + 1]
      j += 2
    } else raw += s[j++]
  }
  if (j >= s.length) throw new JsonPathError('unterminated quoted string')
  // kube: strconv.Unquote — Go's escapes (\n, \t, \", \\, \uXXXX).
  const value = raw.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) =>
    e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[e] ?? e)
  return { value, next: j + 1 }
}

/** `[...]`: index, slice, `*`, union, quoted key(s) or `?(filter)`. */
function parseBracket(s: string, i: number): { step: Step; next: number } {
  let depth = 0
  let j = i + 1
  let quote = ''
  for (; j < s.length; j++) {
    const c = s[j]
    if (quote) {
      if (c === '\\') j++
      else if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === ']' && depth === 0) break
    else if (c === '}' && depth === 0) throw new JsonPathError('unterminated array')
  }
  if (j >= s.length) throw new JsonPathError('unterminated array')
  const body = s.slice(i + 1, j).trim()
  const next = j + 1
  if (body.startsWith('?')) {
    const m = /^\?\s*\((.*)\)$/s.exec(body)
    if (!m) throw new JsonPathError('unterminated filter')
    return { step: parseFilter(m[1].trim()), next }
  }
  if (body === '*') return { step: { t: 'all' }, next }
  if (body.startsWith("'") || body.startsWith('"')) {
    const names: string[] = []
    let k = 0
    while (k < body.length) {
      const { value, next: after } = parseQuote(body, k)
      names.push(value)
      k = after
      while (body[k] === ' ' || body[k] === ',') k++
    }
    return { step: { t: 'field', names }, next }
  }
  if (body.includes(',')) {
    const branches = body.split(',').map((part) => {
      const p = part.trim()
      if (/^-?\d+$/.test(p)) return [{ t: 'index', index: Number(p) } as Step]
      if (/^-?\d*:-?\d*(:-?\d*)?$/.test(p)) return [slice(p)]
      const words = parseAction(p + '}', 0).action.words
      return words.flat()
    })
    return { step: { t: 'union', branches }, next }
  }
  if (/^-?\d+$/.test(body)) return { step: { t: 'index', index: Number(body) }, next }
  if (/^-?\d*:-?\d*(:-?\d*)?$/.test(body)) return { step: slice(body), next }
  throw new JsonPathError(`invalid array index ${body}`)
}

function slice(text: string): Step {
  const [a, b, c] = text.split(':').map((x) => (x.trim() === '' ? undefined : Number(x)))
  return { t: 'slice', start: a, end: b, step: c }
}

function parseFilter(text: string): Step {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>)\s*(.*)$/s.exec(text)
  const operand = (p: string): Operand => {
    const words = parseAction(p + '}', 0).action.words.flat()
    return words.length === 1 && words[0].t === 'literal' ? { value: words[0].value } : { path: words }
  }
  const leftText = m ? m[1] : text
  const left = parseAction(leftText + '}', 0).action.words.flat()
  if (!m) return { t: 'filter', left }
  return { t: 'filter', left, op: m[2], right: operand(m[3]) }
}

// ---- evaluation ---------------------------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)

function walk(values: unknown[], steps: Step[], root: unknown): unknown[] {
  let cur = values
  for (const step of steps) cur = apply(cur, step, root)
  return cur
}

function apply(values: unknown[], step: Step, root: unknown): unknown[] {
  const out: unknown[] = []
  switch (step.t) {
    case 'root':
      return [root]
    case 'current':
      return values
    case 'literal':
      return [step.value]
    case 'field':
      for (const v of values) {
        if (!isObject(v)) continue
        if (step.names[0] === '*') for (const k of Object.keys(v).sort()) out.push(v[k])
        else for (const n of step.names) if (n in v && v[n] !== undefined) out.push(v[n])
      }
      return out
    case 'recursive': {
      // kube: evalRecursive keeps every value that has children, parents before children.
      const visit = (v: unknown) => {
        const children = Array.isArray(v) ? v : isObject(v) ? Object.keys(v).sort().map((k) => v[k]) : []
        if (!children.length) return
        out.push(v)
        for (const c of children) visit(c)
      }
      values.forEach(visit)
      return out
    }
    case 'all':
      for (const v of values) {
        if (Array.isArray(v)) out.push(...v)
        else if (isObject(v)) for (const k of Object.keys(v).sort()) out.push(v[k])
      }
      return out
    case 'index':
      for (const v of values) {
        if (!Array.isArray(v)) continue
        const i = step.index < 0 ? v.length + step.index : step.index
        if (i >= 0 && i < v.length) out.push(v[i])
      }
      return out
    case 'slice':
      for (const v of values) if (Array.isArray(v)) out.push(...sliceOf(v, step))
      return out
    case 'union':
      for (const b of step.branches) out.push(...walk(values, b, root))
      return out
    case 'filter':
      for (const v of values) {
        const items = Array.isArray(v) ? v : []
        for (const item of items) if (filterMatches(item, step, root)) out.push(item)
      }
      return out
  }
}

function sliceOf(v: unknown[], s: { start?: number; end?: number; step?: number }): unknown[] {
  const len = v.length
  const clamp = (n: number) => Math.max(0, Math.min(len, n < 0 ? len + n : n))
  const start = s.start === undefined ? 0 : clamp(s.start)
  const end = s.end === undefined ? len : clamp(s.end)
  const step = s.step && s.step > 0 ? s.step : 1
  const out: unknown[] = []
  for (let i = start; i < end; i += step) out.push(v[i])
  return out
}

function filterMatches(item: unknown, f: Extract<Step, { t: 'filter' }>, root: unknown): boolean {
  const lefts = walk([item], f.left, root)
  if (!f.op || !f.right) return lefts.length > 0
  const rights = 'value' in f.right ? [f.right.value] : walk([item], f.right.path, root)
  if (!lefts.length || !rights.length) return false
  const a = lefts[0]
  const b = rights[0]
  switch (f.op) {
    case '==': return looseEqual(a, b)
    case '!=': return !looseEqual(a, b)
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return f.op === '<' ? a < b : f.op === '>' ? a > b : f.op === '<=' ? a <= b : a >= b
  }
  return false
}

const looseEqual = (a: unknown, b: unknown) => (typeof a === typeof b ? a === b : String(a) === String(b))

/** Go's json.Marshal: sorted keys, `<`, `>`, `&` escaped. */
export function goJson(v: unknown, indent?: string): string {
  const text = JSON.stringify(sortDeep(v), null, indent) ?? 'null'
  return text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep)
  if (isObject(v)) {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = sortDeep(v[k])
    return out
  }
  return v
}

/** Go's fmt %v of a decoded JSON value, as custom-columns prints a cell. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>'
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`
  if (isObject(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`
  return String(v)
}

function printable(v: unknown): string {
  if (Array.isArray(v) || isObject(v)) return goJson(v)
  if (v === null || v === undefined) return 'null'
  return String(v)
}

/** Every result of one path, grouped as client-go's FindResults (one group per path node). */
export function findResults(template: string, data: unknown): unknown[][] {
  const nodes = parseJsonPath(template)
  const groups: unknown[][] = []
  for (const n of nodes) if (n.t === 'path') groups.push(walk([data], n.steps, data))
  return groups
}

/**
 * Executes a parsed template over `data`: the text kubectl prints (no newline added). With `json`
 * (jsonpath-as-json) each action's results print as one indented JSON array.
 */
export function executeJsonPath(nodes: Node[], data: unknown, opts: { json?: boolean } = {}): string {
  let out = ''
  const print = (results: unknown[]) => {
    out += opts.json ? goJson(results, '    ') + '\n' : results.map(printable).join(' ')
  }
  const run = (list: Node[], cursor: unknown) => {
    for (const n of list) {
      if (n.t === 'text') print([n.text])
      else if (n.t === 'path') print(walk([cursor], n.steps, data))
      else for (const item of walk([cursor], n.steps, data)) run(n.body, item)
    }
  }
  run(nodes, data)
  return out
}

/** kubectl's RelaxedJSONPathExpression for custom-columns and --sort-by: `.a.b`, `a.b`, `{.a.b}`. */
export function relaxedJsonPath(expr: string): string {
  if (!expr.length) return expr
  const m = /^\{?(.*?)\}?$/.exec(expr)!
  let body = m[1]
  if (expr.startsWith('{') !== expr.endsWith('}')) {
    throw new JsonPathError(`unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`)
  }
  if (!body.startsWith('.') && !body.startsWith('$') && !body.startsWith('@')) body = '.' + body
  return `{${body}}`
}
