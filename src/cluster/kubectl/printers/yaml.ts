/**
 * `-o yaml` and `-o json` as kubectl prints them. kubectl marshals unstructured maps, so keys come
 * out sorted; YAML goes through sigs.k8s.io/yaml (go-yaml v2): sequences are not indented under
 * their key, strings that would read as another type (`"80"`, `"true"`, timestamps) are
 * double-quoted, other strings that cannot be plain are single-quoted, multi-line strings are
 * literal blocks, and lines are never folded.
 */
import { dump, DEFAULT_SCALAR_STYLE_RULES, SCALAR_STYLE, type ScalarLayout } from 'js-yaml'

// Strings go-yaml v2 resolves to a non-string type (YAML 1.1 booleans, null, numbers, timestamps).
const AMBIGUOUS = [
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:~|null|Null|NULL)$/,
  /^[-+]?(?:0|[1-9][0-9_]*)$/,
  /^[-+]?0b[01_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9.]*(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?[0-9][0-9_]*(?:\.[0-9]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  /^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?$/,
]

function doubleQuoteAmbiguous(layout: ScalarLayout): void {
  if (layout.style !== SCALAR_STYLE.PLAIN || layout.node.tag !== 'tag:yaml.org,2002:str') return
  const v = layout.node.value
  if (v === '' || AMBIGUOUS.some((re) => re.test(v))) layout.style = SCALAR_STYLE.DOUBLE_QUOTED
}

const RULES = [
  doubleQuoteAmbiguous,
  ...Object.values(DEFAULT_SCALAR_STYLE_RULES),
]

export function toYaml(obj: unknown): string {
  return dump(obj, {
    sortKeys: true,
    lineWidth: -1,
    noRefs: true,
    seqNoIndent: true,
    quoteStyle: 'single',
    scalarStyleRules: RULES,
  })
}

/** json.MarshalIndent with 4 spaces over sorted maps. */
export function toJson(obj: unknown): string {
  return JSON.stringify(sortKeys(obj), null, 4) + '\n'
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k]
      if (v !== undefined) out[k] = sortKeys(v)
    }
    return out
  }
  return value
}

/** kubectl prints several objects as a v1 List. */
export function asList(items: unknown[]): unknown {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }
}
