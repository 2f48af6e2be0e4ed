/**
 * What kubectl needs from a cluster: the API, the clock (ages are relative to virtual now) and,
 * for the headless runner's `node kill`, the node simulator. Nothing else is reachable.
 */
import type { Api } from '../apiserver/types'
import type { Clock } from '../clock'
import type { NetResponse, RequestOptions } from '../network/types'
import type { KubeConfig } from './kubeconfig'
import type { ResourceMetrics } from '../metrics'

export interface NodeControl {
  kill(name: string): void
  restore(name: string): void
  /** Boots a new machine that registers itself as a Node (the runner's `node add`). */
  addNode?(spec: { name: string; cpu?: string; memory?: string; zone?: string; pods?: number }): unknown
  /** Switches a machine off and deletes its Node (the runner's `node remove`). */
  removeNode?(name: string): void
  /** The pods/log subresource, served by the pod's kubelet (`kubectl logs`). */
  logs?(namespace: string, pod: string, container: string, options?: { previous?: boolean }): { timestamp: string; line: string }[]
  /** The pods/exec subresource, run by the pod's kubelet (`kubectl exec`); throws ApiError. */
  exec?(namespace: string, pod: string, container: string, argv: string[]): { code: number; stdout: string; stderr: string }
}

/** The headless runner's traffic generators (network/traffic.ts). */
export interface TrafficControl {
  start(spec: { name: string; url: string; rps: number; from?: { pod: { namespace: string; name: string } } | { node: string } | { external: true } }): unknown
  stop(name: string): boolean
  list(): { name: string; url: string; rps: number; sent: number; ok: number; failed: number }[]
  pods(): Record<string, { ok: number; failed: number }>
  /** One request from outside the cluster (the runner's `curl`). */
  request?(url: string, options?: RequestOptions): NetResponse
  /** `kubectl port-forward`: localhost:localPort now reaches the pod's port. */
  portForward?(forward: { namespace: string; pod: string; localPort: number; remotePort: number }): void
}

export interface KubectlHost {
  api: Api
  clock: Clock
  nodes?: NodeControl
  /** Traffic generators (the runner's `traffic` verb, network/traffic.ts). */
  traffic?: TrafficControl
  /** metrics.k8s.io, served by metrics-server (`kubectl top`); absent when it is not installed. */
  metrics?: ResourceMetrics
}

export interface KubectlOptions {
  /** Text for `-f -`. */
  stdin?: string
  /** Reads a manifest named by `-f PATH`; throws when the file does not exist. */
  readFile?: (path: string) => string
  /** The entries of a directory named by `-f DIR` (subdirectories end in `/`); undefined when PATH is no directory. */
  listDir?: (path: string) => string[] | undefined
  /** Reads a docs example bundled under public/examples (`application/php-apache.yaml`), for `-f https://k8s.io/examples/...`. */
  readExample?: (path: string) => string
  /** Namespace of the current context (kube default: `default`). */
  namespace?: string
  /** The host's kubeconfig: `kubectl config` changes it; its current context's namespace wins over `namespace`. */
  kubeconfig?: KubeConfig
  /**
   * kubectl delete waits (--wait=true) until the objects are gone; here that means stepping the
   * virtual clock. Hosts that drive time themselves (the UI) may turn it off.
   */
  waitForDeletion?: boolean
  /** The host can open an editor for `kubectl edit` (the UI); the headless runner cannot. */
  editor?: boolean
  /** Where `kubectl port-forward` records a forward (the UI lists them); absent: nothing is kept. */
  portForwards?: { add(forward: PortForward): void }
}

/** One `kubectl port-forward` listener: local port on 127.0.0.1 and [::1] to a pod's port. */
export interface PortForward {
  namespace: string
  pod: string
  /** What the command named: `svc/web`, `deploy/web`, `pod/web-1`. */
  target: string
  localPort: number
  remotePort: number
}

/** `kubectl edit`'s object, for the host's editor; saving it goes to `applyEdit`. */
export interface EditRequest {
  kind: string
  namespace?: string
  name: string
  yaml: string
}

export interface KubectlResult {
  stdout: string
  stderr: string
  exitCode: number
  /** Set by `kubectl edit` (and by a failed save, to reopen the editor with the errors). */
  edit?: EditRequest
}

/** Collects a command's output; commands write lines as real kubectl does. */
export class Output {
  stdout = ''
  stderr = ''
  exitCode = 0
  edit?: EditRequest

  out(text: string): void {
    this.stdout += text.endsWith('\n') ? text : text + '\n'
  }

  err(text: string, exitCode = 1): void {
    this.stderr += text.endsWith('\n') ? text : text + '\n'
    if (exitCode) this.exitCode = exitCode
  }

  /** A message on stderr that is not a failure (`No resources found ...`, warnings). */
  note(text: string): void {
    this.err(text, 0)
  }

  result(): KubectlResult {
    return { stdout: this.stdout, stderr: this.stderr, exitCode: this.exitCode, ...(this.edit ? { edit: this.edit } : {}) }
  }
}

/** A failure that ends the command: printed to stderr as is (`error: ...`). */
export class CommandError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message)
    this.name = 'CommandError'
  }
}
