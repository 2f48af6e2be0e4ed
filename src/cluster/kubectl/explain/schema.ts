/**
 * The API schema behind `kubectl explain`: generated at build time from the `kubernetes-types`
 * declaration files (scripts/gen-schema.mjs), loaded lazily because it is large (~150 KB gzip) and
 * only explain needs it. runKubectl is synchronous, so the host starts the load early
 * (`loadSchema()`, which kubectl/index.ts also calls when it is imported) and explain uses whatever
 * has arrived.
 */

/** One field: name, kubectl's type string (`[]Container`, `map[string]string`), required (1/0), description, definition it refers to. */
export type SchemaField = [name: string, type: string, required: 0 | 1, description: string, ref?: string]

/** One definition (a Go struct of the API): its description and its fields, sorted by name. */
export interface SchemaDefinition {
  d: string
  f: SchemaField[]
}

/** Definitions keyed `<module>.<Type>` as kubernetes-types lays them out: `core/v1.Pod`, `apps/v1.DeploymentSpec`. */
export interface SchemaData {
  source: string
  defs: Record<string, SchemaDefinition>
}

let loaded: SchemaData | undefined
let loading: Promise<SchemaData> | undefined

/** Starts (once) and awaits the load of the generated schema. */
export function loadSchema(): Promise<SchemaData> {
  loading ??= import('../../../generated/k8s-schema.js').then((m) => (loaded = m.default))
  return loading
}

/** The schema if it has arrived; undefined while it is still loading. */
export function currentSchema(): SchemaData | undefined {
  return loaded
}

// kube: API groups whose kubernetes-types module is not the group's first label.
const MODULES: Record<string, string> = { '': 'core', 'internal.apiserver.k8s.io': 'apiserverinternal' }

/** `apps/v1` + `Deployment` → `apps/v1.Deployment`; `v1` + `Pod` → `core/v1.Pod`. */
export function definitionKey(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/')
  const group = slash < 0 ? '' : apiVersion.slice(0, slash)
  const version = apiVersion.slice(slash + 1)
  return `${MODULES[group] ?? group.split('.')[0]}/${version}.${kind}`
}
