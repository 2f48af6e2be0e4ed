/** Flags many commands share, with the defaults pflag prints and texts in our words. */
import type { HelpOption } from './usage'

export const filename = (what: string): HelpOption => ['filename', '[]', `Filename, directory, or URL to files ${what}.`, 'f']

export const selector: HelpOption = [
  'selector', "''",
  "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
  'l',
]

export const fieldSelector: HelpOption = [
  'field-selector', "''",
  "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
]

export const allNamespaces: HelpOption = [
  'all-namespaces', 'false',
  'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
  'A',
]

export const output = (formats = 'json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file'): HelpOption =>
  ['output', "''", `Output format. One of: (${formats}).`, 'o']

export const dryRun: HelpOption = [
  'dry-run', "'none'",
  'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
]

export const fieldManager = (name: string): HelpOption => ['field-manager', `'${name}'`, 'Name of the manager used to track field ownership.']

export const recursive: HelpOption = [
  'recursive', 'false',
  'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
  'R',
]

export const saveConfig: HelpOption = [
  'save-config', 'false',
  "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.",
]

export const validate: HelpOption = [
  'validate', "'strict'",
  'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" uses a schema to validate the input and fails the request if invalid. "warn" warns about unknown or duplicate fields without blocking the request. "false" or "ignore" skips schema validation.',
]

export const allowMissingTemplateKeys: HelpOption = [
  'allow-missing-template-keys', 'true',
  'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
]

export const showManagedFields: HelpOption = ['show-managed-fields', 'false', 'If true, keep the managedFields when printing objects in JSON or YAML format.']

export const template: HelpOption = [
  'template', "''",
  'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
]

export const timeout = (what: string, def = '0s'): HelpOption => ['timeout', def, what]

export const local: HelpOption = ['local', 'false', 'If true, set will NOT contact api-server but run locally.']

export const all = (what: string): HelpOption => ['all', 'false', what]

/** The options `kubectl create <generator>` share (`templates`: the go-template printer flags). */
export const createCommon = (templates = true): HelpOption[] => [
  ...(templates ? [allowMissingTemplateKeys, showManagedFields, template] : []), dryRun, fieldManager('kubectl-create'), output(), saveConfig, validate,
]
