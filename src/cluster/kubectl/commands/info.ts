/** kubectl version and cluster-info, for the simulated v1.35 cluster. */
import type { CommandContext } from '../context'
import { parseFlags } from '../flags'

export const KUBE_VERSION = 'v1.35.0'
// kube: kubectl v1.35 embeds kustomize v5.7.
const KUSTOMIZE_VERSION = 'v5.7.1'
const SERVER = 'https://127.0.0.1:6443'

export function version(ctx: CommandContext, words: string[]): void {
  const { flags } = parseFlags('version', words, [{ name: 'client', type: 'bool' }, { name: 'output', short: 'o', type: 'string' }])
  ctx.out.out(`Client Version: ${KUBE_VERSION}`)
  ctx.out.out(`Kustomize Version: ${KUSTOMIZE_VERSION}`)
  if (!flags.client) ctx.out.out(`Server Version: ${KUBE_VERSION}`)
}

export function clusterInfo(ctx: CommandContext, words: string[]): void {
  parseFlags('cluster-info', words, [])
  ctx.out.out(`Kubernetes control plane is running at ${SERVER}`)
  if (ctx.host.api.find('Service', 'kube-system', 'kube-dns')) {
    ctx.out.out(`CoreDNS is running at ${SERVER}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`)
  }
  ctx.out.out('')
  ctx.out.out("To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.")
}
