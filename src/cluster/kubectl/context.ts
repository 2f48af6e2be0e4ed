/** What every kubectl command runs with. */
import type { KubectlHost, KubectlOptions, Output } from './host'

export interface CommandContext {
  host: KubectlHost
  opts: KubectlOptions
  out: Output
}

export type Command = (ctx: CommandContext, words: string[]) => void

/** The namespace of a request: `-n` wins over the context's namespace (kube default `default`). */
export function namespaceOf(ctx: CommandContext, flag: unknown): string {
  return (typeof flag === 'string' && flag) || ctx.opts.kubeconfig?.namespace || ctx.opts.namespace || 'default'
}

export const ACTOR = { actor: 'kubectl' }
