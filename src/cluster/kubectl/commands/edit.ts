/**
 * kubectl edit, the core side (kube: kubectl/pkg/cmd/util/editor/editoptions.go): `kubectl edit
 * TYPE NAME` hands the object's YAML, under kubectl's header comment, to the host's editor
 * (KubectlResult.edit); the saved text comes back through `applyEdit`, which updates the object
 * as kubectl does once the editor exits: comment lines dropped, an empty file or an unchanged
 * object cancels, an invalid one reopens the editor with the errors as comments.
 */
import { load } from 'js-yaml'
import type { KubeObject } from '../../apiserver/types'
import { ApiError } from '../../apiserver/types'
import { formatError } from '../errors'
import { parseFlags, type FlagSpec } from '../flags'
import { CommandError, Output, type EditRequest, type KubectlHost, type KubectlOptions, type KubectlResult } from '../host'
import { jsonEqual } from '../merge'
import { toYaml } from '../printers/yaml'
import { kindString, resolveResource, resourceString } from '../resources'
import { ACTOR, namespaceOf, type CommandContext } from '../context'
import { resourceTargets } from './targets'

const FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'output-patch', type: 'bool' },
  { name: 'windows-line-endings', type: 'bool' },
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'subresource', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'recursive', short: 'R', type: 'bool' },
]

// kube: the editor's header (editoptions.go), then the object.
export const EDIT_HEADER = [
  "# Please edit the object below. Lines beginning with a '#' will be ignored,",
  '# and an empty file will abort the edit. If an error occurs while saving this file will be',
  '# reopened with the relevant failures.',
  '#',
].join('\n')

// kube: the editor kubectl runs when neither KUBE_EDITOR nor EDITOR is set (Linux).
const DEFAULT_EDITOR = 'vi'

export function edit(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('edit', words, FLAGS)
  const api = ctx.host.api
  const namespace = namespaceOf(ctx, flags.namespace)
  const targets = resourceTargets(api, args, namespace, 'edit')
  if (targets.length !== 1) throw new CommandError('error: Terrarium edits one object at a time: name one object (TYPE NAME or TYPE/NAME)')
  const t = targets[0]
  const obj = api.get<KubeObject>(t.info.kind, t.namespace, t.name)
  if (!ctx.opts.editor) throw new CommandError(`error: unable to launch the editor "${DEFAULT_EDITOR}"`)
  ctx.out.edit = request(obj, `${EDIT_HEADER}\n${toYaml(obj)}`)
}

function request(obj: KubeObject, yaml: string): EditRequest {
  const meta = obj.metadata!
  return { kind: obj.kind!, ...(meta.namespace ? { namespace: meta.namespace } : {}), name: meta.name!, yaml }
}

/** kubectl edit after the editor closed: `text` is the saved buffer. */
export function applyEdit(host: KubectlHost, opts: KubectlOptions, original: { kind: string; namespace?: string; name: string }, text: string): KubectlResult {
  const out = new Output()
  const api = host.api
  try {
    const info = resolveResource(api, original.kind)
    const stripped = text.split('\n').filter((l) => !l.startsWith('#')).join('\n')
    if (!stripped.trim()) {
      out.note('Edit cancelled, saved file was empty.')
      return out.result()
    }
    const live = api.get<KubeObject>(info.kind, original.namespace, original.name)
    const label = `${resourceString(info)} "${original.name}"`
    let edited: KubeObject
    try {
      const value = load(stripped)
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('the edited object is not a map')
      edited = value as KubeObject
    } catch (e) {
      const ex = e as { reason?: string; mark?: { line: number }; message?: string }
      const why = ex.mark ? `yaml: line ${ex.mark.line + 1}: ${ex.reason}` : String(ex.message)
      return reopen(out, live, stripped, label, [`<nil>: Invalid value: "The edited file failed validation": ${why}`])
    }
    if (edited.kind !== live.kind || edited.apiVersion !== live.apiVersion || edited.metadata?.name !== live.metadata?.name) {
      throw new CommandError('error: At least one of apiVersion, kind and name was changed')
    }
    if (jsonEqual(edited, live)) {
      out.note('Edit cancelled, no changes made.')
      return out.result()
    }
    // The buffer is the whole object: it replaces the live one (its resourceVersion makes the
    // update conditional, as kubectl's patch is computed against what the editor showed).
    try {
      api.update(edited, ACTOR)
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'Invalid') {
        return reopen(out, live, stripped, label, e.causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)))
      }
      throw e
    }
    out.out(`${kindString(info)}/${original.name} edited`)
  } catch (e) {
    out.err(formatError(e), e instanceof CommandError ? e.exitCode : 1)
  }
  void opts
  return out.result()
}

/** kube: an invalid save reopens the editor with the failures as comments under the header. */
function reopen(out: Output, live: KubeObject, body: string, label: string, causes: string[]): KubectlResult {
  const notes = [`# ${label} was not valid:`, ...causes.map((c) => `# * ${c}`), '#']
  out.edit = request(live, `${EDIT_HEADER}\n${notes.join('\n')}\n${body.replace(/^\n+/, '')}`)
  out.err(`error: ${label} is invalid${causes.length ? `: ${causes.join(', ')}` : ''}`)
  return out.result()
}
