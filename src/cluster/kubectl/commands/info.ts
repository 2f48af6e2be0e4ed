/** kubectl version and cluster-info, for the simulated v1.35 cluster. */
import type { CommandContext } from '../context'
import { bool, parseFlags, str } from '../flags'
import { CommandError } from '../host'
import { toJson, toYaml } from '../printers/yaml'

export const KUBE_VERSION = 'v1.35.0'
// kube: kubectl v1.35 embeds kustomize v5.7.
const KUSTOMIZE_VERSION = 'v5.7.1'
const SERVER = 'https://127.0.0.1:6443'

export function version(ctx: CommandContext, words: string[]): void {
  const { flags, args } = parseFlags('version', words, [{ name: 'client', type: 'bool' }, { name: 'output', short: 'o', type: 'string' }])
  if (args.length) throw new CommandError(`error: unexpected arguments: [${args.join(' ')}]\nSee 'kubectl version -h' for help and examples`)
  const output = str(flags.output)
  if (output !== undefined) {
    if (output !== 'yaml' && output !== 'json') throw new CommandError("error: --output must be 'yaml' or 'json'")
    // kube: version.Info's fields; Terrarium has no build commit or date to report, so those are left out.
    const [major, minor] = KUBE_VERSION.slice(1).split('.')
    const info = { compiler: 'gc', gitVersion: KUBE_VERSION, major, minor, platform: 'linux/amd64' }
    const doc: Record<string, unknown> = { clientVersion: info, kustomizeVersion: KUSTOMIZE_VERSION }
    if (!bool(flags.client)) doc.serverVersion = info
    ctx.out.out(output === 'yaml' ? toYaml(doc) : toJson(doc))
    return
  }
  ctx.out.out(`Client Version: ${KUBE_VERSION}`)
  ctx.out.out(`Kustomize Version: ${KUSTOMIZE_VERSION}`)
  if (!flags.client) ctx.out.out(`Server Version: ${KUBE_VERSION}`)
}

export function clusterInfo(ctx: CommandContext, words: string[]): void {
  const { args } = parseFlags('cluster-info', words, [])
  if (args[0] === 'dump') throw new CommandError('error: "kubectl cluster-info dump" is not supported by this simulator')
  ctx.out.out(`Kubernetes control plane is running at ${SERVER}`)
  if (ctx.host.api.find('Service', 'kube-system', 'kube-dns')) {
    ctx.out.out(`CoreDNS is running at ${SERVER}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`)
  }
  ctx.out.out('')
  ctx.out.out("To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.")
}
