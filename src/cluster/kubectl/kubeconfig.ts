/**
 * The kubeconfig a kubectl host keeps: contexts (cluster, user, default namespace) and the current
 * one. `kubectl config set-context --current --namespace=dev` changes it; every later command
 * without `-n` then works in `dev`, as with a real ~/.kube/config. Owned by the host: the runner
 * keeps one per script, the worker one per session.
 */

/** kind's naming: cluster `terrarium` gives the context, cluster and user `kind-terrarium`. */
export const DEFAULT_CONTEXT = 'kind-terrarium'

export interface KubeContext {
  cluster: string
  user: string
  namespace?: string
}

export class KubeConfig {
  readonly contexts = new Map<string, KubeContext>()
  currentContext = DEFAULT_CONTEXT

  constructor(namespace?: string) {
    this.contexts.set(DEFAULT_CONTEXT, { cluster: DEFAULT_CONTEXT, user: DEFAULT_CONTEXT, namespace })
  }

  /** The current context's namespace; undefined means kubectl's default, `default`. */
  get namespace(): string | undefined {
    return this.contexts.get(this.currentContext)?.namespace || undefined
  }
}
