/** kubectl explain: the documentation of a resource or of one of its fields, from the API schema. */
import type { Api, KindInfo } from '../../apiserver/types'
import type { CommandContext } from '../context'
import { bool, parseFlags, str, type FlagSpec } from '../flags'
import { CommandError } from '../host'
import { renderExplain } from '../explain/render'
import { currentSchema, definitionKey, loadSchema } from '../explain/schema'
import { SUGGEST_API_RESOURCES } from '../help/usage'

const FLAGS: FlagSpec[] = [
  { name: 'recursive', type: 'bool' },
  { name: 'api-version', type: 'string' },
  { name: 'output', type: 'string' },
]

// kube: explain's two templates; both print the same plaintext here (there is one schema).
const OUTPUTS = ['plaintext', 'plaintext-openapiv2']

export function explain(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('explain', words, FLAGS)
  if (args.length === 0) throw new CommandError(`error: You must specify the type of resource to explain. ${SUGGEST_API_RESOURCES}\n`)
  if (args.length > 1) throw new CommandError('error: We accept only this format: explain RESOURCE\n')
  const output = str(flags.output) ?? 'plaintext'
  if (!OUTPUTS.includes(output)) throw new CommandError(`error: unrecognized format: ${output}`)
  const { info, path } = splitResource(ctx.host.api, args[0])
  let apiVersion = info.apiVersion
  const requested = str(flags['api-version'])
  if (requested) {
    if (requested !== info.apiVersion && !(info.alternateVersions ?? []).includes(requested)) {
      // kube: a GroupVersionResource prints as `group/version, Resource=name` (`/v1, ...` for the core group).
      const gvr = `${requested.includes('/') ? requested : `/${requested}`}, Resource=${info.resource}`
      const served = ctx.host.api.kinds().some((k) => k.apiVersion === requested || (k.alternateVersions ?? []).includes(requested))
      throw new CommandError(served ? `error: GVR (${gvr}) not found in OpenAPI schema` : `error: couldn't find resource for "${gvr}"`)
    }
    apiVersion = requested
  }
  const schema = currentSchema()
  if (!schema) {
    void loadSchema()
    // Terrarium: the schema is a lazily loaded part of the app; it normally arrives with kubectl.
    throw new CommandError('error: the API schema is still loading, try again in a moment')
  }
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1)
  ctx.out.out(renderExplain(schema, {
    group: info.group,
    kind: info.kind,
    version,
    definition: definitionKey(apiVersion, info.kind),
    path,
    recursive: bool(flags.recursive),
  }))
}

/**
 * `pods.spec.containers` → pods + [spec, containers]; `deployments.apps.spec` → deployments.apps + [spec]
 * (kubectl matches the longest prefix that names a resource, group included).
 */
function splitResource(api: Api, arg: string): { info: KindInfo; path: string[] } {
  const parts = arg.split('.')
  for (let i = parts.length; i >= 1; i--) {
    const name = parts.slice(0, i).join('.')
    const info = api.resolveKind(name) ?? api.resolveKind(name.toLowerCase())
    if (info) {
      return { info, path: parts.slice(i).filter(Boolean) }
    }
  }
  throw new CommandError(`error: the server doesn't have a resource type "${parts[0]}"`)
}
